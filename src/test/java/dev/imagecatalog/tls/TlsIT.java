package dev.imagecatalog.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.http.PackagedApp;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application serves the Docker API over TLS the way dockerd protects its TCP socket
 * (issue 25): client certificates required when ca.pem is there, refusals at the handshake, no
 * plain-HTTP port, the start refused in one line for files it cannot serve, certificates replaced on
 * disk taken up under load, and the docker CLI with DOCKER_TLS_VERIFY.
 */
class TlsIT {

    @TempDir
    Path dir;

    private static PackagedApp start(Path certPath, Map<String, String> more) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("API_TLS_CERT_PATH", certPath.toString(), "QUARKUS_HTTP_SSL_PORT", "0",
                "API_TLS_RELOAD_PERIOD", "0.5S"));
        environment.putAll(more);
        return PackagedApp.start(environment);
    }

    /** What one TLS request got: the status line, and the server's certificate. */
    private record Exchange(String statusLine, X509Certificate server, String protocol) {
    }

    private static Exchange get(SSLContext context, int port, String path) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                throw new IOException("no answer");
            }
            return new Exchange(text.substring(0, text.indexOf("\r\n")), (X509Certificate) socket.getSession().getPeerCertificates()[0],
                    socket.getSession().getProtocol());
        }
    }

    @Test
    void clientsOfTheCaAreAnsweredAndEveryOtherFailsTheHandshake() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        try (PackagedApp app = start(certs.server, Map.of())) {
            int port = app.port();
            Exchange tls13 = get(TestCertificates.context(certs.client, certs.client.resolve("ca.pem"), "TLSv1.3"), port, "/images/json");
            assertEquals("HTTP/1.1 200 OK", tls13.statusLine());
            assertEquals("TLSv1.3", tls13.protocol());
            Exchange tls12 = get(TestCertificates.context(certs.client, certs.client.resolve("ca.pem"), "TLSv1.2"), port, "/v1.41/images/json");
            assertEquals("HTTP/1.1 200 OK", tls12.statusLine(), "TLS 1.2 as dockerd takes it: docker-py speaks 1.2");
            assertEquals("TLSv1.2", tls12.protocol());
            for (Path refused : new Path[] {null, certs.stranger, certs.expired}) {
                SSLContext context = TestCertificates.context(refused, certs.client.resolve("ca.pem"), "TLSv1.2");
                assertThrows(IOException.class, () -> get(context, port, "/images/json"),
                        (refused == null ? "no client certificate" : refused.getFileName()) + ": the handshake fails, no answer of ours");
            }
            // Plain HTTP on the TLS port: no HTTP answer, the connection ends.
            assertEquals(0, new dev.imagecatalog.http.RawHttp("127.0.0.1", port).get("/images/json").status());
            assertTrue(app.log().stream().anyMatch(line -> line.contains("served over TLS") && line.contains("client certificates required")),
                    app.log().toString());
            assertTrue(app.log().stream().noneMatch(line -> line.contains("Listening on: http://")),
                    "no plain-HTTP API port unless asked: " + app.log());
            assertEquals(200, app.management().get("/q/health/ready").status(), "the management port keeps its own setting: plain");
        }
    }

    @Test
    void withoutCaPemNoClientCertificateIsAskedFor() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        Path tlsOnly = Files.createDirectories(dir.resolve("tls-only"));
        Files.copy(certs.server.resolve("cert.pem"), tlsOnly.resolve("cert.pem"));
        Files.copy(certs.server.resolve("key.pem"), tlsOnly.resolve("key.pem"));
        try (PackagedApp app = start(tlsOnly, Map.of())) {
            assertEquals("HTTP/1.1 200 OK", get(TestCertificates.context(null, certs.server.resolve("ca.pem"), "TLSv1.3"), app.port(), "/_ping")
                    .statusLine());
        }
    }

    @Test
    void theStartRefusesFilesItCannotServeInOneLine() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.copy(certs.server.resolve("cert.pem"), broken.resolve("cert.pem"));
        Files.copy(certs.client.resolve("key.pem"), broken.resolve("key.pem"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> start(broken, Map.of()));
        assertTrue(refused.getMessage().contains("Cannot serve TLS: " + broken.resolve("key.pem") + " is not the key of the certificate in "
                + broken.resolve("cert.pem")), refused.getMessage());
        assertFalse(refused.getMessage().contains("\tat "), "no stack trace: " + refused.getMessage());
        Files.delete(broken.resolve("key.pem"));
        refused = assertThrows(IllegalStateException.class, () -> start(broken, Map.of()));
        assertTrue(refused.getMessage().contains("Cannot serve TLS: " + broken.resolve("key.pem") + " is missing"), refused.getMessage());
    }

    @Test
    void certificatesReplacedOnDiskAreTakenUpUnderLoadWithoutAFailedRequest() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        try (PackagedApp app = start(certs.server, Map.of())) {
            int port = app.port();
            BigInteger first = get(TestCertificates.context(certs.client, certs.client.resolve("ca.pem"), "TLS"), port, "/_ping")
                    .server().getSerialNumber();
            AtomicInteger requests = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            AtomicReference<String> failure = new AtomicReference<>();
            AtomicReference<BigInteger> latest = new AtomicReference<>(first);
            List<Thread> load = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < until && latest.get().equals(first) || requests.get() < 50) {
                        try {
                            // A new context each time: a resumed session would keep the certificate it began with.
                            SSLContext client = TestCertificates.context(certs.client, certs.client.resolve("ca.pem"), "TLS");
                            Exchange exchange = get(client, port, "/images/json");
                            if (!exchange.statusLine().equals("HTTP/1.1 200 OK")) {
                                throw new IOException(exchange.statusLine());
                            }
                            latest.set(exchange.server().getSerialNumber());
                            requests.incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            failure.set(e.toString());
                        }
                    }
                });
                thread.start();
                load.add(thread);
            }
            Thread.sleep(500);
            // cert-manager's way: a new certificate and key from the same CA, each file replaced whole.
            Path next = Files.createDirectories(dir.resolve("next"));
            certs.signed(next, "ca", "localhost", 30, true);
            for (String name : new String[] {"cert.pem", "key.pem"}) {
                Path temporary = certs.server.resolve(name + ".new");
                Files.copy(next.resolve(name), temporary);
                Files.move(temporary, certs.server.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            for (Thread thread : load) {
                thread.join(TimeUnit.SECONDS.toMillis(40));
            }
            assertNotEquals(first, latest.get(), "the new certificate is served; log: " + app.log());
            assertEquals(0, failures.get(), failures.get() + " of " + requests.get() + " requests failed, last: " + failure.get() + "; log: "
                    + String.join("\n", app.log()));
            assertTrue(app.log().stream().anyMatch(line -> line.contains("Took up the TLS certificates")), app.log().toString());
            SSLContext anonymous = TestCertificates.context(null, certs.client.resolve("ca.pem"), "TLS");
            assertThrows(IOException.class, () -> get(anonymous, port, "/_ping"), "client certificates are still required");
        }
    }

    @Test
    void theDockerCliListsThroughTlsVerify() throws Exception {
        Path docker = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "docker")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(docker != null, "no docker CLI on PATH: the docker CLI TLS test is skipped");
        TestCertificates certs = TestCertificates.make(dir);
        try (PackagedApp app = start(certs.server, Map.of())) {
            ProcessBuilder builder = new ProcessBuilder(docker.toString(), "images", "--format", "{{.Repository}}:{{.Tag}}");
            builder.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
            builder.environment().put("DOCKER_HOST", "tcp://localhost:" + app.port());
            builder.environment().put("DOCKER_TLS_VERIFY", "1");
            builder.environment().put("DOCKER_CERT_PATH", certs.client.toString());
            builder.environment().put("DOCKER_CONFIG", Files.createDirectories(dir.resolve("docker-config")).toString());
            Process process = builder.redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), out);
            assertTrue(out.contains("ubuntu:12.04"), out);
            builder.environment().put("DOCKER_CERT_PATH", certs.stranger.toString());
            Process stranger = builder.start();
            String refused = new String(stranger.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(stranger.waitFor(60, TimeUnit.SECONDS));
            assertNotEquals(0, stranger.exitValue(), "another CA's client is refused: " + refused);
        }
    }

    @Test
    void dockerJavaListsAndInspectsWithItsCertificatePath() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        try (PackagedApp app = start(certs.server, Map.of())) {
            com.github.dockerjava.core.DefaultDockerClientConfig config = com.github.dockerjava.core.DefaultDockerClientConfig
                    .createDefaultConfigBuilder().withDockerHost("tcp://localhost:" + app.port()).withDockerTlsVerify(true)
                    .withDockerCertPath(certs.client.toString()).build();
            try (com.github.dockerjava.api.DockerClient docker = com.github.dockerjava.core.DockerClientImpl.getInstance(config,
                    new com.github.dockerjava.httpclient5.ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                            .sslConfig(config.getSSLConfig()).build())) {
                assertEquals(8, docker.listImagesCmd().withShowAll(true).exec().size());
                assertEquals("ubuntu:12.04", docker.inspectImageCmd("ubuntu:12.04").exec().getRepoTags().get(0));
            }
        }
    }

    @Test
    void dockerPyListsAndInspectsWithTlsConfig() throws Exception {
        // Debian's python3-docker first (what .ci/run installs), then the python3 on PATH.
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/python3")));
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).map(d -> Path.of(d, "python3"))
                .filter(Files::isExecutable).forEach(candidates::add);
        Path python = null;
        for (Path candidate : candidates) {
            if (python == null && Files.isExecutable(candidate)
                    && new ProcessBuilder(candidate.toString(), "-c", "import docker").start().waitFor() == 0) {
                python = candidate;
            }
        }
        Assumptions.assumeTrue(python != null, "no python3 with docker-py: the docker-py TLS test is skipped");
        TestCertificates certs = TestCertificates.make(dir);
        try (PackagedApp app = start(certs.server, Map.of())) {
            String script = "import docker, sys\n"
                    + "d = sys.argv[1]\n"
                    + "tls = docker.tls.TLSConfig(client_cert=(d + '/cert.pem', d + '/key.pem'), ca_cert=d + '/ca.pem', verify=True)\n"
                    + "client = docker.DockerClient(base_url='tcp://localhost:' + sys.argv[2], tls=tls, version='auto')\n"
                    + "images = client.images.list()\n"
                    + "print(len(images), client.images.get('ubuntu:12.04').tags[0])\n";
            for (Path identity : new Path[] {certs.client, certs.stranger}) {
                ProcessBuilder builder = new ProcessBuilder(python.toString(), "-c", script, identity.toString(), String.valueOf(app.port()))
                        .redirectErrorStream(true);
                // requests lets these override the CA that docker-py's TLSConfig gives it (psf/requests#3829).
                builder.environment().remove("REQUESTS_CA_BUNDLE");
                builder.environment().remove("CURL_CA_BUNDLE");
                Process process = builder.start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(60, TimeUnit.SECONDS));
                if (identity == certs.client) {
                    assertEquals(0, process.exitValue(), out);
                    assertTrue(out.strip().endsWith("ubuntu:12.04"), out);
                } else {
                    assertNotEquals(0, process.exitValue(), "another CA's client is refused: " + out);
                }
            }
        }
    }

    @Test
    void dockerodeListsWithCaCertAndKey() throws Exception {
        Path modules = Path.of("target", "dockerode", "node_modules");
        Path node = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "node")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(node != null && Files.isDirectory(modules.resolve("dockerode")),
                "no node, or dockerode not installed (DockerodeClientTest installs it): the dockerode TLS test is skipped");
        TestCertificates certs = TestCertificates.make(dir);
        try (PackagedApp app = start(certs.server, Map.of())) {
            String script = "const fs = require('fs'); const Docker = require('dockerode'); const d = process.argv[1];"
                    + "const docker = new Docker({host: 'localhost', port: Number(process.argv[2]), protocol: 'https',"
                    + " ca: fs.readFileSync(d + '/ca.pem'), cert: fs.readFileSync(d + '/cert.pem'), key: fs.readFileSync(d + '/key.pem')});"
                    + "docker.listImages().then(images => { console.log(images.length); return docker.getImage('ubuntu:12.04').inspect(); })"
                    + ".then(image => console.log(image.RepoTags[0])).catch(e => { console.error(String(e)); process.exit(3); });";
            ProcessBuilder builder = new ProcessBuilder(node.toString(), "-e", script, certs.client.toString(), String.valueOf(app.port()))
                    .redirectErrorStream(true);
            builder.environment().put("NODE_PATH", modules.toAbsolutePath().toString());
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), out);
            assertEquals(List.of("7", "ubuntu:12.04"), out.lines().toList());
        }
    }
}
