package dev.imagecatalog.api.answers;

import dev.imagecatalog.catalog.TwoThreads;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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
    /** The header GZIPOutputStream writes: no name, no time, no flags. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0};

    /** The gzip form of the readable bytes of {@code body} (not moved), at {@code level}. */
    static byte[] of(ByteBuf body, int level) {
        int length = body.readableBytes();
        byte[][] halves = new byte[2][];
        if (length >= TWO_THREADS_FROM) {
            int middle = length / 2;
            TwoThreads.run("gzip", () -> halves[0] = deflate(body, 0, middle, level, false),
                    () -> halves[1] = deflate(body, middle, length, level, true));
        } else {
            halves[0] = new byte[0];
            halves[1] = deflate(body, 0, length, level, true);
        }
        CRC32 crc = new CRC32();
        for (ByteBuffer part : body.nioBuffers()) {
            crc.update(part);
        }
        byte[] gzip = new byte[HEADER.length + halves[0].length + halves[1].length + 8];
        System.arraycopy(HEADER, 0, gzip, 0, HEADER.length);
        System.arraycopy(halves[0], 0, gzip, HEADER.length, halves[0].length);
        System.arraycopy(halves[1], 0, gzip, HEADER.length + halves[0].length, halves[1].length);
        ByteBuffer trailer = ByteBuffer.wrap(gzip, gzip.length - 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt(length); // (the length modulo 2^32, as RFC 1952 has it)
        return gzip;
    }

    /**
     * Raw deflate of bytes {@code from} to {@code to} of the body: primed with the window before
     * {@code from}; the last part ends the stream, any other ends on a sync flush (whole bytes, no
     * final block), for the next part to follow.
     */
    private static byte[] deflate(ByteBuf body, int from, int to, int level, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (from > 0) {
                byte[] window = new byte[Math.min(WINDOW, from)];
                body.getBytes(body.readerIndex() + from - window.length, window);
                deflater.setDictionary(window);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) / 4 + 64);
            byte[] scratch = new byte[64 * 1024];
            if (to > from) {
                for (ByteBuffer part : body.nioBuffers(body.readerIndex() + from, to - from)) {
                    deflater.setInput(part);
                    while (!deflater.needsInput()) {
                        out.write(scratch, 0, deflater.deflate(scratch));
                    }
                }
            }
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(scratch, 0, deflater.deflate(scratch));
                }
            } else {
                int written;
                do { // (a full scratch buffer may mean more to flush)
                    written = deflater.deflate(scratch, 0, scratch.length, Deflater.SYNC_FLUSH);
                    out.write(scratch, 0, written);
                } while (written == scratch.length);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private Gzip() {
    }
}
