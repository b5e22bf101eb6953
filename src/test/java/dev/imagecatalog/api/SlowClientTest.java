package dev.imagecatalog.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.http.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * A client that opens a connection and stalls cannot hold it: the idle timeout closes it
 * (30 s in application.properties; 1 s here, to keep the test short). Idle {@code /events} streams,
 * which the timeout spares, hold at most half of the connections (8 here).
 */
@QuarkusTest
@TestProfile(SlowClientTest.ShortIdleTimeout.class)
@DisabledIfSystemProperty(named = "serving.form", matches = "lambda")
class SlowClientTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1S", "quarkus.http.limits.max-connections", "8");
        }
    }

    private RawHttp http() {
        return new RawHttp("localhost", RestAssured.port);
    }

    @Test
    void aRequestThatNeverEndsIsClosed() throws IOException {
        byte[] partial = "GET /images/json HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(http().closedWithin(partial, 5_000), "closed by the server");
        assertEquals(200, http().get("/_ping").status(), "and everyone else is served");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws IOException {
        byte[] request = "GET /_ping HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(http().closedWithin(request, 5_000), "answered, then closed when idle");
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws IOException {
        assertTrue(http().closedWithin(new byte[0], 5_000), "closed by the server");
    }

    @Test
    void idleEventStreamsLeaveConnectionsToOthers() throws Exception {
        java.util.List<java.net.Socket> streams = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                streams.add(openStream());
                assertEquals("HTTP/1.1 200 OK", firstLine(streams.get(i)), "stream " + i);
            }
            RawHttp.Answer refused = http().get("/events");
            assertEquals(503, refused.status(), refused.toString());
            assertEquals("{\"message\":\"too many event watchers (4): try again later\"}\n", refused.text());
            Thread.sleep(1_500); // past the idle timeout: the streams stay open, and others still get in
            assertEquals(503, http().get("/events").status(), "the four streams are still open");
            RawHttp.Answer info = http().get("/info");
            assertEquals(200, info.status(), "a connection is left for other requests");
            assertTrue(info.text().contains("\"NEventsListener\":4,"), info.toString());
            assertEquals(200, http().get("/images/json").status());
        } finally {
            for (java.net.Socket stream : streams) {
                stream.close();
            }
        }
    }

    private static java.net.Socket openStream() throws IOException {
        java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    private static String firstLine(java.net.Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = socket.getInputStream().read(); c != '\r' && c >= 0; c = socket.getInputStream().read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
