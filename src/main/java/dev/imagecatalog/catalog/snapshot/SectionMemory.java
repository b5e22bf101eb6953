package dev.imagecatalog.catalog.snapshot;

import java.nio.ByteBuffer;

/**
 * Off-heap memory for a large section read from the file (tens of megabytes for a 100,000-image
 * catalog's default answer), filled by the read before anything else sees it.
 *
 * <p>On the JVM a direct buffer. The native image replaces {@link #allocate} with memory mapped
 * for transparent huge pages and not zeroed ({@link SectionMemoryInNativeImage}): there the zeroing
 * of a direct buffer and a page fault per 4 KiB page were half of a 100,000-image snapshot's first
 * answer.
 */
final class SectionMemory {

    /** A buffer of {@code length} bytes, its contents undefined until the caller fills it; freed once unreachable. */
    static ByteBuffer allocate(int length) {
        return ByteBuffer.allocateDirect(length);
    }

    private SectionMemory() {
    }
}
