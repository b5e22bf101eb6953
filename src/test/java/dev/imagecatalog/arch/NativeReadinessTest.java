package dev.imagecatalog.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a GraalVM native build would refuse or silently freeze, checked on the JVM (no GraalVM runs
 * in CI). Quarkus initialises application classes while the native image is built, so whatever a
 * static field holds, or a static initialiser does, is taken from the build machine into the image
 * heap: a Netty or Vert.x buffer there fails the build ({@code UnsupportedFeatureException ...
 * VertxUnsafeHeapByteBuf ... found in the image heap}); a thread, a file, a socket, a random seed or
 * the time of day would be the build's, not the running process's.
 */
class NativeReadinessTest {

    /** Types whose instances must be created at run time, never held from a static initialiser. */
    static final List<String> RUN_TIME_ONLY = List.of(
            "io.netty.buffer.ByteBuf",
            "io.vertx.core.buffer.Buffer",
            "io.vertx.mutiny.core.buffer.Buffer",
            "java.nio.Buffer",
            "java.lang.Thread",
            "java.lang.ThreadLocal",
            "java.util.concurrent.Executor",
            "java.util.Random",
            "java.io.Closeable", // files, sockets, channels, streams
            "java.time.Clock",
            "java.time.Instant",
            // Keys, certificates and TLS contexts (dev.imagecatalog.tls): read from the files at run time, never the build machine's.
            "java.security.Key",
            "java.security.KeyStore",
            "java.security.cert.Certificate",
            "javax.net.ssl.SSLContext",
            "javax.net.ssl.KeyManager",
            "javax.net.ssl.TrustManager",
            "javax.net.ssl.KeyManagerFactory",
            "javax.net.ssl.TrustManagerFactory",
            // A meter or registry made at build time is the build's: Quarkus makes the registry at run time.
            "io.micrometer.core.instrument.Meter",
            "io.micrometer.core.instrument.MeterRegistry");

    /** Calls that read the machine, the clock or randomness, or start work: wrong in a static initialiser. */
    static final List<String> RUN_TIME_ONLY_CALLS = List.of(
            "java.lang.System.nanoTime",
            "java.lang.System.currentTimeMillis",
            "java.lang.System.getenv",
            "java.time.Instant.now",
            "java.time.Clock.systemUTC",
            "java.time.Clock.systemDefaultZone",
            "java.lang.Thread.start",
            "java.lang.Math.random",
            "java.util.UUID.randomUUID",
            "java.nio.file.Files.newInputStream",
            "java.nio.file.Files.readAllBytes",
            "java.nio.file.Files.readString",
            // A snapshot's file and the off-heap memory its sections are read into (catalog.snapshot.Sections):
            // opened at build time, the build machine's file; off-heap memory cannot be in the image heap.
            "java.nio.channels.FileChannel.open",
            "java.nio.ByteBuffer.allocateDirect",
            // ... and, in the native image, the mappings off-heap memory comes from (catalog.memory.OffHeapInNativeImage).
            "dev.imagecatalog.catalog.memory.Mman.mmap",
            // What describes the host (GET /info, /version): the build machine's, if read at build time.
            "java.lang.System.getProperty",
            "java.lang.Runtime.availableProcessors",
            "java.lang.Runtime.getRuntime",
            "java.net.InetAddress.getLocalHost",
            "java.lang.management.ManagementFactory.getOperatingSystemMXBean");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.imagecatalog");
    }

    @Test
    void noStaticFieldHoldsWhatMustBeCreatedAtRunTime() {
        fields().that().areStatic().should(notHaveARunTimeOnlyType())
                .because("Quarkus initialises classes at native-image build time: a static buffer, thread, file or clock"
                        + " value would be the build machine's (a Vert.x buffer there fails the build)")
                .check(classes);
    }

    @Test
    void noStaticInitialiserReadsTheClockTheEnvironmentOrFilesOrStartsThreads() {
        noClasses().should(callInAStaticInitialiser(RUN_TIME_ONLY_CALLS))
                .because("a static initialiser runs while the native image is built, not when the service starts")
                .check(classes);
    }

    /** The guard itself must see what it is meant to catch; a rule that matches nothing proves nothing. */
    @Test
    void theGuardCatchesAStaticBufferAndAClockReadInAStaticInitialiser() {
        JavaClasses bad = new ClassFileImporter().importClasses(WithStaticBuffer.class, WithStartTime.class);
        assertThrows(AssertionError.class,
                () -> fields().that().areStatic().should(notHaveARunTimeOnlyType()).check(bad));
        assertThrows(AssertionError.class,
                () -> noClasses().should(callInAStaticInitialiser(RUN_TIME_ONLY_CALLS)).check(bad));
    }

    /**
     * A GraalVM substitution ({@code *InNativeImage}) is never loaded on the JVM, and the member it
     * names can go away in an update of the class it replaces (Netty's, say): then only a native
     * build would say so. Checked here instead: name, parameter types, return type, static or not.
     */
    @Test
    void everySubstitutionNamesAMemberItsTargetHas() throws Exception {
        List<Class<?>> substitutions = new ArrayList<>();
        for (JavaClass javaClass : classes) {
            if (javaClass.isAnnotatedWith(TargetClass.class)) {
                substitutions.add(Class.forName(javaClass.getName(), false, getClass().getClassLoader()));
            }
        }
        assertTrue(substitutions.size() >= 4, "found " + substitutions);
        for (Class<?> substitution : substitutions) {
            assertEquals(List.of(), missingTargets(substitution), substitution.getName());
        }
        assertEquals(
                Set.of("noSuchMethod", "unreserveMemory (another return type, or static where it is not)"),
                Set.copyOf(missingTargets(WithAMissingTarget.class)),
                "the check sees a substitution whose target has no such member");
    }

    @TargetClass(className = "java.nio.Bits")
    static final class WithAMissingTarget {
        @Alias
        static native void reserveMemory(long size, long capacity);

        @Alias
        static native void noSuchMethod();

        @Alias
        native void unreserveMemory(long size, long capacity);
    }

    /** The members a substitution class replaces or aliases that its target does not declare. */
    private static List<String> missingTargets(Class<?> substitution) throws ClassNotFoundException {
        TargetClass target = substitution.getAnnotation(TargetClass.class);
        Class<?> replaced = target.value() != TargetClass.class ? target.value()
                : Class.forName(target.className(), false, NativeReadinessTest.class.getClassLoader());
        List<String> missing = new ArrayList<>();
        for (Method method : substitution.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Substitute.class) || method.isAnnotationPresent(Alias.class)) {
                try {
                    Method original = replaced.getDeclaredMethod(method.getName(), method.getParameterTypes());
                    if (original.getReturnType() != method.getReturnType()
                            || Modifier.isStatic(original.getModifiers()) != Modifier.isStatic(method.getModifiers())) {
                        missing.add(method.getName() + " (another return type, or static where it is not)");
                    }
                } catch (NoSuchMethodException e) {
                    missing.add(method.getName());
                }
            }
        }
        for (Field field : substitution.getDeclaredFields()) {
            if (field.isAnnotationPresent(Alias.class)) {
                try {
                    replaced.getDeclaredField(field.getName());
                } catch (NoSuchFieldException e) {
                    missing.add(field.getName());
                }
            }
        }
        return missing;
    }

    static final class WithStaticBuffer {
        static final io.vertx.core.buffer.Buffer PAGE_NOT_FOUND = io.vertx.core.buffer.Buffer.buffer("{}");
    }

    static final class WithStartTime {
        static final long STARTED = System.nanoTime();
    }

    private static ArchCondition<JavaField> notHaveARunTimeOnlyType() {
        return new ArchCondition<>("not have a type created only at run time " + RUN_TIME_ONLY) {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                JavaClass type = field.getRawType();
                for (String runTimeOnly : RUN_TIME_ONLY) {
                    if (type.isAssignableTo(runTimeOnly)) {
                        events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is static and of type "
                                + type.getName() + " (a " + runTimeOnly + ")"));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> callInAStaticInitialiser(List<String> targets) {
        return new ArchCondition<>("call " + targets + " in a static initialiser") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                javaClass.getStaticInitializer().ifPresent(init -> {
                    for (JavaAccess<?> call : init.getAccessesFromSelf()) {
                        String target = call.getTargetOwner().getName() + "." + call.getName();
                        if (targets.contains(target)) {
                            events.add(SimpleConditionEvent.satisfied(javaClass, javaClass.getName()
                                    + " calls " + target + " in its static initialiser"));
                        }
                    }
                });
            }
        };
    }
}
