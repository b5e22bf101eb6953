package dev.imagecatalog.catalog.snapshot;

import dev.imagecatalog.catalog.CatalogException;
import dev.imagecatalog.catalog.TwoThreads;
import dev.imagecatalog.catalog.memory.OffHeap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * A snapshot's sections, each read from the file on first use and checked a piece at a time, each
 * piece against its CRC-32 (a large section read by two threads) and then kept in memory of
 * its own, off the heap: what is served never changes with the file, and nothing is checked or
 * read that no request needs. A damaged section is refused before anything of it is used: the
 * request that met it fails, and the damage is reported once ({@code onDamage}) with its one line.
 */
final class Sections {

    /** From this size a section is read by two threads, split where a huge page (and a piece) starts. */
    private static final int TWO_READERS_FROM = 8 << 20;
    private static final int HALF_ALIGNMENT = 2 << 20;
    /** Sections smaller than this live on the heap (a handful of bytes each: the metadata, a small catalog's). */
    private static final int DIRECT_FROM = 64 * 1024;

    private final Path file;
    private final String source;
    /** The file opened (its identity, size and time), so that a channel opened again reads the same file or nothing. */
    private final BasicFileAttributes opened;
    private final long[] offsets;
    private final long[] lengths;
    /** Where each section's pieces' checksums start in {@link #checksums} (and, last, their count). */
    private final int[] firstPieces;
    /** The CRC-32 of every piece of every section ({@link Layout#PIECE_BYTES} each), section after section. */
    private final int[] checksums;
    private final AtomicReferenceArray<ByteBuffer> read;
    /** A section found damaged: refused again at once, reported once. */
    private final AtomicReferenceArray<CatalogException> damaged;
    private final Object[] locks;
    private final Consumer<CatalogException> onDamage;
    private final OffHeap memory;
    private volatile FileChannel channel; // null once every section is read, or once closed
    private volatile boolean closed; // let go for good: nothing more is read

    Sections(Path file, FileChannel channel, BasicFileAttributes opened, long[] offsets, long[] lengths, int[] firstPieces,
            int[] checksums, Consumer<CatalogException> onDamage) {
        this.file = file;
        this.source = file.toString();
        this.channel = channel;
        this.opened = opened;
        this.offsets = offsets;
        this.lengths = lengths;
        this.firstPieces = firstPieces;
        this.checksums = checksums;
        this.read = new AtomicReferenceArray<>(offsets.length);
        this.damaged = new AtomicReferenceArray<>(offsets.length);
        this.locks = new Object[offsets.length];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        this.onDamage = onDamage;
        this.memory = OffHeap.region(offsets.length == 0 ? 0 : offsets[offsets.length - 1] + lengths[offsets.length - 1]);
    }

    int count() {
        return offsets.length;
    }

    long length(int section) {
        return lengths[section];
    }

    boolean isRead(int section) {
        return read.get(section) != null;
    }

    /**
     * The section's bytes (read them with absolute gets only: they are shared), read and checked on first use.
     *
     * @throws CatalogException the section is damaged, or the file cannot be read any more
     */
    ByteBuffer get(int section) {
        ByteBuffer bytes = read.get(section);
        if (bytes == null) {
            synchronized (locks[section]) {
                bytes = read.get(section);
                if (bytes == null) {
                    CatalogException refused = damaged.get(section);
                    if (refused != null) {
                        throw refused;
                    }
                    bytes = readChecked(section);
                    read.set(section, bytes);
                }
            }
        }
        return bytes;
    }

    /** Reads and checks every section not read yet, then lets the file go (nothing more to read from it). */
    void readAll() {
        for (int i = 0; i < count(); i++) {
            get(i);
        }
        close();
    }

    /** Lets the file go for good: sections not read by now cannot be read any more. */
    synchronized void close() {
        closed = true;
        FileChannel open = channel;
        channel = null;
        try {
            if (open != null) {
                open.close();
            }
        } catch (IOException e) {
            // nothing more is read from it
        }
    }

    /** A part of a section that cannot be what the writer wrote (its checksum held): damage. */
    CatalogException corrupted(int section, RuntimeException cause) {
        return damaged(section, Snapshot.corrupted(source, cause));
    }

    private CatalogException damaged(int section, CatalogException e) {
        if (damaged.compareAndSet(section, null, e)) {
            onDamage.accept(e);
        }
        return damaged.get(section);
    }

    private ByteBuffer readChecked(int section) {
        int length = (int) lengths[section];
        ByteBuffer into = length >= DIRECT_FROM ? memory.part(offsets[section], length) : ByteBuffer.allocate(length);
        // A large section is read by two threads, each half: most of a read is the kernel giving
        // fresh pages (zeroed) to copy into, which two cores do in half the time.
        int split = length >= TWO_READERS_FROM ? (length / 2) & -HALF_ALIGNMENT : length;
        try {
            if (split < length) {
                ByteBuffer half = into.duplicate();
                TwoThreads.run("section-reader", () -> readRange(section, into, 0, split), () -> readRange(section, half, split, length));
            } else {
                readRange(section, into, 0, length);
            }
        } catch (IOException e) {
            throw cannotBeRead(e);
        }
        return into.limit(length).position(0).asReadOnlyBuffer();
    }

    /**
     * Reads one piece of a section into {@code into} (from its position, which moves past it) and
     * checks it, without keeping it: for an answer sent a piece at a time while it is read. A
     * damaged piece is refused, and reported, as a damaged section is.
     *
     * @throws CatalogException the piece is damaged, or the file cannot be read any more
     */
    void readPiece(int section, int piece, ByteBuffer into) {
        CatalogException refused = damaged.get(section);
        if (refused != null) {
            throw refused;
        }
        long start = (long) piece * Layout.PIECE_BYTES;
        if (piece < 0 || start >= lengths[section]) {
            throw new IndexOutOfBoundsException("piece " + piece + " of a section of " + lengths[section] + " bytes");
        }
        int length = (int) Math.min(Layout.PIECE_BYTES, lengths[section] - start);
        if (copyIfRead(section, start, length, into)) {
            return;
        }
        ByteBuffer target = into.duplicate();
        try {
            readChecked(section, start, length, target, into.position());
        } catch (IOException e) {
            // The check may have read the section whole and let the file go meanwhile.
            if (copyIfRead(section, start, length, into)) {
                return;
            }
            throw cannotBeRead(e);
        }
        into.position(target.limit());
    }

    /** Copies the piece from memory when the section is read whole (checked already; the file may be closed by now). */
    private boolean copyIfRead(int section, long start, int length, ByteBuffer into) {
        ByteBuffer whole = read.get(section);
        if (whole == null) {
            return false;
        }
        into.put(whole.duplicate().limit((int) start + length).position((int) start));
        return true;
    }

    /** Not damage: this request fails (an interrupted reader, a file gone); the section may be read later. */
    private CatalogException cannotBeRead(IOException e) {
        return new CatalogException(source, "cannot be read: " + e);
    }

    /** Reads bytes {@code from} to {@code to} of the section into the same places of {@code into}, a piece at a time, each checked. */
    private void readRange(int section, ByteBuffer into, int from, int to) throws IOException {
        for (long start = from; start < to; start += Layout.PIECE_BYTES) {
            readChecked(section, start, (int) Math.min(Layout.PIECE_BYTES, to - start), into, (int) start);
        }
    }

    /**
     * Reads the piece of the section that starts at {@code start} (a multiple of the piece size),
     * {@code length} bytes, into {@code into} at {@code at}, and checks it while its bytes are still
     * in the cache. On damage the bytes read stay in {@code into}, unchecked: the caller must not use them.
     */
    private void readChecked(int section, long start, int length, ByteBuffer into, int at) throws IOException {
        long inFile = offsets[section] + start - at;
        into.limit(at + length).position(at);
        while (into.hasRemaining()) {
            if (readAt(into, inFile + into.position()) < 0) {
                throw damaged(section, new CatalogException(source,
                        "is a truncated catalog snapshot (cut short while being served): compile it again"));
            }
        }
        CRC32 crc = new CRC32();
        crc.update(into.duplicate().position(at));
        if ((int) crc.getValue() != checksums[firstPieces[section] + (int) (start / Layout.PIECE_BYTES)]) {
            throw damaged(section, Snapshot.checksumMismatch(source));
        }
    }

    /**
     * A positional read (several threads read at once). A channel closed under a reader (an
     * interrupted one closes it for all) is opened again, if the path still names the same file.
     */
    private int readAt(ByteBuffer into, long position) throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                // Reading would close the channel for every reader: this request alone fails.
                throw new InterruptedIOException("interrupted");
            }
            FileChannel open = channel;
            if (open == null || !open.isOpen()) {
                open = reopen();
            }
            try {
                return open.read(into, position);
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (ClosedChannelException e) {
                if (attempt == 2) {
                    throw e; // closed under this reader (by another's interrupt): opened again, twice
                }
            }
        }
    }

    private synchronized FileChannel reopen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        FileChannel reopened = FileChannel.open(file, StandardOpenOption.READ);
        BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
        if (opened.fileKey() == null || !opened.fileKey().equals(now.fileKey()) || opened.size() != now.size()
                || !opened.lastModifiedTime().equals(now.lastModifiedTime())) {
            reopened.close();
            throw new IOException("the file was replaced while being read");
        }
        channel = reopened;
        return reopened;
    }
}
