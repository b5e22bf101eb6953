package dev.imagecatalog.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagecatalog.http.GeneratedCatalogs;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code function.zip} as AWS Lambda runs it: for the JVM build, AWS's Java runtime
 * client in its own JVM loads {@code QuarkusStreamHandler} from the unpacked zip; for the native
 * build ({@code -Dnative}), the zip's {@code bootstrap} runs. Either takes events from a Runtime
 * API, here {@link LambdaRuntimeEmulator}. The events are those of an HTTP API (payload 2.0)
 * and of a Function URL. Runs in the {@code lambda} profile, which builds the zip.
 */
class LambdaRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The JVM function's handler, as deploy/template.yaml names it. */
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static Path taskRoot;
    private static LambdaRuntimeEmulator runtime;
    private static Process function;

    @BeforeAll
    static void start() throws Exception {
        String zip = System.getProperty("lambda.function.zip");
        Assumptions.assumeTrue(zip != null && Files.isRegularFile(Path.of(zip)),
                "no function.zip: build with -Plambda to run the Lambda runtime tests");
        taskRoot = unzip(Path.of(zip), work.resolve("task"));
        runtime = new LambdaRuntimeEmulator();
        // A named API Gateway stage puts its name before the path: /prod/images/json.
        function = startFunction(runtime, Map.of("API_BASE_PATH", "/prod"), work.resolve("function.log"));
    }

    @AfterAll
    static void stopFunction() throws InterruptedException {
        if (function != null) {
            function.destroy();
            function.waitFor(10, TimeUnit.SECONDS);
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void listsImagesWithUrlEncodedFilters() throws Exception {
        JsonNode answer = call(httpApiEvent("GET", "/images/json",
                "filters=" + URLEncoder.encode("{\"dangling\":{\"true\":true}}", StandardCharsets.UTF_8), "$default"));
        assertEquals(200, answer.get("statusCode").asInt());
        assertEquals("application/json", header(answer, "Content-Type"));
        assertEquals("1.51", header(answer, "Api-Version"));
        JsonNode images = JSON.readTree(body(answer));
        assertEquals(2, images.size(), images.toString());
        assertTrue(images.get(0).get("RepoTags").isEmpty());
        assertFalse(images.get(0).has("VirtualSize"), "a bare path is API 1.51");
    }

    @Test
    void answersAVersionedPath() throws Exception {
        JsonNode answer = call(httpApiEvent("GET", "/v1.41/images/json", "all=1", "$default"));
        assertEquals(200, answer.get("statusCode").asInt());
        JsonNode images = JSON.readTree(body(answer));
        assertEquals(8, images.size());
        assertTrue(images.get(0).has("VirtualSize"), "API 1.41 has VirtualSize");
    }

    /** To a client that accepts gzip, a stored answer goes gzipped, as a binary (base64) body. */
    @Test
    void answersGzipAsBinaryToAClientThatAcceptsGzip() throws Exception {
        ObjectNode event = httpApiEvent("GET", "/images/json", "all=1", "$default");
        ((ObjectNode) event.get("headers")).put("accept-encoding", "gzip");
        JsonNode answer = call(event);
        assertEquals(200, answer.get("statusCode").asInt());
        assertEquals("gzip", header(answer, "Content-Encoding"));
        assertEquals("application/json", header(answer, "Content-Type"));
        assertTrue(answer.path("isBase64Encoded").asBoolean(), "a gzip body travels as binary");
        assertEquals(8, JSON.readTree(gunzip(answer)).size());
        JsonNode plain = call(httpApiEvent("GET", "/images/json", "all=1", "$default"));
        assertEquals(null, header(plain, "Content-Encoding"), "no gzip unless asked for");
        assertEquals(8, JSON.readTree(body(plain)).size());
    }

    /**
     * 30,000 images of the benchmark's generator (bench/GenerateCatalog.java): about 14 MB of JSON,
     * more than a Lambda response carries (6 MB), fit gzipped; a client without gzip is told to narrow
     * the answer with filters.
     */
    @Test
    void aLargeCatalogFitsGzippedAndOtherwiseSaysToNarrowIt() throws Exception {
        GeneratedCatalogs.generate(30_000, taskRoot.resolve("large-catalog.json"));
        Path log = work.resolve("large.log");
        try (LambdaRuntimeEmulator large = new LambdaRuntimeEmulator()) {
            Process process = startFunction(large, Map.of("CATALOG_PATH", "large-catalog.json"), log);
            try {
                ObjectNode event = httpApiEvent("GET", "/images/json", "all=1", "$default");
                ((ObjectNode) event.get("headers")).put("accept-encoding", "gzip, deflate");
                JsonNode answer = call(large, event);
                assertEquals(200, answer.get("statusCode").asInt(), () -> answer.toString().substring(0, 300));
                assertEquals("gzip", header(answer, "Content-Encoding"));
                assertTrue(answer.get("body").asText().length() < 6_000_000, "within Lambda's 6 MB");
                assertEquals(30000, JSON.readTree(gunzip(answer)).size(), "the whole list");

                JsonNode refused = call(large, httpApiEvent("GET", "/images/json", "all=1", "$default"));
                assertEquals(500, refused.get("statusCode").asInt());
                assertTrue(body(refused).contains("more than an AWS Lambda response can carry (6 MB): narrow it with filters"),
                        body(refused));
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /**
     * A catalog shipped in the zip, compiled by the build's step (CompileZipCatalogs, as the lambda
     * profile runs it on function.zip): the function serves the snapshot.
     */
    @Test
    void servesACatalogTheBuildCompiledIntoTheZip() throws Exception {
        Path zip = Files.copy(Path.of(System.getProperty("lambda.function.zip")), work.resolve("with-catalog.zip"));
        Path zipDir = Files.createDirectories(work.resolve("zip.jvm"));
        Files.copy(Path.of("src/test/resources/catalogs/vectors-inspect.json"), zipDir.resolve("shipped-catalog.json"));
        try (var entries = java.nio.file.FileSystems.newFileSystem(java.net.URI.create("jar:" + zip.toUri()), Map.of())) {
            Files.copy(zipDir.resolve("shipped-catalog.json"), entries.getPath("/shipped-catalog.json"));
        }
        Process step = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.imagecatalog.CompileZipCatalogs", zip.toString(),
                work.resolve("zip.native").toString(), zipDir.toString()).inheritIO().start();
        assertEquals(0, step.waitFor());
        try (var entries = java.nio.file.FileSystems.newFileSystem(java.net.URI.create("jar:" + zip.toUri()), Map.of())) {
            Files.copy(entries.getPath("/shipped-catalog.json"), taskRoot.resolve("shipped-catalog.json"));
        }
        assertTrue(dev.imagecatalog.catalog.snapshot.Snapshot.isSnapshot(taskRoot.resolve("shipped-catalog.json")), "compiled in the zip");
        Path log = work.resolve("snapshot.log");
        try (LambdaRuntimeEmulator compiled = new LambdaRuntimeEmulator()) {
            Process process = startFunction(compiled, Map.of("CATALOG_PATH", "shipped-catalog.json"), log);
            try {
                JsonNode listed = call(compiled, httpApiEvent("GET", "/images/json", "all=1", "$default"));
                assertEquals(200, listed.get("statusCode").asInt());
                assertEquals(4, JSON.readTree(body(listed)).size());
                JsonNode inspected = call(compiled, httpApiEvent("GET", "/images/app:1/json", "", "$default"));
                assertEquals("arm64", JSON.readTree(body(inspected)).get("Architecture").asText());
                assertTrue(Files.readString(log).contains("(a snapshot)"), "served from the snapshot");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static String gunzip(JsonNode answer) throws IOException {
        byte[] gzip = Base64.getDecoder().decode(answer.path("body").asText());
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Image Inspect through the adapter: a name with a slash and a colon, and a digest sent as %40 (as docker-py sends it). */
    @Test
    void inspectsAnImage() throws Exception {
        JsonNode answer = call(httpApiEvent("GET", "/v1.51/images/acme/api:2.0/json", "", "$default"));
        assertEquals(200, answer.get("statusCode").asInt(), answer.toString());
        JsonNode image = JSON.readTree(body(answer));
        assertEquals("amd64", image.get("Architecture").asText());
        assertEquals("8080/tcp", image.get("Config").get("ExposedPorts").fieldNames().next());
        JsonNode byDigest = call(httpApiEvent("GET",
                "/images/acme/web%40sha256:57296071c579a54d2bf21137e4aee2b869aaeb3e2f5c3e22f20fcdf5978f6357/json", "", "$default"));
        assertEquals(200, byDigest.get("statusCode").asInt(), byDigest.toString());
        assertEquals("acme/web:1.4.2", JSON.readTree(body(byDigest)).get("RepoTags").get(0).asText());
        JsonNode missing = call(httpApiEvent("GET", "/images/zzz/json", "", "$default"));
        assertEquals(404, missing.get("statusCode").asInt());
        assertEquals("No such image: zzz:latest", JSON.readTree(body(missing)).get("message").asText());
    }

    @Test
    void answersInfoAndDiskUsage() throws Exception {
        JsonNode info = call(httpApiEvent("GET", "/v1.41/info", "", "$default"));
        assertEquals(200, info.get("statusCode").asInt(), info.toString());
        JsonNode all = call(httpApiEvent("GET", "/images/json", "all=1", "$default"));
        assertEquals(JSON.readTree(body(all)).size(), JSON.readTree(body(info)).get("Images").asInt());
        assertEquals("inactive", JSON.readTree(body(info)).at("/Swarm/LocalNodeState").asText());
        JsonNode df = call(httpApiEvent("GET", "/system/df", "type=image", "$default"));
        assertEquals(200, df.get("statusCode").asInt(), df.toString());
        JsonNode listed = JSON.readTree(body(call(httpApiEvent("GET", "/images/json", "", "$default"))));
        assertEquals(listed.size(), JSON.readTree(body(df)).get("Images").size());
        assertTrue(JSON.readTree(body(df)).get("Containers").isNull(), "not asked for");
        // Off in the function itself, not only in the tests: no management interface (Quarkus logs one that
        // starts), and health and metrics, which would then be served here, are not.
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/metrics"}) {
            JsonNode management = call(httpApiEvent("GET", path, "", "$default"));
            assertEquals(404, management.get("statusCode").asInt(), path + ": no health or metrics on AWS Lambda");
        }
        String log = Files.readString(work.resolve("function.log"));
        assertTrue(log.contains("Installed features"), log);
        assertFalse(log.contains("Management interface"), log);
    }

    @Test
    void refusesABadFilter() throws Exception {
        JsonNode answer = call(httpApiEvent("GET", "/images/json", "filters=oops", "$default"));
        assertEquals(400, answer.get("statusCode").asInt());
        assertEquals("invalid filter", JSON.readTree(body(answer)).get("message").asText());
    }

    @Test
    void unknownPathIsDockerNotFound() throws Exception {
        JsonNode answer = call(httpApiEvent("GET", "/plugins", "", "$default"));
        assertEquals(404, answer.get("statusCode").asInt());
        assertEquals("page not found", JSON.readTree(body(answer)).get("message").asText());
    }

    /** A read-only daemon's answers in the function too (issue 24): empty lists, the events window, writes refused. */
    @Test
    void theDaemonsOtherRoutesAnswerInTheFunction() throws Exception {
        JsonNode containers = call(httpApiEvent("GET", "/containers/json", "all=1", "$default"));
        assertEquals(200, containers.get("statusCode").asInt(), containers.toString());
        assertEquals("[]\n", body(containers));
        JsonNode volumes = call(httpApiEvent("GET", "/v1.41/volumes", "", "$default"));
        assertEquals("{\"Volumes\":[],\"Warnings\":null}\n", body(volumes));
        JsonNode events = call(httpApiEvent("GET", "/events", "since=0", "$default"));
        assertEquals(200, events.get("statusCode").asInt(), events.toString());
        assertEquals("", body(events), "no reload in this function: no event; and the answer ends (nothing streams here)");
        JsonNode remove = call(httpApiEvent("DELETE", "/images/ubuntu:12.04", "", "$default"));
        assertEquals(403, remove.get("statusCode").asInt(), remove.toString());
        assertTrue(JSON.readTree(body(remove)).get("message").asText().endsWith("is refused: the image catalog is read-only"));
    }

    @Test
    void answersUnderANamedStage() throws Exception {
        JsonNode answer = call(httpApiEvent("GET", "/prod/images/json", "filter=ubuntu", "prod"));
        assertEquals(200, answer.get("statusCode").asInt(), answer.toString());
        assertEquals(2, JSON.readTree(body(answer)).size());
    }

    @Test
    void answersAFunctionUrlEvent() throws Exception {
        ObjectNode event = httpApiEvent("GET", "/_ping", "", "$default");
        ((ObjectNode) event.get("requestContext")).put("domainName", "abcdefghij.lambda-url.us-east-1.on.aws")
                .put("domainPrefix", "abcdefghij").put("apiId", "abcdefghij");
        JsonNode answer = call(event);
        assertEquals(200, answer.get("statusCode").asInt());
        assertEquals("OK", body(answer));
        assertEquals("inactive", header(answer, "Swarm"));
    }

    @Test
    void aBadCatalogFailsTheInitWithTheClearMessage() throws Exception {
        // Shipped in the zip, named relative to the task root, as deploy/README.md describes.
        Path bad = Files.writeString(taskRoot.resolve("bad-catalog.json"), "[{\"Id\":\"abc\"}]");
        Path log = work.resolve("bad.log");
        try (LambdaRuntimeEmulator failing = new LambdaRuntimeEmulator()) {
            Process process = startFunction(failing, Map.of("CATALOG_PATH", "bad-catalog.json"), log);
            try {
                LambdaRuntimeEmulator.Outcome error = failing.awaitInitError(ANSWER_TIMEOUT);
                String expected = "Cannot load image catalog " + taskRoot.resolve("bad-catalog.json")
                        + ": image 0 (Id \"abc\") at line 1, column 2, field Id: \"abc\" is not 64 lower-case hex digits";
                assertTrue(error.error(), error.body());
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the function process must end after a failed init");
                // Lambda is told that the init failed (Quarkus reports its own generic text, and refuses a
                // custom handler beside its HTTP adapter); the function's log, which is what CloudWatch
                // shows, has the precise line.
                String output = Files.readString(log);
                assertTrue(output.contains(expected), output);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Starts the function as Lambda does: a native zip's {@code bootstrap} on provided.al2023, or
     * for the JVM zip AWS's Java runtime client with the handler, in the task root.
     */
    private static Process startFunction(LambdaRuntimeEmulator api, Map<String, String> env, Path log) throws IOException {
        Path bootstrap = taskRoot.resolve("bootstrap");
        List<String> command;
        if (Files.isRegularFile(bootstrap)) {
            bootstrap.toFile().setExecutable(true);
            command = List.of(bootstrap.toString());
        } else {
            Path client = Path.of(System.getProperty("lambda.runtime.client.dir"));
            command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "-cp", client + "/*",
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    HANDLER);
        }
        // The runtime client loads the function from its working directory, /var/task on AWS.
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("_HANDLER", HANDLER);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "image-catalog");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_REGION", "us-east-1");
        environment.remove("CATALOG_PATH");
        environment.putAll(env);
        return builder.start();
    }

    private static JsonNode call(JsonNode event) throws Exception {
        return call(runtime, event);
    }

    private static JsonNode call(LambdaRuntimeEmulator api, JsonNode event) throws Exception {
        LambdaRuntimeEmulator.Outcome outcome = api.invoke(event.toString(), ANSWER_TIMEOUT);
        assertFalse(outcome.error(), "the function reported an error: " + outcome.body());
        return JSON.readTree(outcome.body());
    }

    /** An API Gateway HTTP API event, payload format 2.0 (Function URLs send the same format). */
    static ObjectNode httpApiEvent(String method, String rawPath, String rawQuery, String stage) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", rawPath).put("rawQueryString", rawQuery);
        event.putObject("headers").put("accept", "*/*").put("host", "abc123.execute-api.us-east-1.amazonaws.com")
                .put("user-agent", "Docker-Client/28.2.2 (linux)").put("accept-encoding", "identity");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012").put("apiId", "abc123")
                .put("domainName", "abc123.execute-api.us-east-1.amazonaws.com").put("domainPrefix", "abc123")
                .put("requestId", "JKJaXmPLvHcESHA=").put("routeKey", "$default").put("stage", stage)
                .put("time", "22/Nov/2026:12:00:00 +0000").put("timeEpoch", 1795348800000L);
        context.putObject("http").put("method", method).put("path", rawPath).put("protocol", "HTTP/1.1")
                .put("sourceIp", "192.0.2.1").put("userAgent", "Docker-Client/28.2.2 (linux)");
        event.put("isBase64Encoded", false);
        return event;
    }

    private static String body(JsonNode answer) {
        String body = answer.path("body").asText("");
        return answer.path("isBase64Encoded").asBoolean(false)
                ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    private static String header(JsonNode answer, String name) {
        for (var it = answer.path("headers").fields(); it.hasNext();) {
            var header = it.next();
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().asText();
            }
        }
        for (var it = answer.path("multiValueHeaders").fields(); it.hasNext();) {
            var header = it.next();
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().get(0).asText();
            }
        }
        return null;
    }

    private static Path unzip(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out);
                }
            }
        }
        return target;
    }
}
