package dev.imagecatalog.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of {@code filters} JSON: both forms the daemon takes ({@code {"label":["a=b"]}} and
 * {@code {"label":{"a=b":true}}}), with the filter names and value shapes of the API, and JSON that
 * is only nearly right.
 */
final class Filters {

    private static final String ID = "1139fe385dafd71cbac35a0f2e7fce0c218b36f355d8f4f0419a9affca37e5f8";

    private Filters() {
    }

    static Arbitrary<String> json() {
        Arbitrary<String> entry = Combinators.combine(name(), value()).as((name, value) -> quote(name) + ":" + value);
        Arbitrary<String> object = entry.list().ofMaxSize(4).map(entries -> "{" + String.join(",", entries) + "}");
        return Arbitraries.frequencyOf(
                Tuple.of(12, object),
                Tuple.of(1, Arbitraries.of("", "{", "}", "[]", "null", "1", "\"x\"", "{\"label\"}", "{\"label\":}", "{,}",
                        "{\"label\":[\"a\"],}", "{\"label\":[\"a\"]} x", "{\"label\":[\"a\"]}{}", "{\"a\":1e999999}",
                        "{\"dangling\":[\"true\"],\"dangling\":[\"false\"]}")),
                // Deeply nested, as deep as fits in a request line once escaped.
                Tuple.of(1, Arbitraries.integers().between(1, 2_000).map(depth -> "[".repeat(depth) + "]".repeat(depth))),
                Tuple.of(1, Arbitraries.integers().between(1, 600)
                        .map(depth -> "{\"label\":" + "{\"a\":".repeat(depth) + "true" + "}".repeat(depth) + "}")));
    }

    private static Arbitrary<String> name() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of("dangling", "label", "label!", "before", "since", "reference", "until")),
                Tuple.of(1, Arbitraries.of("", "Label", "LABEL", "id", "name", "is-task", "__proto__", "dangling ")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
    }

    /** A filter's values: the list form, the map form, or a JSON value of the wrong kind. */
    private static Arbitrary<String> value() {
        Arbitrary<List<String>> terms = term().list().ofMaxSize(4);
        return Arbitraries.frequencyOf(
                Tuple.of(6, terms.map(list -> "[" + String.join(",", list.stream().map(Filters::quote).toList()) + "]")),
                Tuple.of(4, Combinators.combine(terms, Arbitraries.of("true", "false", "1", "null", "\"true\"", "{}"))
                        .as((list, flag) -> "{" + String.join(",", list.stream().map(t -> quote(t) + ":" + flag).toList()) + "}")),
                Tuple.of(1, Arbitraries.of("null", "true", "1", "-0", "1.5e300", "\"true\"", "[[]]", "[null]", "[1]", "{}", "[{}]")));
    }

    /** One filter term: what each filter takes, near misses, and noise. */
    private static Arbitrary<String> term() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("true", "false", "1", "0", "TRUE", "yes", "")),
                Tuple.of(4, Arbitraries.of("tier", "tier=base", "os=ubuntu", "os=", "=base", "=", "a=b=c", "tier!=base",
                        "tier==base", " tier", "tier\u00e9=x", "\u0000")),
                Tuple.of(4, Arbitraries.of("ubuntu", "ubuntu:14.04", "ubuntu:*", "*", "*/*", "*:*", "docker.io/library/*",
                        "busybox@sha256:" + ID, "[a-z]*", "[", "[]", "[!a]", "[^a]", "\\", "a\\", "\\*", "?*?", "UBUNTU",
                        "localhost:5000/*", "ubuntu:", ":latest", "@", "a@b", "a:b:c", "-", "..", "/", "//")),
                Tuple.of(4, Arbitraries.of(ID, ID.substring(0, 12), "sha256:" + ID, "sha256:", "1139", "1", "ubuntu:14.04",
                        "nope:1", "sha512:" + ID, ID.toUpperCase())),
                Tuple.of(4, Arbitraries.of("1h", "-1h", "0", "1400000300", "1400000300.5", "1400000300.123456789", "-1",
                        "2014-05-13", "2014-05-13T16:38:20", "2014-05-13T16:38:20Z", "2014-05-13T16:38:20+02:00",
                        "2014-05-13T16:38:20.123456789Z", "9999999999999999999", "1e9", "1h30m", "1.5h", "h", "10000000h",
                        "2014-13-45", "T", "now", "1µs", "1us", "1ns", "-0")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(12)),
                Tuple.of(1, Requests.noise()));
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
