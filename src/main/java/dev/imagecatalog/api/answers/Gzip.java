package dev.imagecatalog.api.answers;

import dev.imagecatalog.catalog.TwoThreads;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The gzip form of an answer: one gzip member (RFC 1952) that every client reads. A large answer is
 * compressed by two threads, as pigz does: each half deflated on its own, the second primed with
 * the 32 KiB before it (so it loses almost nothing), the first ending on a byte boundary (a sync
 * flush) so that the two raw streams join into one.
 */
final class Gzip {

    /**
     * For answers made while a client waits (a stored answer's first gzip request, a one-off
     * answer): nginx's default level. Against the default level, 10 % more bytes (6 MB of
     * 100,000 images' JSON: 1.71 MB against 1.54) for half the time or less.
     */
    static final int WHILE_A_CLIENT_WAITS = Deflater.BEST_SPEED;
    /** For compile-catalog, which has time: the default level. */
    static final int AHEAD = Deflater.DEFAULT_COMPRESSION;
    /** From this size two threads compress (a thread costs less than a tenth of a millisecond; a megabyte about 5 at level 1). */
    static final int TWO_THREADS_FROM = 1 << 20;
    /** How far back deflate looks: the second half is primed with this much of the first. */
    private static final int WINDOW = 32 * 1024;
    /** A gzip header without name, time or flags (operating system 0, as GZIPOutputStream wrote it before JDK 16). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0};

    /** A CRC-32 not known yet: {@link #of} computes it. */
    static final long NO_CRC = -1;

    /** The gzip form of the readable bytes of {@code body} (not moved), at {@code level}. */
    static Form of(ByteBuf body, int level) {
        return of(body, level, NO_CRC);
    }

    /** The same, when the body's CRC-32 is known already ({@code crc32}; else {@link #NO_CRC}). */
    static Form of(ByteBuf body, int level, long crc32) {
        int length = body.readableBytes();
        Part[] halves = new Part[2];
        if (length >= TWO_THREADS_FROM) {
            int middle = length / 2;
            TwoThreads.run("gzip", () -> halves[0] = deflate(body, 0, middle, level, false),
                    () -> halves[1] = deflate(body, middle, length, level, true));
        } else {
            halves[0] = new Part(new byte[0], 0);
            halves[1] = deflate(body, 0, length, level, true);
        }
        if (crc32 == NO_CRC) {
            CRC32 crc = new CRC32();
            for (ByteBuffer part : body.nioBuffers()) {
                crc.update(part);
            }
            crc32 = crc.getValue();
        }
        return new Form(halves[0], halves[1], (int) crc32, length);
    }

    /** Deflated bytes: the first {@code length} of {@code bytes}. */
    private record Part(byte[] bytes, int length) {
    }

    /** A gzip form, in the parts it was made in: written where it is kept, one copy. */
    record Form(Part first, Part second, int crc, int plainLength) {

        int length() {
            long length = (long) HEADER.length + first.length + second.length + 8;
            if (length > Integer.MAX_VALUE - 8) { // (only gigabytes that do not compress)
                throw new IllegalStateException("a gzip form of " + length + " bytes");
            }
            return (int) length;
        }

        void writeTo(ByteBuf out) {
            out.writeBytes(HEADER).writeBytes(first.bytes, 0, first.length).writeBytes(second.bytes, 0, second.length);
            out.writeIntLE(crc).writeIntLE(plainLength); // (the length modulo 2^32, as RFC 1952 has it)
        }

        byte[] bytes() {
            byte[] bytes = new byte[length()];
            writeTo(Unpooled.wrappedBuffer(bytes).clear());
            return bytes;
        }
    }

    /**
     * Raw deflate of bytes {@code from} to {@code to} of the body: primed with the window before
     * {@code from}; the last part ends the stream, any other ends on a sync flush (whole bytes, no
     * final block), for the next part to follow. Deflated straight into an array sized for JSON
     * (a third of the input: it grows if that is short), not through a stream's copies.
     */
    private static Part deflate(ByteBuf body, int from, int to, int level, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (from > 0) {
                byte[] window = new byte[Math.min(WINDOW, from)];
                body.getBytes(body.readerIndex() + from - window.length, window);
                deflater.setDictionary(window);
            }
            byte[] out = new byte[(to - from) / 3 + 4096];
            int count = 0;
            if (to > from) {
                for (ByteBuffer part : body.nioBuffers(body.readerIndex() + from, to - from)) {
                    deflater.setInput(part);
                    while (!deflater.needsInput()) {
                        out = roomIn(out, count);
                        count += deflater.deflate(out, count, out.length - count);
                    }
                }
            }
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out = roomIn(out, count);
                    count += deflater.deflate(out, count, out.length - count);
                }
            } else {
                int room;
                int written;
                do { // (output that fills the room may mean more to flush)
                    out = roomIn(out, count);
                    room = out.length - count;
                    written = deflater.deflate(out, count, room, Deflater.SYNC_FLUSH);
                    count += written;
                } while (written == room);
            }
            return new Part(out, count);
        } finally {
            deflater.end();
        }
    }

    private static byte[] roomIn(byte[] out, int count) {
        if (count < out.length) {
            return out;
        }
        if (out.length >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a deflated part of more than " + out.length + " bytes");
        }
        return Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, 2L * out.length));
    }

    private Gzip() {
    }
}
