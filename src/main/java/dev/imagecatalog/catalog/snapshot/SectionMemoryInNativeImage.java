package dev.imagecatalog.catalog.snapshot;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.List;
import org.graalvm.nativeimage.c.CContext;
import org.graalvm.nativeimage.c.constant.CConstant;
import org.graalvm.nativeimage.c.function.CFunction;
import org.graalvm.nativeimage.c.type.CTypeConversion;
import org.graalvm.word.Pointer;
import org.graalvm.word.PointerBase;
import org.graalvm.word.SignedWord;
import org.graalvm.word.UnsignedWord;
import org.graalvm.word.WordFactory;

/**
 * {@link SectionMemory} in the native image (GraalVM substitutes it at build time; the JVM never
 * loads this class). A direct buffer there is zeroed by a Java loop and then faulted in a 4 KiB page
 * at a time: for a 43 MB section, half of the first answer's wait. Here the section gets an
 * anonymous mapping of its own (zero pages from the kernel, nothing written twice) advised for
 * transparent huge pages, so that the read faults it in 2 MiB at a time where the kernel allows it
 * ({@code madvise} mode; where it does not, the advice is a no-op and the pages are 4 KiB, as
 * before). The mapping is unmapped when the buffer, and every view of it, is unreachable: the
 * JDK's common cleaner runs that, as it frees direct buffers.
 */
@TargetClass(SectionMemory.class)
final class SectionMemoryInNativeImage {

    @Substitute
    static ByteBuffer allocate(int length) {
        UnsignedWord size = WordFactory.unsigned(length);
        Pointer mapped = Mman.mmap(WordFactory.nullPointer(), size, Mman.PROT_READ() | Mman.PROT_WRITE(),
                Mman.MAP_PRIVATE() | Mman.MAP_ANONYMOUS(), -1, WordFactory.zero());
        if (mapped.rawValue() == -1L) { // MAP_FAILED: what the JVM does, then
            return ByteBuffer.allocateDirect(length);
        }
        Mman.madvise(mapped, size, Mman.MADV_HUGEPAGE()); // advice only: refused (EINVAL) where THP is off
        ByteBuffer buffer = CTypeConversion.asByteBuffer(mapped, length);
        long address = mapped.rawValue();
        JdkCleanerFactory.cleaner().register(buffer, () -> Mman.munmap(WordFactory.pointer(address), WordFactory.unsigned(length)));
        return buffer;
    }

    private SectionMemoryInNativeImage() {
    }
}

/** The JDK's common cleaner, which frees direct buffers (the native image runs it on its reference handler). */
@TargetClass(className = "jdk.internal.ref.CleanerFactory")
final class JdkCleanerFactory {
    @Alias
    static native Cleaner cleaner();
}

/** What {@code <sys/mman.h>} declares, read from the header when the image is built. */
@CContext(Mman.Directives.class)
final class Mman {

    public static final class Directives implements CContext.Directives {
        @Override
        public List<String> getHeaderFiles() {
            return List.of("<sys/mman.h>");
        }

        @Override
        public List<String> getMacroDefinitions() {
            return List.of("_GNU_SOURCE"); // MAP_ANONYMOUS, MADV_HUGEPAGE
        }
    }

    @CConstant
    static native int PROT_READ();

    @CConstant
    static native int PROT_WRITE();

    @CConstant
    static native int MAP_PRIVATE();

    @CConstant
    static native int MAP_ANONYMOUS();

    @CConstant
    static native int MADV_HUGEPAGE();

    @CFunction
    static native Pointer mmap(PointerBase address, UnsignedWord length, int protection, int flags, int fd, SignedWord offset);

    @CFunction
    static native int madvise(PointerBase address, UnsignedWord length, int advice);

    @CFunction
    static native int munmap(PointerBase address, UnsignedWord length);
}
