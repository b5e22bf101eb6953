package dev.imagecatalog.tls;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * Certificates made at test time with openssl, never committed: a CA, a server certificate for
 * localhost, a client certificate, another CA's client and an expired client, each directory laid
 * out as dockerd's clients lay theirs out ({@code ca.pem}, {@code cert.pem}, {@code key.pem}).
 * Where no openssl is installed, the tests that need them are skipped, and say why.
 */
public final class TestCertificates {

    public final Path root;
    /** The server's directory: ca.pem (the clients' CA), cert.pem, key.pem. */
    public final Path server;
    /** A client signed by the CA the server trusts. */
    public final Path client;
    /** A client signed by another CA. */
    public final Path stranger;
    /** A client signed by the right CA, expired. */
    public final Path expired;

    private TestCertificates(Path root) {
        this.root = root;
        this.server = root.resolve("server");
        this.client = root.resolve("client");
        this.stranger = root.resolve("stranger");
        this.expired = root.resolve("expired");
    }

    public static Path openssl() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "openssl")).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Makes a fresh set under {@code root}; skips the calling test when openssl is missing. */
    public static TestCertificates make(Path root) throws IOException, InterruptedException {
        Assumptions.assumeTrue(openssl() != null, "no openssl on PATH: the TLS tests are skipped");
        TestCertificates certs = new TestCertificates(root);
        for (Path dir : List.of(certs.server, certs.client, certs.stranger, certs.expired, root.resolve("ca"), root.resolve("other-ca"))) {
            Files.createDirectories(dir);
        }
        certs.ca("ca", "image-catalog test CA");
        certs.ca("other-ca", "another CA");
        certs.signed(certs.server, "ca", "localhost", 30, true);
        certs.signed(certs.client, "ca", "client", 30, false);
        certs.signed(certs.stranger, "other-ca", "stranger", 30, false);
        certs.signed(certs.expired, "ca", "expired", 0, false);
        // The stranger trusts our server (its ca.pem is ours); only its own certificate is another CA's.
        Files.copy(root.resolve("ca").resolve("ca.pem"), certs.stranger.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return certs;
    }

    /**
     * Makes a fresh set in a temporary directory of its own, deleted when the test JVM exits (a
     * packaged application started with them reads them until its suite ends).
     */
    public static TestCertificates makeTemporary(String prefix) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
        return make(root);
    }

    private static void deleteQuietly(Path root) {
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private void ca(String name, String subject) throws IOException, InterruptedException {
        Path dir = root.resolve(name);
        run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "ca.pem", "-days", "30", "-subj", "/CN=" + subject);
    }

    /** A key and a certificate signed by the named CA, with that CA's certificate as ca.pem. */
    public void signed(Path dir, String caName, String subject, int days, boolean serverName) throws IOException, InterruptedException {
        Path ca = root.resolve(caName);
        run(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "request.csr", "-subj", "/CN=" + subject);
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", "request.csr", "-CA", ca.resolve("ca.pem").toString(),
                "-CAkey", ca.resolve("key.pem").toString(), "-CAcreateserial", "-out", "cert.pem", "-days", String.valueOf(days)));
        if (serverName) {
            Path extensions = dir.resolve("extensions.cnf");
            Files.writeString(extensions, "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
            sign.addAll(List.of("-extfile", extensions.toString()));
        } else {
            Path extensions = dir.resolve("extensions.cnf");
            Files.writeString(extensions, "extendedKeyUsage=clientAuth\n");
            sign.addAll(List.of("-extfile", extensions.toString()));
        }
        run(dir, sign.toArray(String[]::new));
        Files.copy(ca.resolve("ca.pem"), dir.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        run(dir, "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-out", "identity.p12", "-passout", "pass:secret");
    }

    /** The same key as key.pem, written in another form ({@code -traditional}: PKCS#1). */
    public void traditionalKey(Path dir, Path out) throws IOException, InterruptedException {
        run(dir, "rsa", "-in", "key.pem", "-traditional", "-out", out.toString());
    }

    /** An EC key and a self-signed certificate in SEC1 form, as {@code openssl ecparam -genkey} writes it. */
    public void ecPair(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
        run(dir, "req", "-x509", "-key", "key.pem", "-out", "cert.pem", "-days", "3", "-subj", "/CN=ec");
    }

    /** An SSL context that presents the identity in {@code dir} (if any) and trusts {@code trusted}'s ca.pem. */
    public static SSLContext context(Path identity, Path trustedCa, String protocol) throws Exception {
        KeyManagerFactory keys = null;
        if (identity != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(identity.resolve("identity.p12"))) {
                store.load(in, "secret".toCharArray());
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "secret".toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(trustedCa)) {
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trusts = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusts.init(trust);
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(keys == null ? null : keys.getKeyManagers(), trusts.getTrustManagers(), null);
        return context;
    }

    private void run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(openssl().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
