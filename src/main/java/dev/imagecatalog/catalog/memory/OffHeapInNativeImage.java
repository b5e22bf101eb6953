package dev.imagecatalog.catalog.memory;

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
 * {@link OffHeap} in the native image (GraalVM substitutes it at build time; the JVM never loads
 * this class). A direct buffer there is zeroed by a Java loop and then faulted in a 4 KiB page at a
 * time: for a 43 MB section, half of the first answer's wait; for the image blocks a large filtered
 * answer reads, 4 KiB pages also made the read's copy slow. Here large memory is an anonymous
 * mapping (zero pages from the kernel, nothing written twice, nothing committed that is not
 * written) advised for transparent huge pages, so that it is faulted in 2 MiB at a time where the
 * kernel allows it ({@code madvise} mode; where it does not, the advice is a no-op and the pages are
 * 4 KiB). A mapping is unmapped when it and every buffer cut from it are unreachable: the JDK's
 * common cleaner runs that, as it frees direct buffers. Where a mapping fails (the map table full,
 * say), memory is what the JVM gives.
 */
@TargetClass(OffHeap.class)
final class OffHeapInNativeImage {

    @Substitute
    public static ByteBuffer buffer(int length) {
        if (length < OffHeap.MAPPED_FROM) {
            return ByteBuffer.allocateDirect(length);
        }
        JdkBits.reserveMemory(length, length); // counted up front, as a direct buffer is
        OffHeap.Reserved reserved = new OffHeap.Reserved();
        reserved.add(length);
        ByteBuffer mapped = Mappings.anonymous(length, reserved);
        if (mapped == null) {
            JdkBits.unreserveMemory(length, length);
            return ByteBuffer.allocateDirect(length);
        }
        return mapped;
    }

    @Substitute
    public static OffHeap region(long length) {
        if (length <= 0 || length > Integer.MAX_VALUE) {
            return new OffHeap(null, null); // a buffer's length is an int: a larger region gets a buffer per part
        }
        OffHeap.Reserved reserved = new OffHeap.Reserved(); // counted part by part, as they are asked for
        ByteBuffer mapped = Mappings.anonymous((int) length, reserved);
        return new OffHeap(mapped, mapped == null ? null : reserved);
    }

    @Substitute
    static void reserve(long bytes) {
        JdkBits.reserveMemory(bytes, bytes);
    }

    private OffHeapInNativeImage() {
    }
}

/** Anonymous mappings as direct buffers (a substitution class may hold only substitutes: the work is here). */
final class Mappings {

    /** A transparent huge page on x86-64 and (with 4 KiB pages) aarch64. */
    private static final long HUGE_PAGE = 2L << 20;

    /**
     * An anonymous mapping as a direct buffer, unmapped once unreachable, when it gives back what it
     * has {@code reserved} of the direct memory limit; null if it cannot be made. Without that limit,
     * the memory of a replaced catalog would wait for a full collection, which a compacted old
     * generation makes rare, and the process would grow with every reload.
     */
    static ByteBuffer anonymous(int length, OffHeap.Reserved reserved) {
        // A length of whole huge pages: the kernel (6.7 on) then places the mapping on a huge page's
        // boundary, so that all of it can be huge pages; the rest of the last one is address space only.
        long mappedLength = length >= HUGE_PAGE ? (length + HUGE_PAGE - 1L) / HUGE_PAGE * HUGE_PAGE : length;
        UnsignedWord size = WordFactory.unsigned(mappedLength);
        Pointer mapped = Mman.mmap(WordFactory.nullPointer(), size, Mman.PROT_READ() | Mman.PROT_WRITE(),
                Mman.MAP_PRIVATE() | Mman.MAP_ANONYMOUS(), -1, WordFactory.zero());
        if (mapped.rawValue() == -1L) { // MAP_FAILED
            return null;
        }
        Mman.madvise(mapped, size, Mman.MADV_HUGEPAGE()); // advice only: refused (EINVAL) where THP is off
        ByteBuffer buffer = CTypeConversion.asByteBuffer(mapped, length);
        long address = mapped.rawValue();
        // A slice or duplicate keeps this buffer reachable: unmapped after the last of them.
        JdkCleanerFactory.cleaner().register(buffer, () -> {
            Mman.munmap(WordFactory.pointer(address), WordFactory.unsigned(mappedLength));
            long bytes = reserved.bytes();
            int parts = reserved.parts();
            if (parts > 0) {
                JdkBits.unreserveMemory(bytes, bytes); // and one count per part, as each reserved one
                for (int i = 1; i < parts; i++) {
                    JdkBits.unreserveMemory(0, 0);
                }
            }
        });
        return buffer;
    }

    private Mappings() {
    }
}

/** The JDK's account of direct memory, which every direct buffer reserves from and gives back to. */
@TargetClass(className = "java.nio.Bits")
final class JdkBits {
    @Alias
    static native void reserveMemory(long size, long capacity);

    @Alias
    static native void unreserveMemory(long size, long capacity);
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
