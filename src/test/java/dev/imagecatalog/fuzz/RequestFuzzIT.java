package dev.imagecatalog.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.http.AnswerRules;
import dev.imagecatalog.http.PackagedApp;
import dev.imagecatalog.http.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the request surface of the packaged application: request targets for
 * {@code /images/json} built from the parameters the API knows and from noise (filters JSON in both
 * forms, globs, times, versions, percent escapes good and broken, bytes that are not UTF-8, long
 * values), and for {@code /images/{name}/json} built from image names in every spelling and misspelling
 * ({@link InspectTargets}), some with the headers that change how an answer is sent (Accept-Encoding,
 * If-None-Match). Every answer must be what its target asks for ({@link AnswerRules#assertAnswer}): a
 * {@code 200} JSON array (List Images) or object (Image Inspect), a {@code 301} to the clean path, a
 * {@code 304} to a conditional request, or a {@code 4xx} {@code {"message"}} error; afterwards the
 * application is up and has logged no failure. The corpus and every eighth generated request also go
 * over TLS with a client certificate (the application started with both ports), where openssl can
 * make the certificates.
 *
 * <p>The seed is fixed so that the bounded run in {@code ./mvnw verify} is repeatable; more tries
 * explore further along the same sequence. {@code fuzz/request-targets.txt} holds inputs that found
 * bugs: they are replayed first, every run.
 */
class RequestFuzzIT {

    private static final String SEED = "20261122";
    /** quarkus.http.limits.max-initial-line-length in application.properties. */
    private static final int MAX_REQUEST_LINE = 16_384;
    private static PackagedApp app;
    /** The same requests over TLS with a client certificate (issue 25), or null where openssl is missing. */
    private static RawHttp tls;
    /** Every this many generated requests also goes over TLS (each is a full handshake: all of them would take minutes). */
    private static final int TLS_EVERY = 8;
    private static int tries;

    @BeforeContainer
    static void start() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(
                Map.of("CATALOG_PATH", Path.of("target/test-classes/catalogs/vectors.json").toAbsolutePath().toString()));
        dev.imagecatalog.tls.TestCertificates certs = null;
        if (dev.imagecatalog.tls.TestCertificates.openssl() != null) {
            certs = dev.imagecatalog.tls.TestCertificates.makeTemporary("fuzz-tls");
            environment.putAll(Map.of("API_TLS_CERT_PATH", certs.server.toString(), "API_TLS_PLAIN_HTTP", "true",
                    "QUARKUS_HTTP_SSL_PORT", "0"));
        } else {
            System.err.println("RequestFuzzIT: no openssl on PATH: the requests are not repeated over TLS");
        }
        app = PackagedApp.start(environment);
        if (certs != null) {
            tls = app.https(dev.imagecatalog.tls.TestCertificates.context(certs.client, certs.client.resolve("ca.pem"), "TLS"));
        }
    }

    /** Afterwards the application is up, answers, and has logged no failure. */
    @AfterContainer
    static void stop() throws Exception {
        try {
            assertTrue(app.isAlive(), "the application is up");
            assertEquals(200, app.http().get("/_ping").status());
            List<String> failures = app.log().stream()
                    .filter(line -> line.contains("ERROR") || line.contains("Exception")).toList();
            assertEquals(List.of(), failures, "the application logged failures");
        } finally {
            app.close();
        }
    }

    @Example
    void replaysTheRegressionCorpus() throws IOException {
        List<String> corpus = RegressionCorpus.requestTargets();
        assertTrue(corpus.size() > 10, "the corpus is there");
        for (String target : corpus) {
            check(target, "", true);
        }
    }

    @Property(seed = SEED)
    void everyQueryGetsAnImageListOrAMessage(@ForAll("targets") String target, @ForAll("headers") String headers)
            throws IOException {
        check(target, headers);
    }

    /** Image Inspect: every name, spelled or misspelled, gets an image, a move to the clean path, or a message. */
    @Property(seed = SEED)
    void everyImageNameGetsAnImageAMoveOrAMessage(@ForAll("inspectTargets") String target, @ForAll("headers") String headers)
            throws IOException {
        check(target, headers);
    }

    /** @param target one ISO-8859-1 character per byte sent */
    private static void check(String target, String headers) throws IOException {
        check(target, headers, false);
    }

    /** @param corpus whether the target is one of the regression corpus (all of them also go over TLS) */
    private static void check(String target, String headers, boolean corpus) throws IOException {
        byte[] bytes = target.getBytes(StandardCharsets.ISO_8859_1);
        String shown = target;
        if (shown.length() > 300) {
            shown = shown.substring(0, 300) + "... (" + bytes.length + " bytes)";
        }
        shown += headers.isEmpty() ? "" : " with " + headers.strip().replace("\r\n", "; ");
        boolean overTls = tls != null && (corpus || tries++ % TLS_EVERY == 0);
        for (RawHttp http : overTls ? List.of(app.http(), tls) : List.of(app.http())) {
            RawHttp.Answer answer = http.get(bytes, headers);
            String over = http == tls ? shown + " (over TLS)" : shown;
            if ("GET ".length() + bytes.length + " HTTP/1.1".length() > MAX_REQUEST_LINE) {
                // Over quarkus.http.limits.max-initial-line-length: the HTTP server refuses it before we see it.
                assertTrue(answer.status() == 414 || answer.status() == 0, over + " -> " + answer);
            } else {
                AnswerRules.assertAnswer(over, target, headers, answer);
            }
        }
    }

    @Provide
    Arbitrary<String> headers() {
        return Requests.headers();
    }

    @Provide
    Arbitrary<String> targets() {
        return Combinators.combine(Requests.paths(), Requests.queries()).as((path, query) -> path + query);
    }

    @Provide
    Arbitrary<String> inspectTargets() {
        return InspectTargets.targets();
    }
}
