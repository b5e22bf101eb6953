package dev.imagecatalog.catalog.snapshot;

import dev.imagecatalog.catalog.CatalogException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A snapshot's sections, each read from the file and checked against its CRC-32C on first use
 * (the check runs over each chunk just read, while it is in the cache) and then kept in memory of
 * its own, off the heap: what is served never changes with the file, and nothing is checked or
 * read that no request needs. A damaged section is refused before anything of it is used: the
 * request that met it fails, and the damage is reported once ({@code onDamage}) with its one line.
 */
final class Sections {

    private static final int CHUNK = 1 << 20;
    /** Sections smaller than this live on the heap (a handful of bytes each: the metadata, a small catalog's). */
    private static final int DIRECT_FROM = 64 * 1024;

    private final Path file;
    private final String source;
    private final long[] offsets;
    private final long[] lengths;
    private final int[] checksums;
    private final AtomicReferenceArray<ByteBuffer> read;
    private final Object[] locks;
    private final Consumer<CatalogException> onDamage;
    private FileChannel channel; // guarded by this; closed once every section is read

    Sections(Path file, FileChannel channel, long[] offsets, long[] lengths, int[] checksums, Consumer<CatalogException> onDamage) {
        this.file = file;
        this.source = file.toString();
        this.channel = channel;
        this.offsets = offsets;
        this.lengths = lengths;
        this.checksums = checksums;
        this.read = new AtomicReferenceArray<>(offsets.length);
        this.locks = new Object[offsets.length];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        this.onDamage = onDamage;
    }

    int count() {
        return offsets.length;
    }

    long length(int section) {
        return lengths[section];
    }

    String source() {
        return source;
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
                    bytes = readChecked(section);
                    read.set(section, bytes);
                }
            }
        }
        return bytes;
    }

    /** Reads and checks every section not read yet, then lets the file go. */
    void readAll() {
        for (int i = 0; i < count(); i++) {
            get(i);
        }
        synchronized (this) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // nothing more is read from it
            }
            channel = null;
        }
    }

    /** What a part of a section that cannot be what the writer wrote (its checksum held) is reported as. */
    CatalogException corrupted(RuntimeException cause) {
        return damaged(Snapshot.corrupted(source, cause));
    }

    private CatalogException damaged(CatalogException e) {
        onDamage.accept(e);
        return e;
    }

    private ByteBuffer readChecked(int section) {
        int length = (int) lengths[section];
        ByteBuffer into = length >= DIRECT_FROM ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
        CRC32C crc = new CRC32C();
        long at = offsets[section];
        try {
            while (into.hasRemaining()) {
                int chunkStart = into.position();
                into.limit(Math.min(length, chunkStart + CHUNK));
                while (into.hasRemaining()) {
                    if (readAt(into, at + into.position()) < 0) {
                        throw damaged(new CatalogException(source, "is a truncated catalog snapshot (cut short while being served): compile it again"));
                    }
                }
                crc.update(into.duplicate().position(chunkStart)); // the chunk just read, while it is in the cache
                into.limit(length);
            }
        } catch (IOException e) {
            throw damaged(new CatalogException(source, "cannot be read: " + e.getMessage()));
        }
        if ((int) crc.getValue() != checksums[section]) {
            throw damaged(Snapshot.checksumMismatch(source));
        }
        return into.flip().asReadOnlyBuffer();
    }

    /** A positional read; a channel closed by an interrupted reader is opened again. */
    private synchronized int readAt(ByteBuffer into, long position) throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        try {
            return channel.read(into, position);
        } catch (ClosedChannelException e) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            return channel.read(into, position);
        }
    }
}
