package dev.imagecatalog.catalog.snapshot;

import dev.imagecatalog.catalog.CatalogException;
import dev.imagecatalog.catalog.CatalogImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A snapshot's images in answer order, each made from its block when first asked for and kept:
 * a request that touches a hundred images of a large catalog makes a hundred. A block is read and
 * checked, a piece at a time, on first use ({@link Sections}); a block is {@code [count, starts..., records...]}.
 */
final class SnapshotImages extends AbstractList<CatalogImage> implements RandomAccess {

    private final Sections sections;
    private final int size;
    private final int blockSize;
    /**
     * The images made, a block's slots at a time, each block's made when one of its images is first
     * asked for: nothing the size of the catalog is allocated at start (100,000 slots are a fresh
     * megabyte for the start to zero).
     */
    private final AtomicReferenceArray<AtomicReferenceArray<CatalogImage>> made;
    /** The label strings by index, made on first use; null until the string table is read. */
    private volatile AtomicReferenceArray<String> strings;

    SnapshotImages(Sections sections, int size, int blockSize) {
        this.sections = sections;
        this.size = size;
        this.blockSize = blockSize;
        this.made = new AtomicReferenceArray<>((int) ((size + (long) blockSize - 1) / blockSize));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public CatalogImage get(int position) {
        Objects.checkIndex(position, size);
        int block = position / blockSize;
        AtomicReferenceArray<CatalogImage> slots = made.get(block);
        if (slots == null) {
            made.compareAndSet(block, null, new AtomicReferenceArray<>(Math.min(blockSize, size - block * blockSize)));
            slots = made.get(block);
        }
        int index = position % blockSize;
        CatalogImage image = slots.get(index);
        if (image == null) {
            // Two first readers may both make it: equal images, one kept.
            image = read(position);
            slots.compareAndSet(index, null, image);
            image = slots.get(index);
        }
        return image;
    }

    private CatalogImage read(int position) {
        int section = Layout.FIRST_BLOCK + position / blockSize;
        ByteBuffer block = sections.get(section);
        int index = position % blockSize;
        try {
            int count = block.getInt(0);
            if (count <= index || count > blockSize) {
                throw new IllegalArgumentException("a block of " + count + " images");
            }
            int recordsAt = 4 + 4 * (count + 1);
            return ImageRecords.read(new Cursor(block, recordsAt + block.getInt(4 + 4 * index)), this::string);
        } catch (CatalogException e) {
            throw e; // a damaged string table: reported as it was read
        } catch (RuntimeException | IOException e) {
            throw sections.corrupted(section, e instanceof RuntimeException r ? r : new IllegalArgumentException(e.getMessage()));
        }
    }

    /** The i-th string of the table: {@code [count, starts... (count + 1), bytes]}. */
    private String string(int i) {
        ByteBuffer table = sections.get(Layout.STRINGS);
        AtomicReferenceArray<String> made = strings;
        if (made == null) {
            made = new AtomicReferenceArray<>(Math.max(0, table.getInt(0)));
            strings = made;
        }
        String string = made.get(i);
        if (string == null) {
            int start = table.getInt(4 + 4 * i);
            int end = table.getInt(4 + 4 * (i + 1));
            int bytesAt = 4 + 4 * (made.length() + 1);
            if (start < 0 || end < start || bytesAt + end > table.capacity()) {
                throw new IllegalArgumentException("string " + i + " out of place");
            }
            byte[] bytes = new byte[end - start];
            table.get(bytesAt + start, bytes);
            string = new String(bytes, StandardCharsets.UTF_8);
            made.set(i, string);
        }
        return string;
    }
}
