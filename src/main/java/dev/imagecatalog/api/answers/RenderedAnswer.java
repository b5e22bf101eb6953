package dev.imagecatalog.api.answers;


import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.memory.OffHeap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A JSON answer ready to send. A one-off answer (a filtered request) is plain bytes. A stored answer
 * (no filters: served again and again) lives off-heap, is written to sockets without a copy, has a
 * strong entity tag, and gets its gzip form on the first request that asks for it.
 */
public final class RenderedAnswer {

    /** Below this size gzip saves too little to be worth a client's and our CPU. */
    public static final int GZIP_MIN_BYTES = 1024;

    private final byte[] bytes; // one-off answers only
    private volatile ByteBuf stored; // stored answers only: read-only, never freed (a compiled one's read on first use)
    /** A compiled answer: its body and gzip form read (and checked) from the snapshot on first use; else null. */
    private final Catalog.CompiledAnswer compiled;
    /** A compiled form being sent while it is read ({@link #claimStream}): one client at a time. */
    private final AtomicBoolean streaming = new AtomicBoolean();
    private final int length;
    private volatile long lambdaPayloadBytes = -1; // measured when first asked: only the Lambda form asks
    private final String etag;
    /** The body's CRC-32, computed with the tag ({@link Gzip#NO_CRC}: none yet); its gzip form's trailer holds it. */
    private final long crc32;
    private volatile ByteBuf storedGzip;
    private volatile byte[] onceGzip; // one-off answers: compressed at most once
    private volatile Object sendForm; // what the HTTP edge made once to send this answer (its response heads)

    private RenderedAnswer(byte[] bytes, ByteBuf stored, int length, Tag tag) {
        this(bytes, stored, null, length, tag);
    }

    private RenderedAnswer(byte[] bytes, ByteBuf stored, Catalog.CompiledAnswer compiled, int length, Tag tag) {
        this.bytes = bytes;
        this.stored = stored;
        this.compiled = compiled;
        this.length = length;
        this.etag = tag == null ? null : tag.etag();
        this.crc32 = tag == null ? Gzip.NO_CRC : tag.crc32();
    }

    /** An answer made for one request: compressed only if the client asks and it is large. */
    public static RenderedAnswer once(byte[] body) {
        return new RenderedAnswer(body, null, body.length, null);
    }

    /** An answer made for one request, with an entity tag (a small answer whose client may ask again). */
    public static RenderedAnswer tagged(byte[] body) {
        return new RenderedAnswer(body, null, body.length, tagOf(Unpooled.wrappedBuffer(body)));
    }

    /**
     * An answer that will be served many times: written straight off-heap, into chunks that are then
     * joined without a copy (a large answer is tens of megabytes: no heap copy, no buffer grown by
     * copying, no final copy to trim it), and tagged.
     */
    public static RenderedAnswer stored(int sizeHint, Rendering rendering) {
        OffHeapChunks out = new OffHeapChunks(sizeHint);
        try {
            rendering.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: memory to memory
        }
        ByteBuf offHeap = Unpooled.unreleasableBuffer(out.joined().asReadOnly());
        return new RenderedAnswer(null, offHeap, offHeap.readableBytes(), tagOf(offHeap));
    }

    /**
     * An output stream into off-heap chunks of at most 1 MiB; the first one as large as the hint.
     * The chunks are off-heap buffers ({@link OffHeap}), which the garbage collector frees once nothing holds
     * them: the answers of a catalog that a reload replaced go when its last request is written.
     */
    private static final class OffHeapChunks extends OutputStream {
        private static final int CHUNK = 1 << 20;
        private final List<ByteBuf> chunks = new ArrayList<>();
        private int nextSize;
        private ByteBuf current;

        OffHeapChunks(int sizeHint) {
            nextSize = Math.max(256, Math.min(sizeHint, CHUNK));
        }

        @Override
        public void write(int b) {
            room().writeByte(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                ByteBuf chunk = room();
                int n = Math.min(length, chunk.writableBytes());
                chunk.writeBytes(bytes, offset, n);
                offset += n;
                length -= n;
            }
        }

        private ByteBuf room() {
            if (current == null || !current.isWritable()) {
                current = direct(nextSize);
                chunks.add(current);
                nextSize = CHUNK;
            }
            return current;
        }

        /** The chunks as one buffer; the last one copied to its exact size when it would waste a quarter. */
        ByteBuf joined() {
            if (current == null) {
                return Unpooled.EMPTY_BUFFER;
            }
            if (current.writableBytes() > current.capacity() / 4) {
                ByteBuf exact = direct(current.readableBytes()).writeBytes(current);
                chunks.set(chunks.size() - 1, exact);
            }
            return chunks.size() == 1 ? chunks.get(0) : Unpooled.wrappedBuffer(chunks.toArray(ByteBuf[]::new));
        }
    }

    /**
     * An answer that will be served many times, of a length known before it is written: put straight
     * into one off-heap buffer of that length (one mapping, faulted in huge pages where the kernel allows).
     */
    public static RenderedAnswer storedOfLength(int length, Consumer<ByteBuffer> fill) {
        ByteBuffer into = OffHeap.buffer(length);
        fill.accept(into);
        if (into.position() != length) {
            throw new IllegalStateException(into.position() + " bytes written of " + length);
        }
        ByteBuf offHeap = storedView(into.flip());
        return new RenderedAnswer(null, offHeap, length, tagOf(offHeap));
    }

    /**
     * A stored answer made when its snapshot was compiled, with its tag and gzip form: each form is
     * read (and checked) on first use ({@link #prepare}), so a client that takes gzip never waits
     * for the plain body, four times its size, and one that does not never waits for the gzip form.
     */
    public static RenderedAnswer compiled(Catalog.CompiledAnswer compiled) {
        return new RenderedAnswer(null, null, compiled, compiled.length(), new Tag(compiled.tag(), Gzip.NO_CRC));
    }

    private static ByteBuf storedView(ByteBuffer bytes) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly());
    }

    /** Whether the form a client gets is ready to send: nothing to read or compress first. */
    public boolean ready(boolean gzip) {
        return bytes != null ? !gzip || onceGzip != null : gzip ? storedGzip != null : stored != null;
    }

    /** Makes the form a client gets ready: reads or compresses megabytes, so never on an event loop. */
    public void prepare(boolean gzip) {
        if (gzip) {
            if (bytes == null) {
                storedGzip();
            } else {
                onceGzip();
            }
        } else if (bytes == null) {
            stored();
        }
    }

    /**
     * The form a client gets as pieces to send while they are read, when it is a compiled form not
     * read yet and no other client is being sent it so (then {@link #endStream} once done); else
     * null: the form is ready, or it is read whole first ({@link #prepare}).
     */
    public Catalog.Pieces claimStream(boolean gzip) {
        if (compiled == null || ready(gzip)) {
            return null;
        }
        Catalog.Pieces pieces = compiled.pieces(gzip); // (null: read whole since, by another client or the check)
        // A form of one piece is read whole as soon: nothing to gain.
        return pieces != null && pieces.count() > 1 && streaming.compareAndSet(false, true) ? pieces : null;
    }

    /** The stream {@link #claimStream} gave is done with: another client may be sent the form so. */
    public void endStream() {
        streaming.set(false);
    }

    /** A stored answer's body (a compiled one's read and checked now if not yet: two first uses read the same). */
    private ByteBuf stored() {
        ByteBuf body = stored;
        if (body == null) {
            body = storedView(compiled.body());
            stored = body;
        }
        return body;
    }

    /** A stored answer of known bytes. */
    public static RenderedAnswer stored(byte[] body) {
        return stored(body.length, out -> out.write(body));
    }

    @FunctionalInterface
    public interface Rendering {
        void writeTo(OutputStream out) throws IOException;
    }

    public int length() {
        return length;
    }

    /** The size of the body inside an AWS Lambda response (see {@link #lambdaPayloadBytes(ByteBuf)}). */
    public long lambdaPayloadBytes() {
        long size = lambdaPayloadBytes;
        if (size < 0) {
            size = bytes != null ? lambdaPayloadBytes(bytes) : lambdaPayloadBytes(stored().duplicate());
            lambdaPayloadBytes = size;
        }
        return size;
    }

    /** The bytes this stored answer holds: its body, and its gzip form once made (or read). */
    long storedBytes() {
        ByteBuf gzip = storedGzip;
        return (stored == null ? 0 : length) + (gzip == null ? 0 : gzip.readableBytes());
    }

    /** Whether the gzip form is made already (sending it then costs nothing but the write). */
    public boolean gzipReady() {
        return bytes != null ? onceGzip != null : storedGzip != null;
    }

    /** The length of the gzip form (made once for a stored answer; for a one-off answer, compressed to know). */
    public long gzipLength() {
        if (bytes == null) {
            ByteBuf gzip = storedGzip;
            return gzip == null && compiled != null ? compiled.gzipLength() : storedGzip().readableBytes();
        }
        return onceGzip().length;
    }

    private byte[] onceGzip() {
        byte[] gzip = onceGzip;
        if (gzip == null) {
            gzip = Gzip.of(Unpooled.wrappedBuffer(bytes), Gzip.WHILE_A_CLIENT_WAITS, crc32).bytes();
            onceGzip = gzip;
        }
        return gzip;
    }

    /**
     * What the HTTP edge makes once to send this answer again and again (its response heads, encoded):
     * kept with the answer, so that it goes with it. Two first uses may both make it; either is kept.
     */
    @SuppressWarnings("unchecked")
    public <T> T sendForm(java.util.function.Function<RenderedAnswer, T> make) {
        Object made = sendForm;
        if (made == null) {
            made = make.apply(this);
            sendForm = made;
        }
        return (T) made;
    }

    /** A strong entity tag, for stored answers; null for one-off answers. */
    public String etag() {
        return etag;
    }

    /** The entity to hand the HTTP layer: a view of the stored buffer (no copy), or bytes. */
    public Object entity(boolean gzip) {
        if (bytes != null) {
            return gzip ? onceGzip() : bytes;
        }
        return Buffer.buffer((gzip ? storedGzip() : stored()).duplicate());
    }

    /** A stored answer's bytes, read-only (no copy); null for a one-off answer. */
    ByteBuf storedBuffer() {
        return bytes != null ? null : stored().duplicate();
    }

    /** The JSON itself (a copy, for stored answers). */
    public byte[] body() {
        if (bytes != null) {
            return bytes;
        }
        ByteBuf body = stored();
        byte[] copy = new byte[length];
        body.getBytes(body.readerIndex(), copy);
        return copy;
    }

    private ByteBuf storedGzip() {
        ByteBuf gzip = storedGzip;
        if (gzip == null) {
            synchronized (this) { // compressed once: a second first request waits for it
                gzip = storedGzip;
                if (gzip == null && compiled != null) {
                    gzip = storedView(compiled.gzipBody()); // compressed when compiled
                } else if (gzip == null) {
                    Gzip.Form compressed = Gzip.of(stored(), Gzip.WHILE_A_CLIENT_WAITS, crc32); // (its first gzip client waits)
                    ByteBuf kept = direct(compressed.length());
                    compressed.writeTo(kept);
                    gzip = Unpooled.unreleasableBuffer(kept.asReadOnly());
                }
                storedGzip = gzip;
            }
        }
        return gzip;
    }

    /** An empty buffer of this capacity off the heap (freed by the garbage collector, not by release). */
    private static ByteBuf direct(int capacity) {
        return Unpooled.wrappedBuffer(OffHeap.buffer(capacity)).clear();
    }

    /** The gzip form of an answer compiled into a snapshot (compile-catalog has time: the default level). */
    public static byte[] gzipOfCompiled(byte[] body) {
        return Gzip.of(Unpooled.wrappedBuffer(body), Gzip.AHEAD).bytes();
    }

    /**
     * Two checksums and the length: the same answer always gets the same tag, a changed one a
     * different tag (two different 32-bit checks and the length would all have to agree). Both
     * checksums are computed by the processor's own instructions: a tenth of the time a SHA-256
     * of a large answer takes, and this is on the first request's path.
     */
    static String etagOf(ByteBuf body) {
        return tagOf(body).etag();
    }

    /** An entity tag, and the CRC-32 in it (a gzip form's trailer needs the same: not computed twice). */
    private record Tag(String etag, long crc32) {
    }

    private static Tag tagOf(ByteBuf body) {
        CRC32C crc32c = new CRC32C();
        CRC32 crc32 = new CRC32();
        for (ByteBuffer part : body.nioBuffers()) { // a stored answer is in chunks: no copy to one buffer
            crc32c.update(part.duplicate());
            crc32.update(part);
        }
        return new Tag(String.format("\"%08x%08x%016x\"", crc32c.getValue(), crc32.getValue(), (long) body.readableBytes()),
                crc32.getValue());
    }

    /**
     * The size of a JSON body inside Lambda's JSON response, where it travels as a string: each
     * quote, backslash and newline takes two bytes.
     */
    public static long lambdaPayloadBytes(byte[] json) {
        return lambdaPayloadBytes(Unpooled.wrappedBuffer(json));
    }

    public static long lambdaPayloadBytes(ByteBuf json) {
        long[] escaped = {0};
        json.forEachByte(json.readerIndex(), json.readableBytes(), b -> {
            if (b == '"' || b == '\\' || b == '\n') {
                escaped[0]++;
            }
            return true;
        });
        return json.readableBytes() + escaped[0];
    }

}
