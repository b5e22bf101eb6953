package dev.imagecatalog.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every answer must be, whatever the request: a {@code 200} with a JSON array of images, or a
 * {@code 4xx} whose body is exactly {@code {"message": "..."}}; never a {@code 5xx}, never a Java
 * class name or stack trace, always JSON that a browser may not sniff as anything else.
 */
public final class AnswerRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What leaks from a Java server: qualified class names of the runtime and libraries, traces. */
    private static final Pattern LEAK = Pattern.compile(
            "\\b(?:java|javax|jakarta|sun|io\\.quarkus|io\\.vertx|io\\.netty|org\\.jboss|com\\.fasterxml|dev\\.imagecatalog)"
                    + "\\.[a-z]+\\.[A-Za-z_$.]+|\\w+(?:Exception|Error)\\b|\\tat [\\w.$]+\\(");

    private AnswerRules() {
    }

    /** Asserts the rules for an answer to {@code GET /images/json...}; {@code request} names it in failures. */
    public static void assertImagesAnswer(String request, RawHttp.Answer answer) {
        assertTrue(answer.status() >= 200 && answer.status() < 500, () -> request + " -> " + answer);
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), () -> request + " -> " + answer);
        if (answer.status() == 304) { // If-None-Match named the answer's tag (or *): no body
            assertTrue(answer.body().length == 0 && answer.header("ETag") != null, () -> request + " -> " + answer);
            return;
        }
        JsonNode body = parse(request, answer);
        if (answer.status() == 200) {
            assertTrue(body.isArray(), () -> request + " -> not an array: " + answer);
            for (JsonNode image : body) {
                assertTrue(image.isObject() && image.path("Id").isTextual(), () -> request + " -> " + answer);
            }
        } else {
            assertErrorBody(request, answer, body);
        }
        assertNoLeak(request, answer);
    }

    /** Asserts that an answer is a {@code 4xx} {@code {"message"}} error. */
    public static void assertClientError(String request, RawHttp.Answer answer) {
        assertTrue(answer.status() >= 400 && answer.status() < 500, () -> request + " -> " + answer);
        assertErrorBody(request, answer, parse(request, answer));
        assertNoLeak(request, answer);
    }

    private static void assertErrorBody(String request, RawHttp.Answer answer, JsonNode body) {
        assertTrue(body.isObject() && body.size() == 1 && body.path("message").isTextual()
                && !body.path("message").textValue().isBlank(), () -> request + " -> not {\"message\"}: " + answer);
    }

    private static JsonNode parse(String request, RawHttp.Answer answer) {
        String type = answer.header("Content-Type");
        assertTrue(type != null && type.startsWith("application/json"), () -> request + " -> not JSON: " + answer);
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            return fail(request + " -> body is not JSON: " + answer);
        }
    }

    /** No class name or trace in the body, unless the client sent that very text (and the message quotes it). */
    private static void assertNoLeak(String request, RawHttp.Answer answer) {
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        Matcher leak = LEAK.matcher(body);
        while (leak.find()) {
            String found = leak.group();
            assertFalse(!request.contains(found), () -> request + " -> leaks \"" + found + "\": " + answer);
        }
    }
}
