package dev.imagecatalog.api.http;

import dev.imagecatalog.api.answers.RenderedAnswer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpAnswersTest {

    private static final byte[] LARGE = ("[" + "{\"Id\":\"x\"},".repeat(200) + "{}]\n").getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        gzip                    | true
        GZIP                    | true
        deflate, gzip;q=0.5     | true
        gzip;q=0                | false
        gzip;q=0.0, *           | false
        *                       | true
        *;q=0                   | false
        identity                | false
        br, deflate             | false
        x-gzip                  | true
        gzip;q=oops             | false
        ''                      | false
        """)
    void gzipNegotiation(String header, boolean expected) {
        assertEquals(expected, HttpAnswers.acceptsGzip(header));
    }

    @Test
    void entityTagsCompareWeaklyAndListed() {
        assertTrue(HttpAnswers.matches("\"a\"", "\"a\""));
        assertTrue(HttpAnswers.matches("W/\"a\"", "\"a\""));
        assertTrue(HttpAnswers.matches("\"b\", \"a\"", "\"a\""));
        assertTrue(HttpAnswers.matches("*", "\"a\""));
        assertFalse(HttpAnswers.matches("\"b\"", "\"a\""));
        assertFalse(HttpAnswers.matches(null, "\"a\""));
        assertFalse(HttpAnswers.matches("a", "\"a\""));
    }

    @Test
    void aStoredAnswerIsTaggedAndServedWholeEveryTime() throws IOException {
        RenderedAnswer answer = RenderedAnswer.stored(LARGE);
        assertTrue(answer.etag().matches("\"[0-9a-f]{32}\""), answer.etag());
        assertArrayEquals(LARGE, answer.body());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(LARGE, ((io.vertx.core.buffer.Buffer) answer.entity(false)).getBytes());
            assertArrayEquals(LARGE, gunzip(((io.vertx.core.buffer.Buffer) answer.entity(true)).getBytes()));
        }
        assertNull(RenderedAnswer.once(LARGE).etag(), "a one-off answer has no tag");
    }

    @Test
    void anAnswerOfManyChunksIsServedWholeAndTaggedByItsBytes() throws IOException {
        // Over 3 MiB: stored in several off-heap chunks, the last one trimmed.
        byte[] big = ("[" + "{\"Id\":\"x\",\"Labels\":{\"a\":\"\\\"\"}},".repeat(110_000) + "{}]\n").getBytes(StandardCharsets.UTF_8);
        RenderedAnswer answer = RenderedAnswer.stored(1000, out -> {
            for (int i = 0; i < big.length; i += 7777) { // written in pieces, as a JSON generator flushes
                out.write(big, i, Math.min(7777, big.length - i));
            }
        });
        assertEquals(big.length, answer.length());
        assertArrayEquals(big, answer.body());
        assertArrayEquals(big, ((io.vertx.core.buffer.Buffer) answer.entity(false)).getBytes());
        assertArrayEquals(big, gunzip(((io.vertx.core.buffer.Buffer) answer.entity(true)).getBytes()));
        assertEquals(RenderedAnswer.stored(big).etag(), answer.etag(), "the tag depends on the bytes, not on the chunks");
        assertEquals(RenderedAnswer.lambdaPayloadBytes(big), answer.lambdaPayloadBytes());
        long escaped = new String(big, StandardCharsets.UTF_8).chars().filter(c -> c == '"' || c == '\\' || c == '\n').count();
        assertEquals(big.length + escaped, answer.lambdaPayloadBytes(), "quotes, backslashes and newlines take two bytes");
    }

    @Test
    void theTagFollowsEveryByteOfTheAnswer() {
        byte[] changed = LARGE.clone();
        changed[changed.length / 2] ^= 1;
        byte[] longer = java.util.Arrays.copyOf(LARGE, LARGE.length + 1);
        String tag = RenderedAnswer.stored(LARGE).etag();
        assertEquals(tag, RenderedAnswer.stored(LARGE.clone()).etag(), "same bytes, same tag");
        assertNotEquals(tag, RenderedAnswer.stored(changed).etag(), "one bit changed");
        assertNotEquals(tag, RenderedAnswer.stored(longer).etag(), "one byte more");
        assertNotEquals(RenderedAnswer.stored(new byte[] {'[', ']'}).etag(), RenderedAnswer.stored(new byte[] {']', '['}).etag());
    }

    @Test
    void notModifiedWhenTheTagMatches() {
        RenderedAnswer answer = RenderedAnswer.stored(LARGE);
        Response response = HttpAnswers.of(answer, "gzip", answer.etag(), false);
        assertEquals(304, response.getStatus());
        assertEquals("W/" + answer.etag(), response.getHeaderString("ETag"), "the tag of the form this client takes");
        assertFalse(response.hasEntity());
        Response plain = HttpAnswers.of(answer, null, "W/" + answer.etag(), false);
        assertEquals(304, plain.getStatus(), "compared weakly");
        assertEquals(answer.etag(), plain.getHeaderString("ETag"));
        assertEquals(200, HttpAnswers.of(answer, null, "\"other\"", false).getStatus());
    }

    @Test
    void compressesOnlyWhenAskedAndLargeEnough() throws IOException {
        Response gzipped = HttpAnswers.of(RenderedAnswer.once(LARGE), "gzip", null, false);
        assertEquals("gzip", gzipped.getHeaderString("Content-Encoding"));
        assertEquals("Accept-Encoding", gzipped.getHeaderString("Vary"));
        assertArrayEquals(LARGE, gunzip((byte[]) gzipped.getEntity()));
        assertNull(gzipped.getHeaderString("ETag"), "a one-off answer has no tag");

        Response plain = HttpAnswers.of(RenderedAnswer.once(LARGE), null, null, false);
        assertNull(plain.getHeaderString("Content-Encoding"));
        assertArrayEquals(LARGE, (byte[]) plain.getEntity());

        Response small = HttpAnswers.of(RenderedAnswer.once("[]\n".getBytes(StandardCharsets.UTF_8)), "gzip", null, false);
        assertNull(small.getHeaderString("Content-Encoding"));
    }

    @Test
    void onLambdaTooLargeAnAnswerIsAClearErrorNotATruncatedBody() {
        // About 7 MB of JSON.
        byte[] huge = ("[" + "{\"Id\":\"0123456789abcdef\",\"Size\":1},".repeat(200_000) + "{}]\n").getBytes(StandardCharsets.UTF_8);
        for (String encoding : new String[] {null, "gzip"}) {
            Response response = HttpAnswers.of(RenderedAnswer.once(huge), encoding, null, true);
            assertEquals(500, response.getStatus());
            String message = new String((byte[]) response.getEntity(), StandardCharsets.UTF_8);
            assertTrue(message.contains("bytes, more than an AWS Lambda response can carry (6 MB): narrow it with filters"), message);
        }
        assertEquals(200, HttpAnswers.of(RenderedAnswer.once(huge), null, null, false).getStatus(), "no limit off Lambda");
    }

    @Test
    void neverCompressesOnLambda() {
        Response response = HttpAnswers.of(RenderedAnswer.stored(LARGE), "gzip", null, true);
        assertNull(response.getHeaderString("Content-Encoding"));
        assertArrayEquals(LARGE, ((io.vertx.core.buffer.Buffer) response.getEntity()).getBytes());
    }

    @Test
    void lambdaPayloadCountsEscapes() {
        assertEquals(9, RenderedAnswer.lambdaPayloadBytes("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(4, RenderedAnswer.lambdaPayloadBytes("[]\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }
}
