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
 * (30 s in application.properties; 1 s here, to keep the test short).
 */
@QuarkusTest
@TestProfile(SlowClientTest.ShortIdleTimeout.class)
@DisabledIfSystemProperty(named = "serving.form", matches = "lambda")
class SlowClientTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1S");
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
}
