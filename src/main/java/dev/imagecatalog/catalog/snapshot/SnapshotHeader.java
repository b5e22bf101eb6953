package dev.imagecatalog.catalog.snapshot;

import dev.imagecatalog.catalog.CatalogException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads and checks a snapshot's header, section table and pieces' checksums ({@link Layout}): the only part of the
 * file read before it is served. Another format version, a file shorter than its header says,
 * and a damaged header are refused here, each in one line.
 */
final class SnapshotHeader {

    /**
     * More sections than any snapshot holds (blocks of 256 images: 268 million images), so that a
     * damaged count is refused before a table its size is read (at most 16 MiB before the checksum).
     */
    private static final int MAX_SECTIONS = 1 << 20;

    private SnapshotHeader() {
    }

    static Sections open(Path file, Consumer<CatalogException> onDamage) {
        String source = file.toString();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            ByteBuffer fixed = readAt(channel, 0, (int) Math.min(size, Layout.HEADER_BYTES));
            if (size >= Layout.MAGIC.length + 4) {
                int version = fixed.getInt(Layout.MAGIC.length);
                if (version != Layout.FORMAT_VERSION) {
                    throw new CatalogException(source, "is a catalog snapshot of format version " + version + "; this build reads version "
                            + Layout.FORMAT_VERSION + ": compile it again with this build");
                }
            }
            if (size < Layout.HEADER_BYTES) {
                throw truncated(source, size, -1);
            }
            int count = fixed.getInt(Layout.MAGIC.length + 4);
            long fileLength = fixed.getLong(Layout.MAGIC.length + 8);
            if (fileLength > size) {
                throw truncated(source, size, fileLength);
            }
            if (count < Layout.FIRST_BLOCK || count > MAX_SECTIONS
                    || Layout.HEADER_BYTES + (long) Layout.TABLE_ENTRY_BYTES * count > Math.min(size, Integer.MAX_VALUE - 8)) {
                throw Snapshot.checksumMismatch(source); // a count never written: the header's checksum cannot hold
            }
            int tableEnd = Layout.HEADER_BYTES + Layout.TABLE_ENTRY_BYTES * count;
            ByteBuffer table = readAt(channel, 0, tableEnd);
            long[] offsets = new long[count];
            long[] lengths = new long[count];
            int[] firstPieces = new int[count + 1];
            long pieces = 0;
            for (int i = 0; i < count; i++) {
                int at = Layout.HEADER_BYTES + Layout.TABLE_ENTRY_BYTES * i;
                offsets[i] = table.getLong(at);
                lengths[i] = table.getLong(at + 8);
                if (lengths[i] < 0 || lengths[i] > Integer.MAX_VALUE - 8
                        || tableEnd + 4 * (pieces + Layout.pieces(lengths[i])) > Math.min(size, Integer.MAX_VALUE - 8)) {
                    throw Snapshot.checksumMismatch(source); // a table never written: the header's checksum cannot hold
                }
                firstPieces[i] = (int) pieces;
                pieces += Layout.pieces(lengths[i]);
            }
            firstPieces[count] = (int) pieces;
            int headLength = tableEnd + 4 * (int) pieces;
            ByteBuffer pieceChecksums = readAt(channel, tableEnd, headLength - tableEnd);
            if (Layout.headerChecksum(table, pieceChecksums) != table.getInt(Layout.HEADER_BYTES - 4)) {
                throw Snapshot.checksumMismatch(source);
            }
            if (fileLength != size) {
                throw Snapshot.corrupted(source, new IllegalArgumentException("bytes after the end"));
            }
            long expected = headLength;
            for (int i = 0; i < count; i++) {
                if (offsets[i] != expected) {
                    throw Snapshot.corrupted(source, new IllegalArgumentException("section " + i + " out of place"));
                }
                expected += lengths[i];
            }
            if (expected != fileLength) {
                throw Snapshot.corrupted(source, new IllegalArgumentException("sections that do not fill the file"));
            }
            int[] checksums = new int[(int) pieces];
            pieceChecksums.asIntBuffer().get(checksums);
            return new Sections(file, channel, Files.readAttributes(file, BasicFileAttributes.class), offsets, lengths, firstPieces, checksums, onDamage);
        } catch (IOException e) {
            close(channel);
            throw new CatalogException(source, "cannot be read: " + e.getMessage());
        } catch (CatalogException e) {
            close(channel);
            throw e;
        } catch (RuntimeException e) {
            close(channel);
            throw Snapshot.corrupted(source, e); // (bounds above keep this from happening)
        } catch (Error e) {
            close(channel);
            throw e;
        }
    }

    private static CatalogException truncated(String source, long size, long expected) {
        return new CatalogException(source, "is a truncated catalog snapshot (" + size + (expected < 0 ? "" : " of " + expected)
                + " bytes): compile it again");
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) >= 0) {
            // read what there is
        }
        return bytes.flip();
    }

    private static void close(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // refused already
        }
    }
}
