package dev.imagecatalog.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A JSON answer ready to send. A one-off answer (a filtered request) is plain bytes. A stored answer
 * (no filters: served again and again) lives off-heap, is written to sockets without a copy, has a
 * strong entity tag, and gets its gzip form on the first request that asks for it.
 */
public final class RenderedAnswer {

    /** Below this size gzip saves too little to be worth a client's and our CPU. */
    static final int GZIP_MIN_BYTES = 1024;

    private final byte[] bytes; // one-off answers only
    private final ByteBuf stored; // stored answers only: read-only, never freed
    private final int length;
    private volatile long lambdaPayloadBytes = -1; // measured when first asked: only the Lambda form asks
    private final String etag;
    private volatile ByteBuf storedGzip;

    private RenderedAnswer(byte[] bytes, ByteBuf stored, int length, String etag) {
        this.bytes = bytes;
        this.stored = stored;
        this.length = length;
        this.etag = etag;
    }

    /** An answer made for one request: compressed only if the client asks and it is large. */
    static RenderedAnswer once(byte[] body) {
        return new RenderedAnswer(body, null, body.length, null);
    }

    /** An answer that will be served many times: written straight off-heap (no heap copy of a large body) and tagged. */
    static RenderedAnswer stored(int sizeHint, Rendering rendering) {
        ByteBuf buffer = Unpooled.directBuffer(Math.max(sizeHint, 256));
        boolean rendered = false;
        try (ByteBufOutputStream out = new ByteBufOutputStream(buffer)) {
            rendering.writeTo(out);
            rendered = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: memory to memory
        } finally {
            if (!rendered) {
                buffer.release(); // off-heap memory is not collected: give it back on any failure
            }
        }
        // Give back what the buffer grew beyond its content.
        ByteBuf exact = buffer.capacity() == buffer.readableBytes() ? buffer
                : Unpooled.directBuffer(buffer.readableBytes()).writeBytes(buffer);
        if (exact != buffer) {
            buffer.release();
        }
        ByteBuf offHeap = Unpooled.unreleasableBuffer(exact.asReadOnly());
        return new RenderedAnswer(null, offHeap, offHeap.readableBytes(), etagOf(offHeap));
    }

    /** A stored answer of known bytes. */
    static RenderedAnswer stored(byte[] body) {
        return stored(body.length, out -> out.write(body));
    }

    @FunctionalInterface
    interface Rendering {
        void writeTo(OutputStream out) throws IOException;
    }

    int length() {
        return length;
    }

    /** The size of the body inside an AWS Lambda response (see {@link HttpAnswers#lambdaPayloadBytes}). */
    long lambdaPayloadBytes() {
        long size = lambdaPayloadBytes;
        if (size < 0) {
            size = stored == null ? HttpAnswers.lambdaPayloadBytes(bytes) : HttpAnswers.lambdaPayloadBytes(stored.duplicate());
            lambdaPayloadBytes = size;
        }
        return size;
    }

    /** A strong entity tag, for stored answers; null for one-off answers. */
    String etag() {
        return etag;
    }

    /** The entity to hand the HTTP layer: a view of the stored buffer (no copy), or bytes. */
    Object entity(boolean gzip) {
        if (stored == null) {
            return gzip ? gzip(new java.io.ByteArrayInputStream(bytes), length, Deflater.BEST_SPEED) : bytes;
        }
        return Buffer.buffer((gzip ? storedGzip() : stored).duplicate());
    }

    /** The JSON itself (a copy, for stored answers). */
    byte[] body() {
        if (stored == null) {
            return bytes;
        }
        byte[] copy = new byte[length];
        stored.getBytes(stored.readerIndex(), copy);
        return copy;
    }

    private ByteBuf storedGzip() {
        ByteBuf gzip = storedGzip;
        if (gzip == null) {
            synchronized (this) { // compressed once: a second first request waits for it
                gzip = storedGzip;
                if (gzip == null) {
                    byte[] compressed = gzip(new ByteBufInputStream(stored.duplicate()), length, Deflater.DEFAULT_COMPRESSION);
                    gzip = Unpooled.unreleasableBuffer(Unpooled.directBuffer(compressed.length).writeBytes(compressed).asReadOnly());
                    storedGzip = gzip;
                }
            }
        }
        return gzip;
    }

    private static byte[] gzip(InputStream in, int length, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 6 + 64);
        try (in; GZIPOutputStream gzip = new GZIPOutputStream(out, 16384) {
            {
                def.setLevel(level);
            }
        }) {
            in.transferTo(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: memory to memory
        }
        return out.toByteArray();
    }

    /**
     * Two checksums and the length: the same answer always gets the same tag, a changed one a
     * different tag (two different 32-bit checks and the length would all have to agree). Both
     * checksums are computed by the processor's own instructions: a tenth of the time a SHA-256
     * of a large answer takes, and this is on the first request's path.
     */
    static String etagOf(ByteBuf body) {
        CRC32C crc32c = new CRC32C();
        crc32c.update(body.nioBuffer());
        CRC32 crc32 = new CRC32();
        crc32.update(body.nioBuffer());
        return String.format("\"%08x%08x%016x\"", crc32c.getValue(), crc32.getValue(), (long) body.readableBytes());
    }
}
