package dev.imagecatalog.catalog.snapshot;

import java.nio.ByteBuffer;

/**
 * Off-heap memory for the large sections of one snapshot file (tens of megabytes for a
 * 100,000-image catalog's default answer and image blocks), each filled by its read before anything
 * else sees it.
 *
 * <p>On the JVM each section gets a direct buffer of its own. The native image replaces
 * {@link #forFile} ({@link SectionMemoryInNativeImage}) with one mapping the size of the file,
 * advised for transparent huge pages and not zeroed, each section a slice of it at its offset in
 * the file: there a direct buffer is zeroed by a Java loop and then faulted in 4 KiB at a time,
 * which was half of a 100,000-image snapshot's first answer; a section that is never read costs
 * address space only.
 */
final class SectionMemory {

    /** One mapping for the whole file, or null: a direct buffer per section. */
    private final ByteBuffer file;

    SectionMemory(ByteBuffer file) {
        this.file = file;
    }

    /** The memory for a file of {@code length} bytes whose sections are read on first use. */
    static SectionMemory forFile(long length) {
        return new SectionMemory(null);
    }

    /**
     * A buffer for the section at {@code offset}, its contents undefined until the caller fills it; freed once
     * unreachable. Slices of one mapping never overlap: SnapshotHeader accepts only a table whose sections
     * tile the file, each after the one before.
     */
    ByteBuffer section(long offset, int length) {
        return file == null ? ByteBuffer.allocateDirect(length) : file.slice((int) offset, length);
    }
}
