package dev.imagecatalog.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Generators of Image Inspect request targets, {@code /images/{name}/json} (section 10 of the
 * contract): names that resolve in the test-vector catalog in each of their spellings (tags, digests,
 * ids and short ids, Docker Hub's five ways to write a name, {@code %2F %3A %40} as docker-py sends
 * them), and names that must not (digests and ids of every length from 0 to 130 hex digits, upper
 * case, names of some kilobytes, {@code .} and {@code ..} and empty segments, escapes of any byte,
 * invalid UTF-8, broken escapes); under version prefixes good and bad, with the inspect parameters
 * {@code manifests} and {@code platform}. A target is a string of ISO-8859-1 characters, one per byte sent.
 */
final class InspectTargets {

    /** The ids of the test-vector catalog: A (ubuntu:14.04), I (parent of T), T (app:1), D (untagged). */
    private static final List<String> IDS = List.of(
            "1139fe385dafd71cbac35a0f2e7fce0c218b36f355d8f4f0419a9affca37e5f8",
            "4e9bdbfd87ba5cbe69f968119af2f2e4531c50fbd0d231cdbbe04f3996583a66",
            "ad6202492125ac3241ab732b4a5e59815cf37e8770b1b0297752cb809107c08b",
            "9de67e0176221a88835fb3465cfac04f3fb0c8fd6d65f6eced13f29065163c82");
    /** The manifest digest in A's RepoDigests ({@code ubuntu@sha256:...}). */
    private static final String A_DIGEST = "ddf7c1f61a622310f266528a909c0c9f126ac7ddb4e5536bd1fd405f4214a2e3";
    private static final String A = IDS.get(0);
    /** Names that are a route's own words, placeholders, separators alone, or JSON. */
    private static final List<String> ODD = List.of("json", "json/json", "images/json", "json%2Fjson", "inspect", "images",
            "_ping", "version", "-", "_", "~", "*", "%7E", "sha256", "sha256:", "sha256:sha256:" + A, "@", ":", "a@", "a:", ":a",
            "@sha256:" + A_DIGEST, "a@sha256", "<none>:<none>", "<none>@<none>", "none", "latest", ":latest", "UPPER", "Ubuntu",
            "ubuntu:14.04%20", "ubuntu%0A", "ubuntu\\", "{}", "[]", "null", "\"ubuntu\"", "ubuntu;x=1", "ubuntu%3Bx=1", "ubuntu:*",
            "docker.io", "docker.io/", "/ubuntu", "ubuntu/", "library/", "localhost:5000", "localhost:5000/", "[::1]",
            "1139fe385daf", "sha256:1139fe385daf", A, "sha256:" + A, "ubuntu:14.04@sha256:" + A_DIGEST);

    private InspectTargets() {
    }

    /** Whole targets: an optional version prefix, {@code /images/}, a name, (mostly) {@code /json}, optional parameters. */
    static Arbitrary<String> targets() {
        return Combinators.combine(prefixes(), names(), endings(), queries())
                .as((prefix, name, ending, query) -> prefix + "/images/" + name + ending + query);
    }

    /** Nothing (served as 1.51), a version in or out of the range, the versions where inspect changes, and odd prefixes. */
    static Arbitrary<String> prefixes() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(2, Requests.versions().map(v -> "/v" + v)),
                Tuple.of(3, Arbitraries.of("1.23", "1.24", "1.25", "1.43", "1.44", "1.45", "1.47", "1.48", "1.49", "1.50", "1.51")
                        .map(v -> "/v" + v)),
                Tuple.of(1, Arbitraries.of("/v", "/V1.51", "/v1.51/", "//v1.51", "/v1.51/v1.51", "/v1.51/.", "/v1.51/..", "/v%31.51",
                        "/v1%2E51", "/v1.51%2F", "/v1.4%zz", "/v1.51%00", "/prod", "/images", "/.", "/%2e")));
    }

    /** What follows the name: {@code /json}, and now and then something that is not quite it. */
    static Arbitrary<String> endings() {
        return Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just("/json")),
                Tuple.of(1, Arbitraries.of("/json/", "/JSON", "/Json", "", "/", "/json/json", "%2Fjson", "%2fjson", "/json%00",
                        "/./json", "/../json", "//json", "/json/.", "/json/..", "/json;x=1", "/jsonp", "/json.", "/%6Ason", "/json%2F",
                        "/inspect")));
    }

    /** The {@code {name}} segment, as it is sent: raw characters and percent escapes. */
    static Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, references().flatMap(InspectTargets::spelled)),
                Tuple.of(5, ids().flatMap(InspectTargets::spelled)),
                Tuple.of(2, references().map(name -> name.toUpperCase(Locale.ROOT)).flatMap(InspectTargets::spelled)),
                Tuple.of(3, segments()),
                Tuple.of(2, longNames()),
                Tuple.of(2, escapes()),
                Tuple.of(2, Combinators.combine(references(), escapes(), references()).as((a, escapes, b) -> a + escapes + b)),
                Tuple.of(2, brokenEscapes()),
                Tuple.of(1, Requests.noise()),
                Tuple.of(2, Arbitraries.of(ODD)));
    }

    /** {@code [domain/]path[:tag][@digest]}: the catalog's names in all their spellings, other names, near misses. */
    static Arbitrary<String> references() {
        return Combinators.combine(repositories(), tags(), digests()).as((repository, tag, digest) -> repository + tag + digest);
    }

    private static Arbitrary<String> repositories() {
        Arbitrary<String> component = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, Arbitraries.of("a.b", "a_b", "a__b", "a___b", "a-b", "a--b", "a.-b", "a-", "-a", "_a", "a_", "a.", ".a",
                        "a..b", "A", "aB", "ubuntu", "library")));
        Arbitrary<String> domain = Arbitraries.of("", "", "", "docker.io/", "index.docker.io/", "registry-1.docker.io/", "localhost/",
                "localhost:5000/", "my.registry:443/", "[::1]:5000/", "127.0.0.1:5000/", "Registry.Example.COM/", "host:/", ":5000/",
                "host:port/", "a.b.c.d/", "docker.io/library/");
        Arbitrary<String> generated = Combinators.combine(domain, component.list().ofMinSize(1).ofMaxSize(4))
                .as((host, parts) -> host + String.join("/", parts));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("ubuntu", "library/ubuntu", "docker.io/ubuntu", "docker.io/library/ubuntu",
                        "index.docker.io/library/ubuntu", "registry-1.docker.io/library/ubuntu", "localhost/ubuntu",
                        "docker.io/library/library/ubuntu", "ubuntu/ubuntu", "app", "library/app", "docker.io/library/app",
                        "localhost:5000/test/busybox", "playdate", "json", "images", "inspect", "sha256", "none", "<none>", "latest")),
                Tuple.of(3, generated));
    }

    private static Arbitrary<String> tags() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just("")),
                Tuple.of(4, Arbitraries.of(":14.04", ":1", ":latest", ":LATEST", ":Latest", ":whatever", ":14.04.1", ":_x", ":x.y-z_1")),
                Tuple.of(1, Arbitraries.of(":", "::", ":-x", ":.x", ":<none>", ":a:b", ":" + "t".repeat(128), ":" + "t".repeat(129))),
                Tuple.of(2, Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
                        .ofMinLength(1).ofMaxLength(130).map(tag -> ":" + tag)));
    }

    /** {@code @} digests: A's, hex of every length from 0 to 130 in any case, other algorithms, near misses. */
    private static Arbitrary<String> digests() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.just("@sha256:" + A_DIGEST)),
                Tuple.of(3, hex(0, 130).map(hex -> "@sha256:" + hex)),
                Tuple.of(1, Arbitraries.of("@", "@sha256", "@sha256:", "@sha512:" + A_DIGEST + A_DIGEST,
                        "@sha384:" + A_DIGEST + A_DIGEST.substring(32), "@md5:" + A_DIGEST.substring(0, 32), "@SHA256:" + A_DIGEST,
                        "@sha256:" + A_DIGEST.toUpperCase(Locale.ROOT), "@" + A_DIGEST, "@sha256:" + A_DIGEST + "0",
                        "@sha256:" + A_DIGEST.substring(1), "@sha256:" + A_DIGEST.replace('d', 'g'), "@@sha256:" + A_DIGEST,
                        "@sha256:" + A_DIGEST + "@sha256:" + A_DIGEST, "@sha256+b64:" + A_DIGEST, "@a:b", "@sha256::" + A_DIGEST,
                        "@sha256:" + A)));
    }

    /** Ids and short ids: the catalog's, their prefixes of every length, random hex of every length, with and without an algorithm. */
    static Arbitrary<String> ids() {
        Arbitrary<String> known = Arbitraries.of(IDS);
        Arbitrary<String> prefix = Combinators.combine(known, lengths(0, 64)).as((id, n) -> id.substring(0, n));
        Arbitrary<String> bare = Arbitraries.frequencyOf(
                Tuple.of(4, prefix),
                Tuple.of(3, known),
                Tuple.of(3, hex(0, 130)),
                Tuple.of(1, Combinators.combine(known, hex(1, 66)).as(String::concat)),
                Tuple.of(1, prefix.map(id -> id.toUpperCase(Locale.ROOT))));
        Arbitrary<String> algorithm = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just("")),
                Tuple.of(4, Arbitraries.just("sha256:")),
                Tuple.of(1, Arbitraries.of("SHA256:", "sha512:", "sha256::", "sha256%3A", "sha256/", ":", "sha256@", "@sha256:", "sha256:sha256:")));
        return Combinators.combine(algorithm, bare).as(String::concat);
    }

    /** Segments joined by slashes, raw or escaped: {@code .}, {@code ..} and empty ones among names. */
    static Arbitrary<String> segments() {
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("a", "ubuntu", "library", "docker.io", "localhost:5000", "test", "busybox:latest",
                        "ubuntu:14.04", "json", "images", "v1.51", "etc", "passwd", "_ping")),
                Tuple.of(4, Arbitraries.of(".", "..", "", "...", "%2e", "%2E", "%2e%2e", ".%2e", "%2E.", "%2e%2E", "..%00", ".%00",
                        "..;", "%2e%2e%2f", "..%2F", ".a", "a.")));
        Arbitrary<String> separator = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("/")),
                Tuple.of(2, Arbitraries.of("%2F", "%2f", "//", "%2F%2F", "/%2F", "\\", "%5C")));
        return Combinators.combine(segment.list().ofMinSize(1).ofMaxSize(6), separator.list().ofSize(5)).as((parts, separators) -> {
            StringBuilder name = new StringBuilder(parts.get(0));
            for (int i = 1; i < parts.size(); i++) {
                name.append(separators.get(i - 1)).append(parts.get(i));
            }
            return name.toString();
        });
    }

    /** Names of up to some kilobytes (the request line may have 16 KiB): the 255-character limit of a name, and far beyond. */
    static Arbitrary<String> longNames() {
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(127, 128, 129, 254, 255, 256, 257, 300)),
                Tuple.of(3, Arbitraries.integers().between(1, 6_000)));
        return Arbitraries.frequencyOf(
                Tuple.of(3, length.map("a"::repeat)),
                Tuple.of(1, length.map(n -> "a/".repeat(n / 2) + "a")),
                Tuple.of(1, length.map(n -> "ubuntu:" + "t".repeat(n))),
                Tuple.of(1, length.map(n -> "localhost:5000/" + "a".repeat(n) + ":1")),
                Tuple.of(1, length.map(n -> "%61".repeat(Math.min(n, 4_000)))),
                Tuple.of(1, length.map(n -> "ubuntu@sha256:" + "a".repeat(n))),
                Tuple.of(1, length.map(n -> "../".repeat(n / 3) + "x")),
                Tuple.of(1, length.map("A"::repeat)));
    }

    /** Escapes of any byte (NUL, slashes, not UTF-8, overlong, surrogates, line breaks), among a few raw characters. */
    static Arbitrary<String> escapes() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02X", b))),
                Tuple.of(2, Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02x", b))),
                Tuple.of(3, Arbitraries.of("%2F", "%2f", "%3A", "%40", "%00", "%ff", "%FE%FF", "%c0%af", "%c0%ae", "%e0%80%af",
                        "%ed%a0%80", "%f4%90%80%80", "%f0%9f%90%b3", "%c3%a9", "%e2%80%a8", "%c2%85", "%0a", "%0d", "%0d%0a", "%09",
                        "%20", "%7f", "%25", "%2525", "%3F", "%23", "%5C", "%2e", "%2E%2E", "%80", "%C3", "%2B", "+")),
                Tuple.of(3, Arbitraries.strings().withChars("abcz019:/@.-_").ofMinLength(1).ofMaxLength(6)));
        return piece.list().ofMinSize(1).ofMaxSize(10).map(pieces -> String.join("", pieces));
    }

    /** A name with a {@code %} that is no escape somewhere in it. */
    static Arbitrary<String> brokenEscapes() {
        Arbitrary<String> broken = Arbitraries.of("%", "%z", "%zz", "%4", "%g0", "%0g", "%%", "%%41", "%-1", "%+1", "%\u00ff", "%2",
                "%F", "%.2e", "%/");
        return Combinators.combine(references().flatMap(InspectTargets::spelled), broken, Arbitraries.integers().between(0, 300))
                .as((name, escape, at) -> {
                    int i = Math.min(at, name.length());
                    return name.substring(0, i) + escape + name.substring(i);
                });
    }

    /** Query parameters of Image Inspect: {@code manifests} and {@code platform}, right and wrong, and others. */
    static Arbitrary<String> queries() {
        Arbitrary<String> parameter = Arbitraries.frequencyOf(
                Tuple.of(4, Requests.booleans().map(v -> "manifests=" + v)),
                Tuple.of(5, platforms().flatMap(Requests::encoded).map(v -> "platform=" + v)),
                Tuple.of(1, Arbitraries.of("manifests", "platform", "platform=", "Manifests=1", "MANIFESTS=1", "Platform=%7B%7D",
                        "platform=null", "platform=%7B%7D", "platform=linux%2Famd64", "platform=linux/amd64", "all=1", "filters=%7B%7D",
                        "filters=%7B", "manifests=1&manifests=0", "platform=%zz", "manifests=%zz", "%zz=1", "manifests=1&platform=")),
                Tuple.of(1, Combinators.combine(Requests.noise(), Requests.noise()).as((k, v) -> k + "=" + v)),
                Tuple.of(1, Arbitraries.integers().between(1_000, 12_000).map(n -> "platform=" + Requests.encodeAll(
                        "{\"os\":\"linux\",\"architecture\":\"amd64\",\"variant\":\"" + "v".repeat(n) + "\"}"))));
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("?", "?&", "?=", "?%", "?#", "??", "?manifests", "?platform")),
                Tuple.of(8, parameter.list().ofMinSize(1).ofMaxSize(4).map(list -> "?" + String.join("&", list))));
    }

    /** {@code platform} JSON: an OCI platform, members missing or of the wrong type, JSON that is only nearly right. */
    static Arbitrary<String> platforms() {
        Arbitrary<String> os = Arbitraries.of("linux", "Linux", "LINUX", "windows", "darwin", "freebsd", "", " linux", "linux\u0000",
                "\u00e9", "linux/amd64");
        Arbitrary<String> architecture = Arbitraries.of("amd64", "x86_64", "AMD64", "X86_64", "arm64", "aarch64", "arm", "386", "s390x",
                "ppc64le", "riscv64", "", "x86-64", "amd64 ");
        Arbitrary<String> member = Arbitraries.frequencyOf(
                Tuple.of(4, os.map(v -> "\"os\":" + Filters.quote(v))),
                Tuple.of(4, architecture.map(v -> "\"architecture\":" + Filters.quote(v))),
                Tuple.of(1, Arbitraries.of("v8", "v7", "v6", "", "V8").map(v -> "\"variant\":" + Filters.quote(v))),
                Tuple.of(1, Arbitraries.of("\"os.version\":\"10.0.17763\"", "\"os.features\":[\"win32k\"]", "\"OS\":\"linux\"",
                        "\"Architecture\":\"amd64\"", "\"os\":null", "\"os\":1", "\"architecture\":[]", "\"os\":{}", "\"architecture\":true",
                        "\"x\":1", "\"os\":\"\\u0000\"", "\"os\":\"\\ud800\"", "\"variant\":null", "\"features\":{}")));
        Arbitrary<String> object = member.list().ofMaxSize(5).map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("{\"os\":\"linux\",\"architecture\":\"amd64\"}",
                        "{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}")),
                Tuple.of(8, object),
                Tuple.of(2, Arbitraries.of("", " ", "{", "}", "[]", "null", "true", "1", "\"linux/amd64\"", "linux/amd64", "linux",
                        "{\"os\":\"linux\",}", "{\"os\":\"linux\",\"architecture\":\"amd64\"} x", "{}{}",
                        "{\"os\":\"linux\",\"architecture\":\"amd64\"", "{'os':'linux'}", "[{\"os\":\"linux\",\"architecture\":\"amd64\"}]",
                        "{\"os\":1e999999,\"architecture\":\"amd64\"}", "{\"os\":\"linux\" \"architecture\":\"amd64\"}", "\u00ff",
                        "{\"os\":\"linux\u00ff\",\"architecture\":\"amd64\"}")),
                Tuple.of(1, Arbitraries.integers().between(1, 2_000).map(depth -> "[".repeat(depth) + "]".repeat(depth))),
                Tuple.of(1, Arbitraries.integers().between(1, 600)
                        .map(depth -> "{\"os\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + ",\"architecture\":\"amd64\"}")));
    }

    /**
     * A name as clients put it into a path: as it is (the docker CLI), {@code @} escaped (docker-py),
     * {@code / : @} escaped in upper or lower case, every byte but unreserved ones escaped, or bytes
     * escaped at random (dots too: {@code %2e}).
     */
    static Arbitrary<String> spelled(String name) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(name)),
                Tuple.of(2, Arbitraries.just(name.replace("@", "%40"))),
                Tuple.of(2, Arbitraries.just(name.replace("/", "%2F").replace(":", "%3A").replace("@", "%40"))),
                Tuple.of(1, Arbitraries.just(name.replace("/", "%2f").replace(":", "%3a").replace("@", "%40"))),
                Tuple.of(1, Arbitraries.just(Requests.encodeAll(name))),
                Tuple.of(2, Arbitraries.randoms().map(random -> escapeAtRandom(name, random))));
    }

    private static String escapeAtRandom(String name, Random random) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (random.nextInt(3) == 0 || c <= 0x20 || c >= 0x7f || c == '#' || c == '?') {
                out.append(String.format(random.nextBoolean() ? "%%%02X" : "%%%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** Lengths spread evenly over the range, so that each is tried (jqwik adds the ends). */
    private static Arbitrary<Integer> lengths(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    /** Hex digits of every length in the range: lower case mostly, upper or mixed case sometimes. */
    private static Arbitrary<String> hex(int min, int max) {
        return lengths(min, max).flatMap(n -> Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().withChars("0123456789abcdef").ofLength(n)),
                Tuple.of(1, Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(n)),
                Tuple.of(1, Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(n))));
    }
}
