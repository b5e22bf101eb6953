package dev.imagecatalog.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every answer must be, whatever the request: a {@code 200} with a JSON array of images (List
 * Images) or a JSON object with an {@code Id} (Image Inspect), a {@code 301} with a {@code Location}
 * and no body (an unclean path), a {@code 304} only to a conditional request, or a {@code 4xx} whose
 * body is exactly {@code {"message": "..."}}; never a {@code 5xx}, never a Java class name or stack
 * trace, always JSON that a browser may not sniff as anything else.
 *
 * <p>{@link #assertAnswer} first works out from the request target which of these it may be
 * ({@link #routeOf}), as the daemon's router does (sections 2 and 10.1 of the contract): a broken
 * escape in the path, then a path that percent-decoding and cleaning change, then the route.
 */
public final class AnswerRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What leaks from a Java server: qualified class names of the runtime and libraries, traces. */
    private static final Pattern LEAK = Pattern.compile(
            "\\b(?:java|javax|jakarta|sun|io\\.quarkus|io\\.vertx|io\\.netty|org\\.jboss|com\\.fasterxml|dev\\.imagecatalog)"
                    + "\\.[a-z]+\\.[A-Za-z_$.]+|\\w+(?:Exception|Error)\\b|\\tat [\\w.$]+\\(");
    /**
     * A version prefix, as the daemon's router takes it off (a regular expression whose {@code .} does not
     * take a line break, in Go as here: {@code /v1.51/images/a%0Ab/json} is no route).
     */
    private static final Pattern PREFIXED = Pattern.compile("/v([0-9.]+)(/.*)");
    private static final Pattern ID = Pattern.compile("(?:sha256:)?[0-9a-fA-F]{64}");

    /** What a request target asks for, as the daemon's router sees it. */
    public enum Route {
        /** A {@code %} in the path not followed by two hex digits: {@code 400 invalid URL escape}. */
        BAD_ESCAPE,
        /** A path that percent-decoding and cleaning change (empty, {@code .} or {@code ..} segments): {@code 301}. */
        UNCLEAN,
        /** {@code /images/json}, bare or under a version prefix. */
        LIST,
        /** {@code /images/{name}/json}, bare or under a version prefix, the name non-empty ({@code /images/json/json} included). */
        INSPECT,
        /** {@code /_ping}, {@code /version}, {@code /info} or {@code /system/df}, which answer with their own bodies. */
        SYSTEM,
        /**
         * No route of the daemon ({@code 404}, or {@code 400} for a bad version). The rules of List Images
         * still apply, since JAX-RS takes some of these for it (a matrix parameter: {@code /images/json;x=1}).
         */
        OTHER,
        /** Bytes in the path that the HTTP layer may cut the target at (controls, space, {@code #}): only the rules of every answer. */
        UNKNOWN
    }

    private AnswerRules() {
    }

    /**
     * Asserts the rules for the answer to {@code GET target} sent with these extra header lines, by
     * what the target asks for ({@link #routeOf}); {@code request} names it in failures.
     *
     * @param target the request target, one ISO-8859-1 character per byte sent
     */
    public static void assertAnswer(String request, String target, String headers, RawHttp.Answer answer) {
        assertTrue(answer.status() >= 200 && answer.status() < 500, () -> request + " -> " + answer);
        boolean conditional = headers != null && headers.toLowerCase(Locale.ROOT).contains("if-none-match:");
        Route route = routeOf(target);
        switch (route) {
            case BAD_ESCAPE -> {
                assertClientError(request, target, answer);
                assertEquals(400, answer.status(), () -> request + " -> " + answer);
                assertTrue(answer.text().startsWith("{\"message\":\"invalid URL escape"), () -> request + " -> " + answer);
            }
            case UNCLEAN -> assertMoved(request, target, answer);
            case LIST, OTHER -> assertList(request, target, conditional, answer);
            case INSPECT -> assertInspect(request, target, conditional, answer);
            case SYSTEM -> {
                assertEquals("nosniff", answer.header("X-Content-Type-Options"), () -> request + " -> " + answer);
                if (answer.status() != 200 && answer.status() != 304) {
                    assertClientError(request, target, answer);
                } else if (answer.status() == 200 && (target.contains("/info") || target.contains("/system/df"))
                        && !"gzip".equals(answer.header("Content-Encoding"))) {
                    assertTrue(answer.text().startsWith("{\"") && answer.text().endsWith("}\n"), () -> request + " -> " + answer);
                }
                assertNoLeak(request, target, answer);
            }
            case UNKNOWN -> {
                if (answer.status() == 301) {
                    assertTrue(answer.header("Location") != null && answer.body().length == 0, () -> request + " -> " + answer);
                }
                assertNoLeak(request, target, answer);
            }
        }
    }

    /** Asserts the rules for an answer to {@code GET /images/json...}; {@code request} names it in failures. */
    public static void assertImagesAnswer(String request, RawHttp.Answer answer) {
        assertTrue(answer.status() >= 200 && answer.status() < 500, () -> request + " -> " + answer);
        assertList(request, request, true, answer);
    }

    /** Asserts that an answer is a {@code 4xx} {@code {"message"}} error. */
    public static void assertClientError(String request, RawHttp.Answer answer) {
        assertClientError(request, request, answer);
    }

    /**
     * What a request target asks for: its path (up to the first {@code ?}) checked for broken escapes,
     * then percent-decoded and checked for cleanliness, then, without its version prefix, routed.
     */
    public static Route routeOf(String target) {
        String rawPath = pathOf(target);
        if (!rawPath.startsWith("/") || rawPath.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '#')) {
            return Route.UNKNOWN;
        }
        if (hasBadEscape(rawPath)) {
            return Route.BAD_ESCAPE;
        }
        String path = decode(rawPath);
        if (!path.equals(clean(path))) {
            return Route.UNCLEAN;
        }
        Matcher prefixed = PREFIXED.matcher(path);
        if (prefixed.matches()) {
            path = prefixed.group(2);
        }
        if (path.equals("/images/json")) {
            return Route.LIST;
        }
        if (path.startsWith("/images/") && path.endsWith("/json") && path.length() > "/images/".length() + "/json".length()) {
            return Route.INSPECT;
        }
        if (path.equals("/_ping") || path.equals("/version") || path.equals("/info") || path.equals("/system/df")) {
            return Route.SYSTEM;
        }
        return Route.OTHER;
    }

    private static void assertList(String request, String target, boolean conditional, RawHttp.Answer answer) {
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), () -> request + " -> " + answer);
        if (answer.status() == 304) {
            assertNotModified(request, conditional, answer);
            return;
        }
        JsonNode body = parse(request, answer);
        if (answer.status() == 200) {
            assertTrue(body.isArray(), () -> request + " -> not an array: " + answer);
            for (JsonNode image : body) {
                assertTrue(image.isObject() && image.path("Id").isTextual(), () -> request + " -> " + answer);
            }
        } else {
            assertTrue(answer.status() >= 400, () -> request + " -> " + answer);
            assertErrorBody(request, answer, body);
        }
        assertNoLeak(request, target, answer);
    }

    /**
     * Image Inspect: one image (an object, never a list), {@code 304} to a conditional request, a bad name,
     * version or parameter ({@code 400}), or an image not found ({@code 404 No such image}, or found for
     * another platform); never the router's {@code page not found}, since the route exists.
     */
    private static void assertInspect(String request, String target, boolean conditional, RawHttp.Answer answer) {
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), () -> request + " -> " + answer);
        if (answer.status() == 304) {
            assertNotModified(request, conditional, answer);
            return;
        }
        JsonNode body = parse(request, answer);
        if (answer.status() == 200) {
            assertTrue(body.isObject(), () -> request + " -> not an object: " + answer);
            assertTrue(body.path("Id").isTextual() && ID.matcher(body.path("Id").textValue()).matches(),
                    () -> request + " -> no Id: " + answer);
        } else {
            assertTrue(answer.status() == 400 || answer.status() == 404, () -> request + " -> " + answer);
            assertErrorBody(request, answer, body);
            // With bytes beyond ASCII in the path, what the HTTP layer makes of them decides whether the
            // version prefix still matches (a line break does not): then any 404 message.
            if (answer.status() == 404 && pathOf(target).chars().allMatch(c -> c < 0x80)) {
                String message = body.path("message").textValue();
                assertTrue(message.startsWith("No such image: ") || message.startsWith("image with reference "),
                        () -> request + " -> a 404 that is no \"No such image\": " + answer);
            }
        }
        assertNoLeak(request, target, answer);
    }

    /**
     * An unclean path: {@code 301}, no body, {@code Location} the cleaned path (re-escaped) plus the query
     * as sent. The Location itself is clean, relative to this host ({@code //} would name another), and
     * decodes to the cleaned path.
     */
    private static void assertMoved(String request, String target, RawHttp.Answer answer) {
        assertEquals(301, answer.status(), () -> request + " -> not moved: " + answer);
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), () -> request + " -> " + answer);
        assertEquals(0, answer.body().length, () -> request + " -> a body with the 301: " + answer);
        String location = answer.header("Location");
        assertNotNull(location, () -> request + " -> 301 without Location: " + answer);
        int q = location.indexOf('?');
        String locationPath = q < 0 ? location : location.substring(0, q);
        assertTrue(locationPath.startsWith("/") && !locationPath.startsWith("//"), () -> request + " -> Location " + location);
        assertFalse(hasBadEscape(locationPath), () -> request + " -> Location " + location);
        assertTrue(locationPath.chars().allMatch(c -> c > 0x20 && c < 0x7f), () -> request + " -> Location not escaped: " + location);
        String decoded = decode(locationPath);
        assertEquals(clean(decoded), decoded, () -> request + " -> Location not clean: " + location);
        String rawPath = pathOf(target);
        if (rawPath.chars().allMatch(c -> c < 0x80)) {
            assertEquals(clean(decode(rawPath)), decoded, () -> request + " -> Location not the cleaned path: " + location);
        }
        String query = target.length() > rawPath.length() ? target.substring(rawPath.length() + 1) : "";
        if (query.isEmpty()) {
            assertEquals(-1, q, () -> request + " -> Location with a query: " + location);
        } else if (query.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '#')) {
            assertEquals("?" + query, q < 0 ? "" : location.substring(q), () -> request + " -> Location lost the query: " + location);
        }
    }

    private static void assertNotModified(String request, boolean conditional, RawHttp.Answer answer) {
        // Only If-None-Match naming the answer's tag (or *) gets a 304, and it has no body.
        assertTrue(conditional, () -> request + " -> 304 without If-None-Match: " + answer);
        assertTrue(answer.body().length == 0 && answer.header("ETag") != null, () -> request + " -> " + answer);
    }

    private static void assertClientError(String request, String target, RawHttp.Answer answer) {
        assertTrue(answer.status() >= 400 && answer.status() < 500, () -> request + " -> " + answer);
        assertErrorBody(request, answer, parse(request, answer));
        assertNoLeak(request, target, answer);
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

    /**
     * No class name or trace in the body, unless the client sent that very text (and the message
     * quotes it): as sent, or percent-decoded (an image name is quoted decoded).
     */
    private static void assertNoLeak(String request, String target, RawHttp.Answer answer) {
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        Matcher leak = LEAK.matcher(body);
        String decoded = decode(target);
        while (leak.find()) {
            String found = leak.group();
            assertFalse(!request.contains(found) && !target.contains(found) && !decoded.contains(found),
                    () -> request + " -> leaks \"" + found + "\": " + answer);
        }
    }

    /** The path of a request target: up to the first {@code ?}. */
    private static String pathOf(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    private static boolean hasBadEscape(String rawPath) {
        for (int i = 0; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) == '%' && (i + 2 >= rawPath.length() || hex(rawPath.charAt(i + 1)) < 0 || hex(rawPath.charAt(i + 2)) < 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Percent-decoded, the bytes then read as UTF-8 (U+FFFD for what is not). The characters of the
     * target (one per byte sent) are taken as the HTTP layer hands them on, as ISO-8859-1, and written
     * back as UTF-8 before decoding, as the application reads a path. A broken escape stays as it is.
     */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex((char) in[i + 1]) >= 0 && hex((char) in[i + 2]) >= 0) {
                out.write(hex((char) in[i + 1]) << 4 | hex((char) in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * gorilla/mux's {@code cleanPath}: Go's {@code path.Clean} (no empty, {@code .} or {@code ..}
     * segment; {@code ..} at the root stays there), with a trailing slash put back.
     */
    static String clean(String path) {
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                kept.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                kept.addLast(segment);
            }
        }
        String cleaned = "/" + String.join("/", kept);
        return path.endsWith("/") && !cleaned.equals("/") ? cleaned + "/" : cleaned;
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
