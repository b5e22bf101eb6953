package dev.imagecatalog.catalog.snapshot;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A compiled catalog: what the loader made of a catalog file, checked, in sections that requests
 * read where they need them ({@link Layout}): the default answer as compiled, the ids, the sorted
 * references, the label postings, and the images in blocks. Opening one reads its header and
 * section table only; each section is read and checked when first used, so whatever the first
 * request, it reads what it needs and nothing is decoded for it but the images it touches.
 * {@code compile-catalog} writes it; a catalog path naming one is served from it ({@link
 * #isSnapshot} tells it by its first bytes, never by its name).
 */
public final class Snapshot {

    /** The format version this build writes and reads. */
    public static final int FORMAT_VERSION = Layout.FORMAT_VERSION;
    /** Where the format version lies in the file (after the magic). */
    public static final int VERSION_OFFSET = Layout.MAGIC.length;

    private Snapshot() {
    }

    /**
     * The default answer compiled in: its body, gzip form and entity tag, as the service makes them;
     * what rendered it (opaque here: the reader serves the answer only if it renders the same way);
     * and the images it lists (their positions, ascending) with where each one's object ends.
     */
    public record DefaultAnswer(byte[] body, byte[] gzip, String tag, String rendering, int[] positions, int[] ends) {
    }

    /** Whether the file starts as a snapshot does (else it is taken for JSON). */
    public static boolean isSnapshot(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(Layout.MAGIC.length);
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // read what there is
            }
            return !head.hasRemaining() && Arrays.equals(head.array(), Layout.MAGIC);
        } catch (IOException e) {
            return false; // the loader reports what is wrong with the file
        }
    }

    /** Writes the catalog as a snapshot without a compiled default answer. */
    public static long write(Catalog catalog, Path target) throws IOException {
        return write(catalog, null, target);
    }

    /**
     * Writes the catalog as a snapshot, whole or not at all (a temporary file renamed over the target).
     *
     * @param answer the default answer as the service renders it, stored as opaque bytes; or null
     */
    public static long write(Catalog catalog, DefaultAnswer answer, Path target) throws IOException {
        return SnapshotWriter.write(catalog, answer, target);
    }

    /**
     * Reads a snapshot whole: every section read and checked (a reload, which must refuse a damaged
     * file before it replaces what is served).
     *
     * @throws CatalogException a snapshot of another format version, truncated or corrupted, in one line
     */
    public static Catalog read(Path file) {
        Opened opened = open(file, damage -> {
        });
        try {
            opened.readAll();
        } catch (CatalogException e) {
            opened.close();
            throw e;
        }
        return opened.catalog();
    }

    /**
     * Opens a snapshot: checks its header and section table, and reads its metadata; every other
     * section is read and checked on first use.
     *
     * @param onDamage told (once per damaged section) when a section read later is found damaged;
     *                 the request that read it fails with the same exception
     * @throws CatalogException a snapshot of another format version, truncated, or with a damaged header, in one line
     */
    public static Opened open(Path file, Consumer<CatalogException> onDamage) {
        Sections sections = SnapshotHeader.open(file, onDamage);
        boolean opened = false;
        try {
            ByteBuffer meta = sections.get(Layout.META);
            Cursor in = new Cursor(meta, 0);
            int images = in.getInt();
            int blockSize = in.getInt();
            int blocks = in.getInt();
            boolean hasAnswer = in.getBoolean();
            String tag = in.string();
            String rendering = in.string();
            if (images < 0 || blockSize <= 0 || blocks != (images + (long) blockSize - 1) / blockSize
                    || sections.count() != Layout.FIRST_BLOCK + blocks) {
                throw new IllegalArgumentException(images + " images in " + blocks + " blocks of " + blockSize);
            }
            SnapshotImages list = new SnapshotImages(sections, images, blockSize);
            SnapshotAnswer answer = hasAnswer ? new SnapshotAnswer(sections, tag, rendering, images) : null;
            Opened result = new Opened(sections, Catalog.compiled(list, new SnapshotIndex(sections), answer));
            opened = true;
            return result;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw corrupted(file.toString(), e);
        } finally {
            if (!opened) {
                sections.close();
            }
        }
    }

    /** An opened snapshot: its catalog, served at once, and the sections not read yet. */
    public static final class Opened {
        private final Sections sections;
        private final Catalog catalog;

        private Opened(Sections sections, Catalog catalog) {
            this.sections = sections;
            this.catalog = catalog;
        }

        public Catalog catalog() {
            return catalog;
        }

        /** Which sections are read so far (tests). */
        Sections sections() {
            return sections;
        }

        /**
         * Reads and checks every section not read yet, then closes the file: what a service does
         * in the background once it serves, so that damage anywhere is found soon.
         *
         * @throws CatalogException the first damaged section, in one line
         */
        public void readAll() {
            sections.readAll();
        }

        /** Lets the file go without reading the rest (the catalog was replaced). */
        public void close() {
            sections.close();
        }
    }

    static CatalogException corrupted(String source, RuntimeException e) {
        return new CatalogException(source, "is a corrupted catalog snapshot (" + e.getClass().getSimpleName() + "): compile it again");
    }

    static CatalogException checksumMismatch(String source) {
        return new CatalogException(source, "is a corrupted catalog snapshot (its checksum does not match): compile it again");
    }
}
