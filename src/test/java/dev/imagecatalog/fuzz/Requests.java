package dev.imagecatalog.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of request targets for {@code /images/json}: mostly the API's own vocabulary, bent
 * and broken, so that inputs reach deep into parsing and selection instead of failing at the first
 * byte. A target is a string of ISO-8859-1 characters, one per byte sent. ({@link InspectTargets}
 * has those of {@code /images/{name}/json}.)
 */
final class Requests {

    private Requests() {
    }

    /** {@code /images/json}, versioned or not, with versions good, bad and odd. */
    static Arbitrary<String> paths() {
        Arbitrary<String> version = versions();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just("/images/json")),
                net.jqwik.api.Tuple.of(4, version.map(v -> "/v" + v + "/images/json")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("/images/json/", "//images/json", "/images//json", "/images/./json",
                        "/images/../images/json", "/images%2Fjson", "/images/json%2F", "/%69mages/json", "/images/json%00",
                        "/IMAGES/JSON", "/images/json;x=1", "/v1.51//images/json", "/v/images/json")),
                // GET /info and GET /system/df (issue 19), under the same versions, queries and headers
                net.jqwik.api.Tuple.of(1, Arbitraries.of("/info", "/system/df", "/system//df", "/system/df/", "/INFO", "/system/%64f")),
                net.jqwik.api.Tuple.of(1, Combinators.combine(version, Arbitraries.of("/info", "/system/df"))
                        .as((v, route) -> "/v" + v + route)));
    }

    /** API versions for a {@code /v...} prefix: in the range (1.23 to 1.51), outside it, and not versions at all. */
    static Arbitrary<String> versions() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 2).flatMap(major -> Arbitraries.integers().between(0, 60)
                        .map(minor -> major + "." + minor)),
                Arbitraries.of("1.51", "1.23", "1.22", "1.52", "1", "1.", ".1", "1.2.3", "01.40", "1.40a", "x", "",
                        "1.99999999999999999999", "-1.40", "1.-1", "1.4%30", "1.40%00"));
    }

    /** A boolean parameter's value as clients send it, and as they should not. */
    static Arbitrary<String> booleans() {
        return Arbitraries.of("1", "0", "true", "false", "True", "FALSE", "t", "f", "yes", "no", "",
                "2", "-1", "1.0", "%201", "%31", "%00", "tru", "on");
    }

    /** Nothing, {@code ?}, or {@code ?} and parameters joined by {@code &} (sometimes {@code ;} or doubled). */
    static Arbitrary<String> queries() {
        Arbitrary<String> separator = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just("&")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(";", "&&", "&=&", "%26")));
        Arbitrary<List<String>> parameters = parameter().list().ofMaxSize(6);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "?", "?&", "?=", "?==", "?%", "?#")),
                net.jqwik.api.Tuple.of(12, Combinators.combine(parameters, separator)
                        .as((list, sep) -> "?" + String.join(sep, list))));
    }

    private static Arbitrary<String> parameter() {
        Arbitrary<String> bool = booleans();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Combinators.combine(Arbitraries.of("all", "digests", "shared-size", "manifests"), bool)
                        .as((k, v) -> k + "=" + v)),
                net.jqwik.api.Tuple.of(6, Filters.json().flatMap(json -> encoded(json).map(v -> "filters=" + v))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(40).map(v -> "filter=" + encodeAll(v))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("all", "filters", "filter", "digests").map(k -> k)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("image", "container", "volume", "build-cache", "", "images", "IMAGE", "%69mage")
                        .map(v -> "type=" + v)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(noise(), noise()).as((k, v) -> k + "=" + v)),
                net.jqwik.api.Tuple.of(1, huge().map(v -> "filters=" + v)));
    }

    /**
     * Header lines (each ending with CRLF) that change how an answer is sent: compression as clients
     * ask for it (the docker CLI sends gzip) and conditional requests, right and wrong.
     */
    static Arbitrary<String> headers() {
        Arbitrary<String> acceptEncoding = Arbitraries.of("gzip", "gzip, deflate", "deflate", "br", "identity", "*", "gzip;q=0",
                "GZIP", "gzip;q=1.0, identity;q=0.5", "x-gzip", "", ",,,", "gzip;q=abc");
        Arbitrary<String> ifNoneMatch = Arbitraries.of("*", "\"x\"", "W/\"x\"", "", "\"", "W/", ",", "*, \"a\"", "\"a\", W/\"b\"");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(3, acceptEncoding.map(v -> "Accept-Encoding: " + v + "\r\n")),
                net.jqwik.api.Tuple.of(2, ifNoneMatch.map(v -> "If-None-Match: " + v + "\r\n")),
                net.jqwik.api.Tuple.of(1, Combinators.combine(acceptEncoding, ifNoneMatch)
                        .as((a, i) -> "Accept-Encoding: " + a + "\r\nIf-None-Match: " + i + "\r\n")));
    }

    /** A value with the API's hardest bytes: broken and overlong escapes, not-UTF-8, controls. */
    static Arbitrary<String> noise() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMaxLength(8),
                Arbitraries.of("%", "%z", "%zz", "%4", "%%", "%ff", "%fe%ff", "%c0%af", "%e0%80", "%ed%a0%80", "%f4%90%80%80",
                        "%00", "%0a", "%0d", "%7f", "+", "%2B", "%2b", "%20", "=", "%3D", "[", "]", "{", "}", "\"", "\\",
                        "|", "^", "`", "<", ">", "'", "*", "?", "!", "$", "(", ")", ","),
                Arbitraries.chars().range((char) 0x80, (char) 0xff).map(String::valueOf),
                Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02X", b)));
        return piece.list().ofMaxSize(8).map(pieces -> String.join("", pieces));
    }

    /** A filters value near the request-line limit (16 KiB): long, but answered by us, not refused by the server. */
    private static Arbitrary<String> huge() {
        return Arbitraries.integers().between(1_000, 15_000).map(n -> encodeAll("{\"label\":[\"" + "a".repeat(n) + "\"]}"));
    }

    /** A JSON text as a query value: fully escaped (as SDKs send it), raw (as curl -g does), or escaped at random. */
    static Arbitrary<String> encoded(String json) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(encodeAll(json))),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(encodeRequired(json))),
                net.jqwik.api.Tuple.of(2, Arbitraries.randoms().map(random -> {
                    StringBuilder out = new StringBuilder();
                    for (byte b : json.getBytes(StandardCharsets.UTF_8)) {
                        int c = b & 0xff;
                        if (random.nextInt(3) == 0 || mustEscape(c)) {
                            out.append(String.format("%%%02X", c));
                        } else {
                            out.append((char) c);
                        }
                    }
                    return out.toString();
                })));
    }

    /** Every byte but unreserved ones escaped. */
    static String encodeAll(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02X", c));
            }
        }
        return out.toString();
    }

    /** Only what cannot travel raw in a request line (spaces, controls, {@code #}, {@code %}, {@code &}, {@code +}). */
    private static String encodeRequired(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            out.append(mustEscape(c) || c == '%' || c == '&' || c == '+' ? String.format("%%%02X", c) : String.valueOf((char) c));
        }
        return out.toString();
    }

    private static boolean mustEscape(int c) {
        return c <= 0x20 || c == 0x7f || c == '#';
    }
}
