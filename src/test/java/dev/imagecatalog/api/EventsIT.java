package dev.imagecatalog.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagecatalog.http.PackagedApp;
import dev.imagecatalog.http.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application reports its catalog's reloads as the daemon's image events (issue 24): a
 * watcher connected before a reload sees its changes as they happen, a later request for the window
 * gets the same lines, and many idle watchers plus one that never reads leave memory and the event
 * loop flat.
 */
class EventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String id(int i) {
        return String.format("%064x", i);
    }

    private static String image(int i, String tags) {
        return "{\"Id\":\"sha256:" + id(i) + "\",\"RepoTags\":" + tags + ",\"Created\":" + (1000 + i) + "}";
    }

    private static void replace(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A watcher on a raw socket: the head read, then the chunked body's lines, however they are cut into chunks. */
    private static final class Watcher implements AutoCloseable {
        final Socket socket;
        final java.io.InputStream in;
        final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();

        Watcher(int port, String target) throws IOException {
            socket = new Socket("localhost", port);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            in = new java.io.BufferedInputStream(socket.getInputStream());
            assertEquals("HTTP/1.1 200 OK", crlfLine());
            for (String line = crlfLine(); !line.isEmpty(); line = crlfLine()) {
                // the head
            }
        }

        private String crlfLine() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the stream ended");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        String nextLine() throws IOException {
            while (lines.isEmpty()) {
                int size = Integer.parseInt(crlfLine(), 16);
                assertTrue(size > 0, "the stream ended");
                byte[] chunk = in.readNBytes(size);
                crlfLine();
                new String(chunk, StandardCharsets.UTF_8).lines().forEach(lines::add);
            }
            return lines.removeFirst();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String brief(String line) throws IOException {
        JsonNode event = JSON.readTree(line);
        return event.path("Action").asText() + " " + event.path("Actor").path("ID").asText() + " "
                + event.path("Actor").path("Attributes").path("name").asText();
    }

    @Test
    void aReloadIsSeenByAWatcherAndByALaterWindowInTheDaemonsOrder() throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, "[" + image(1, "[\"app:1\"]") + "," + image(2, "[\"db:1\",\"db:latest\"]") + "," + image(3, "null") + "]");
        try (PackagedApp app = PackagedApp.start(Map.of("CATALOG_PATH", file.toString(), "CATALOG_RELOAD_INTERVAL", "0.2S"));
                Watcher watcher = new Watcher(app.port(), "/v1.51/events")) {
            long since = Instant.now().getEpochSecond() - 1;
            replace(file, "[" + image(1, "[\"app:1\",\"app:2\"]") + "," + image(2, "[\"db:1\"]") + "," + image(4, "[\"new:1\"]") + "]");
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                seen.add(watcher.nextLine());
            }
            // Arrivals, then retags in the catalog's order (newest first: db before app), then removals.
            List<String> expected = List.of("pull new:1 new", "untag sha256:" + id(2) + " sha256:" + id(2), "tag sha256:" + id(1) + " app:2",
                    "delete sha256:" + id(3) + " sha256:" + id(3));
            List<String> briefs = new ArrayList<>();
            for (String line : seen) {
                briefs.add(brief(line));
            }
            assertEquals(expected, briefs, "log: " + app.log());
            Instant now = Instant.now();
            RawHttp.Answer window = app.http().get("/events?since=" + since + "&until=" + now.getEpochSecond() + "." + String.format("%09d", now.getNano()));
            assertEquals(200, window.status());
            assertEquals(String.join("\n", seen) + "\n", window.text(), "the same lines, in the same order");
            RawHttp.Answer onlyTags = app.http().get("/events?since=" + since + "&until=" + (now.getEpochSecond() + 0) + ".999999999"
                    + "&filters=%7B%22event%22%3A%5B%22tag%22%2C%22untag%22%5D%7D");
            assertEquals(2, onlyTags.text().lines().count(), onlyTags.text());
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    @Test
    void idleWatchersAndOneThatNeverReadsLeaveMemoryAndTheEventLoopFlat() throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, "[" + image(1, "[\"app:1\"]") + "]");
        // 1,002 streams: twice the connections, so that the watchers' bound (half of them) lets them all in.
        try (PackagedApp app = PackagedApp.start(Map.of("CATALOG_PATH", file.toString(), "CATALOG_RELOAD_INTERVAL", "0.2S",
                "JAVA_TOOL_OPTIONS", "-Xmx256m", "QUARKUS_HTTP_LIMITS_MAX_CONNECTIONS", "2048"))) {
            List<Watcher> idle = new ArrayList<>();
            try (Watcher reader = new Watcher(app.port(), "/events?filters=%7B%22event%22%3A%5B%22delete%22%5D%7D");
                    Socket neverReads = new Socket("localhost", app.port())) {
                neverReads.setReceiveBufferSize(4096);
                neverReads.getOutputStream().write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                long before = rssKb(app.pid());
                for (int i = 0; i < 1000; i++) {
                    idle.add(new Watcher(app.port(), "/events"));
                }
                // 20,000 images arrive, then all go: 40,000 events for every watcher, of which the idle ones read nothing.
                StringBuilder many = new StringBuilder("[").append(image(1, "[\"app:1\"]"));
                for (int i = 0; i < 20_000; i++) {
                    many.append(",").append(image(100 + i, "[\"bulk/app:" + i + "\"]"));
                }
                replace(file, many.append("]").toString());
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!app.http().get("/images/json").text().contains(id(100 + 19_999)) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                replace(file, "[" + image(1, "[\"app:1\"]") + "]");
                String first;
                try {
                    first = brief(reader.nextLine());
                } catch (IOException e) {
                    throw new AssertionError("no delete event came: " + e + "; log: " + String.join("\n", app.log()), e);
                }
                assertEquals("delete sha256:" + id(100 + 19_999) + " sha256:" + id(100 + 19_999), first,
                        "a reading watcher gets the events it asked for");
                for (int i = 0; i < 20; i++) {
                    long start = System.nanoTime();
                    assertEquals(200, app.http().get("/_ping").status());
                    assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "/_ping answered while the watchers wait");
                }
                long after = rssKb(app.pid());
                assertTrue(after - before < 400_000, "RSS grew by " + (after - before) + " kB with 1,001 idle watchers");
                assertTrue(app.isAlive());
            } finally {
                for (Watcher watcher : idle) {
                    watcher.close();
                }
            }
        }
    }
}
