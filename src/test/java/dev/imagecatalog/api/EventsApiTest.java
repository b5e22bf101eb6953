package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagecatalog.catalog.events.CatalogChanges;
import dev.imagecatalog.catalog.events.EventLog;
import dev.imagecatalog.catalog.events.ImageEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * GET /events over HTTP (issue 24): the kept events in the daemon's shape for a window that has
 * passed, a stream for a watcher that gets later events as they come, the daemon's errors.
 */
@QuarkusTest
class EventsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "sha256:" + "f".repeat(64);

    @Inject
    EventLog log;

    private static boolean lambda() {
        return "lambda".equals(System.getProperty("serving.form"));
    }

    private List<ImageEvent> publish(String tag) {
        log.publish(List.of(
                new CatalogChanges.Change("pull", tag, Map.of("name", tag.substring(0, tag.indexOf(':')), "a<b", "x&y")),
                new CatalogChanges.Change("untag", ID, Map.of("name", ID)),
                new CatalogChanges.Change("delete", ID, Map.of("name", ID))));
        List<ImageEvent> kept = log.kept();
        return kept.subList(kept.size() - 3, kept.size());
    }

    private static long seconds(ImageEvent event) {
        return event.time();
    }

    @Test
    void aWindowThatHasPassedGetsTheKeptEventsInTheDaemonsShapeAndEnds() {
        List<ImageEvent> published = publish("web:" + System.nanoTime());
        ImageEvent pull = published.get(0);
        Response answer = given().queryParam("since", seconds(pull)).queryParam("until", pull.time() + ".999999999")
                .queryParam("filters", "{\"type\":{\"image\":true}}")
                .when().get("/v1.51/events");
        answer.then().statusCode(200).header("Content-Type", "application/json").header("Api-Version", "1.51");
        String[] lines = answer.asString().split("\n");
        assertTrue(lines.length >= 3, answer.asString());
        String pullLine = "{\"status\":\"pull\",\"id\":\"" + pull.actorId() + "\",\"Type\":\"image\",\"Action\":\"pull\",\"Actor\":{\"ID\":\""
                + pull.actorId() + "\",\"Attributes\":{\"a\\u003cb\":\"x\\u0026y\",\"name\":\"" + pull.attributes().get("name")
                + "\"}},\"scope\":\"local\",\"time\":" + pull.time() + ",\"timeNano\":" + pull.timeNano() + "}";
        assertTrue(List.of(lines).contains(pullLine), "the daemon's bytes, HTML escaped as Go's encoder: " + answer.asString());
        given().queryParam("since", seconds(pull)).queryParam("until", pull.time() + ".999999999")
                .queryParam("filters", "{\"event\":[\"delete\"],\"image\":[\"" + ID + "\"]}")
                .when().get("/events").then().statusCode(200).body(equalTo(lineOf(published.get(2))));
    }

    private static String lineOf(ImageEvent event) {
        return dev.imagecatalog.api.json.EventJson.line(event, "image", "local").length > 0
                ? new String(dev.imagecatalog.api.json.EventJson.line(event, "image", "local"), StandardCharsets.UTF_8) : "";
    }

    @Test
    void badParametersGetTheDaemonsErrors() {
        given().queryParam("since", "10m").when().get("/events").then().statusCode(400)
                .header("Content-Type", "application/json").body("message", equalTo("strconv.ParseInt: parsing \"10m\": invalid syntax"));
        given().queryParam("since", "20").queryParam("until", "10").when().get("/events").then().statusCode(400)
                .body("message", equalTo("`since` time (20) cannot be after `until` time (10)"));
        given().queryParam("filters", "{").queryParam("until", "1").when().get("/events").then().statusCode(400)
                .body("message", equalTo("invalid filter"));
        given().when().get("/v1.99/events").then().statusCode(400).body("message", equalTo("client version 1.99 is too new. Maximum supported API version is 1.51"));
    }

    @Test
    void onAwsLambdaEveryRequestGetsTheKeptWindowAndEnds() {
        if (!lambda()) {
            return; // the server forms stream: aWatcherGetsLaterEventsAsTheyCome
        }
        List<ImageEvent> published = publish("lambda:" + System.nanoTime());
        String body = given().queryParam("since", published.get(0).time()).when().get("/events").then().statusCode(200).extract().asString();
        assertTrue(body.contains(published.get(0).actorId()), body);
    }

    @Test
    @DisabledIfSystemProperty(named = "serving.form", matches = "lambda")
    void aWatcherGetsLaterEventsAsTheyComeAndUntilEndsTheStream() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            long until = System.currentTimeMillis() / 1000 + 3;
            out.write(("GET /v1.47/events?filters=%7B%22type%22%3A%5B%22image%22%5D%2C%22event%22%3A%5B%22pull%22%5D%7D&until=" + until
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 200 OK", in.readLine(), "the head comes before any event");
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                head.add(line.toLowerCase());
            }
            assertTrue(head.contains("transfer-encoding: chunked"), head.toString());
            assertTrue(head.contains("content-type: application/json"), head.toString());
            int listeners = RestAssured.given().when().get("/info").then().statusCode(200).extract().path("NEventsListener");
            assertTrue(listeners >= 1, "/info counts the open stream as the daemon counts its event listeners: " + listeners);
            String tag = "watched:" + System.nanoTime();
            publish(tag);
            JsonNode event = JSON.readTree(nextChunk(in));
            assertEquals("pull", event.get("Action").asText());
            assertEquals(tag, event.get("Actor").get("ID").asText());
            assertEquals("image", event.get("Type").asText());
            assertEquals("0", readChunkSize(in), "only the pull passed the filter; then until came and the stream ended");
        }
    }

    private static String nextChunk(BufferedReader in) throws Exception {
        String size = readChunkSize(in);
        String line = in.readLine();
        assertEquals(Integer.parseInt(size, 16), line.getBytes(StandardCharsets.UTF_8).length + 1, "one event a chunk: " + line);
        assertEquals("", in.readLine());
        return line;
    }

    private static String readChunkSize(BufferedReader in) throws Exception {
        String size = in.readLine();
        while (size != null && size.isEmpty()) {
            size = in.readLine();
        }
        return size;
    }
}
