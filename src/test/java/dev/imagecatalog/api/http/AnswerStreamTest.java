package dev.imagecatalog.api.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.api.answers.RenderedAnswer;
import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A compiled form sent while it is read, over a real Vert.x server and a socket: whole and exact
 * when every piece holds; never a byte of a damaged piece (a failed request when nothing was sent
 * yet, a response cut short after); reading stops when the client leaves; and the stream is given
 * back each way, for the next client.
 */
class AnswerStreamTest {

    /** What a damaged piece holds here: random bytes hold few runs of it. */
    private static final byte DAMAGED_BYTE = (byte) 0xA5;

    private Vertx vertx;
    private HttpServer server;
    private volatile Scenario scenario;

    /** The form a route sends, and how it reads. */
    private record Scenario(RenderedAnswer answer, FakeCompiled compiled) {
    }

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        DockerHeaders headers = new DockerHeaders("image-catalog", "test");
        Router router = Router.router(vertx);
        router.get("/form").handler(routing -> {
            Catalog.Pieces pieces = scenario.answer().claimStream(false);
            AnswerStream.send(routing, scenario.answer(), false, pieces, headers);
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyPieceHoldingTheWholeFormIsSentAndTheStreamGivenBack() throws Exception {
        byte[] body = bytes(3 * 65536 + 123, 1);
        use(new FakeCompiled(body, 65536, -1));
        Reply reply = get(Integer.MAX_VALUE);
        assertEquals(200, reply.status());
        assertEquals(String.valueOf(body.length), reply.header("content-length"));
        assertEquals(scenario.answer().etag(), reply.header("etag"));
        assertEquals("application/json", reply.header("content-type"));
        assertArrayEquals(body, reply.body());
        assertEquals(4, scenario.compiled().piecesRead.get());
        assertClaimable();
    }

    @Test
    void aDamagedFirstPieceFailsTheRequestWithNothingOfIt() throws Exception {
        byte[] body = bytes(3 * 65536, 2);
        use(new FakeCompiled(body, 65536, 0));
        Reply reply = get(Integer.MAX_VALUE);
        assertEquals(500, reply.status());
        assertNull(reply.header("etag"), "not the answer's head");
        assertEquals(-1, indexOf(reply.body(), Arrays.copyOf(body, 64)), "nothing of the piece");
        assertEquals(-1, indexOf(reply.body(), damagedRun()), "nothing of what was read of it");
        assertClaimable();
    }

    @Test
    void aDamagedLaterPieceCutsTheResponseShortBeforeAnyOfItsBytes() throws Exception {
        byte[] body = bytes(6 * 65536, 3);
        int damaged = 3;
        use(new FakeCompiled(body, 65536, damaged));
        Reply reply = get(Integer.MAX_VALUE);
        assertEquals(200, reply.status());
        assertEquals(String.valueOf(body.length), reply.header("content-length"));
        assertTrue(reply.body().length <= damaged * 65536, "no byte of the damaged piece or after: " + reply.body().length);
        assertArrayEquals(Arrays.copyOf(body, reply.body().length), reply.body(), "checked pieces, exactly");
        assertEquals(-1, indexOf(reply.body(), damagedRun()), "nothing of what was read of the damaged piece");
        assertClaimable();
    }

    @Test
    void aClientThatLeavesStopsTheReading() throws Exception {
        int pieceBytes = 65536;
        int count = 64;
        int gateFrom = 8; // the client leaves while these wait
        byte[] body = bytes(count * pieceBytes, 4);
        use(new FakeCompiled(body, pieceBytes, -1, gateFrom));
        Reply reply = get(100_000); // reads the head and a little, then closes
        assertEquals(200, reply.status());
        assertArrayEquals(Arrays.copyOf(body, reply.body().length), reply.body());
        assertClaimable(); // given back once the connection closed
        scenario.compiled().gate.countDown();
        Thread.sleep(300);
        int read = scenario.compiled().piecesRead.get();
        assertTrue(read <= gateFrom + 2, read + " pieces read: no more than those under way when the client left");
    }

    private void use(FakeCompiled compiled) {
        scenario = new Scenario(RenderedAnswer.compiled(compiled), compiled);
    }

    /** The stream is given back (once the server has seen the response end): the next client may be sent the form so. */
    private void assertClaimable() throws InterruptedException {
        Catalog.Pieces again = null;
        for (int i = 0; i < 1000 && again == null; i++) {
            again = scenario.answer().claimStream(false);
            if (again == null) {
                Thread.sleep(10);
            }
        }
        assertNotNull(again, "the stream given back");
        scenario.answer().endStream();
    }

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] damagedRun() {
        byte[] run = new byte[16];
        Arrays.fill(run, DAMAGED_BYTE);
        return run;
    }

    private static int indexOf(byte[] in, byte[] what) {
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }

    private record Reply(int status, String head, byte[] body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** A GET over a socket: the head, then the body until its length, the end of the stream, or {@code readAtMost} bytes. */
    private Reply get(int readAtMost) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /form HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            Reply headOnly = new Reply(Integer.parseInt(text.split(" ")[1]), text, new byte[0]);
            String length = headOnly.header("content-length");
            long expected = length == null ? Long.MAX_VALUE : Long.parseLong(length);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            while (body.size() < Math.min(expected, readAtMost)) {
                int n;
                try {
                    n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.min(expected, readAtMost) - body.size()));
                } catch (java.net.SocketException reset) {
                    break; // cut short
                }
                if (n < 0) {
                    break;
                }
                body.write(buffer, 0, n);
            }
            return new Reply(headOnly.status(), text, body.toByteArray());
        }
    }

    /** A compiled answer in memory, its pieces read on demand; one of them damaged, or none ({@code -1}). */
    private static final class FakeCompiled implements Catalog.CompiledAnswer {
        final byte[] body;
        final int pieceBytes;
        final int damaged;
        final AtomicInteger piecesRead = new AtomicInteger();
        /** Reads of this piece and later wait for {@link #gate}. */
        final int gateFrom;
        final CountDownLatch gate = new CountDownLatch(1);

        FakeCompiled(byte[] body, int pieceBytes, int damaged) {
            this(body, pieceBytes, damaged, Integer.MAX_VALUE);
        }

        FakeCompiled(byte[] body, int pieceBytes, int damaged, int gateFrom) {
            this.body = body;
            this.pieceBytes = pieceBytes;
            this.damaged = damaged;
            this.gateFrom = gateFrom;
        }

        @Override
        public String tag() {
            return "\"fake-" + body.length + "\"";
        }

        @Override
        public int length() {
            return body.length;
        }

        @Override
        public int gzipLength() {
            throw new AssertionError("no gzip form asked for");
        }

        @Override
        public ByteBuffer body() {
            throw new AssertionError("a streamed form is not read whole");
        }

        @Override
        public ByteBuffer gzipBody() {
            throw new AssertionError("no gzip form asked for");
        }

        @Override
        public boolean isRead() {
            return false;
        }

        @Override
        public boolean isBodyRead() {
            return false;
        }

        @Override
        public Catalog.Pieces pieces(boolean gzip) {
            int count = (body.length + pieceBytes - 1) / pieceBytes;
            return new Catalog.Pieces(count, pieceBytes, this::read);
        }

        private void read(int index, ByteBuffer into) {
            if (index >= gateFrom) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            piecesRead.incrementAndGet();
            int from = index * pieceBytes;
            int length = Math.min(pieceBytes, body.length - from);
            if (index == damaged) {
                // As a snapshot's reader does: the bytes are in the buffer, then found wrong.
                ByteBuffer unchecked = into.duplicate();
                for (int i = 0; i < length; i++) {
                    unchecked.put(DAMAGED_BYTE);
                }
                throw new CatalogException("fake", "is a corrupted catalog snapshot (its checksum does not match): compile it again");
            }
            into.put(body, from, length);
        }

        @Override
        public String rendering() {
            return "test";
        }

        @Override
        public Catalog.AnswerCuts cuts() {
            throw new AssertionError("not cut");
        }
    }
}
