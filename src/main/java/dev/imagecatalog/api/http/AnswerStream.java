package dev.imagecatalog.api.http;

import dev.imagecatalog.api.answers.RenderedAnswer;
import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.memory.OffHeap;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A compiled answer's form sent while it is read from the snapshot ({@link RenderedAnswer#claimStream}):
 * the first client gets its first bytes once the first piece is read and checked, and the rest as it
 * follows, instead of once the whole form (43 MB at 100,000 images) is read into fresh memory and
 * checked. Each piece is read and checked on a worker into one of a few buffers (two pieces at once),
 * then written from the event loop, in order; a buffer is read into again once its bytes are on the socket, so a slow client
 * holds a few megabytes, never an answer maker. Nothing is kept: a client while it streams gets the
 * form read whole, as before, and so do all once the background check has read it.
 *
 * <p>No unchecked byte leaves. A piece that cannot be read, or is damaged, before anything is sent
 * fails the request as a whole read would; later, the connection is closed where the response
 * stands: the client sees it cut short, never a wrong byte. Damage is reported as any other.
 *
 * <p>Its state belongs to the event loop: a read's result comes back on it.
 */
final class AnswerStream {

    /** Pieces read ahead of the socket: enough to keep the readers and the socket all busy. */
    private static final int BUFFERS = 4;
    /**
     * Pieces read at once: one reader is the slower end (reading and checking 43 MB take a native
     * image about 25 ms, zlib's CRC-32 15 of them; sending them about 15), so two keep the socket busy.
     */
    private static final int READERS = 2;

    private final RoutingContext routing;
    private final RenderedAnswer answer;
    private final boolean gzip;
    private final Catalog.Pieces pieces;
    private final DockerHeaders headers;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>(BUFFERS);
    /** Pieces read and not written yet, at their index modulo {@link #BUFFERS} (no more are under way at once). */
    private final ByteBuffer[] read = new ByteBuffer[BUFFERS];
    private int next; // the next piece to read
    private int reading; // reads under way
    private int toWrite; // the next piece to write: pieces go out in order, whichever reader is done first
    private boolean started; // the head is sent
    private boolean over; // ended, failed or cut off: nothing more is read or written

    private AnswerStream(RoutingContext routing, RenderedAnswer answer, boolean gzip, Catalog.Pieces pieces, DockerHeaders headers) {
        this.routing = routing;
        this.answer = answer;
        this.gzip = gzip;
        this.pieces = pieces;
        this.headers = headers;
    }

    /** Sends the form in {@code pieces} (claimed from {@code answer}, and given back when done). */
    static void send(RoutingContext routing, RenderedAnswer answer, boolean gzip, Catalog.Pieces pieces, DockerHeaders headers) {
        if (routing.response().closed()) {
            answer.endStream(); // the client left while the answer was looked up: no end handler would run now
            return;
        }
        AnswerStream stream = new AnswerStream(routing, answer, gzip, pieces, headers);
        try {
            ByteBuffer memory = OffHeap.buffer(BUFFERS * pieces.pieceBytes());
            for (int i = 0; i < BUFFERS; i++) {
                stream.free.add(memory.slice(i * pieces.pieceBytes(), pieces.pieceBytes()));
            }
        } catch (OutOfMemoryError e) {
            answer.endStream();
            routing.fail(e); // (no memory for 4 MiB now: none for the whole form either)
            return;
        }
        // Ended, or the client left (the connection closed first): read no more. (An end handler, not
        // the response's one close handler, which the routing context and the request metrics use.)
        routing.addEndHandler(ended -> stream.finish());
        stream.readMore();
    }

    /**
     * Starts reads while there are readers and buffers free. They run on Vert.x's worker pool, not
     * on the answer makers (one thread on two cores): a piece is a millisecond's work, and a form
     * is streamed to one client at a time.
     */
    private void readMore() {
        while (!over && reading < READERS && next < pieces.count() && !free.isEmpty()) {
            ByteBuffer buffer = free.poll();
            int index = next++;
            reading++;
            routing.vertx().executeBlocking(() -> {
                pieces.read(index, buffer.clear());
                return buffer.flip();
            }, false).onComplete(done -> {
                reading--;
                if (done.failed()) {
                    failed(done.cause());
                    return;
                }
                read[index % BUFFERS] = done.result();
                writeReady();
                readMore();
            });
        }
    }

    /** Writes the pieces read that are next in order. */
    private void writeReady() {
        while (!over && read[toWrite % BUFFERS] != null) {
            ByteBuffer piece = read[toWrite % BUFFERS];
            read[toWrite % BUFFERS] = null;
            boolean last = ++toWrite == pieces.count();
            HttpServerResponse response = started ? routing.response() : HttpAnswers.okHead(routing, answer, gzip, headers);
            started = true;
            Buffer chunk = Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(piece)));
            (last ? response.end(chunk) : response.write(chunk)).onComplete(written -> {
                free.add(piece); // on the socket: read into again
                if (written.failed()) {
                    cutShort();
                } else if (last) {
                    finish();
                } else {
                    readMore();
                }
            });
        }
    }

    private void failed(Throwable cause) {
        if (over) {
            return; // the client left already
        }
        if (started) {
            cutShort(); // the head and checked pieces are out
        } else {
            finish();
            routing.fail(cause); // nothing sent yet: the request fails as a whole read would
        }
    }

    /** Closes the connection where the response stands (HTTP/2: resets the stream with an error), for the client to see it short. */
    private void cutShort() {
        finish();
        routing.response().reset(2); // (HTTP/2's INTERNAL_ERROR; HTTP/1.1 closes the connection)
    }

    private void finish() {
        if (!over) {
            over = true;
            answer.endStream();
        }
    }
}
