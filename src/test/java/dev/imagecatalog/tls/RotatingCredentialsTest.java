package dev.imagecatalog.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's key as the TLS server is given it: RSA and EC keys serve TLS 1.3 and 1.2 handshakes, and a rotation takes over from the next one. */
class RotatingCredentialsTest {

    @TempDir
    Path dir;

    /** Runs one handshake against a server using {@code credentials}; returns the certificate the client was shown. */
    private static X509Certificate handshake(RotatingCredentials credentials, Path trustedCert, String protocol) throws Exception {
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(credentials.keyManagerFactory().getKeyManagers(), null, null);
        try (SSLServerSocket listening = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setEnabledProtocols(new String[] {protocol});
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.startHandshake();
                    accepted.getOutputStream().write(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SSLContext client = SSLContext.getInstance(protocol);
            client.init(null, trusting(trustedCert).getTrustManagers(), null);
            X509Certificate shown;
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                assertEquals(1, socket.getInputStream().read());
                assertEquals(protocol, socket.getSession().getProtocol());
                shown = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            }
            served.get(10, TimeUnit.SECONDS);
            return shown;
        }
    }

    private static TrustManagerFactory trusting(Path cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            store.setCertificateEntry("trusted", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return factory;
    }

    private static Path withoutCa(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        Files.copy(from.resolve("cert.pem"), to.resolve("cert.pem"));
        Files.copy(from.resolve("key.pem"), to.resolve("key.pem"));
        return to;
    }

    @Test
    void rsaAndEcKeysServeTls13And12() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        Path ec = dir.resolve("ec");
        certs.ecPair(ec);
        for (Path served : new Path[] {withoutCa(certs.server, dir.resolve("rsa")), ec}) {
            TlsFiles.Loaded loaded = new TlsFiles(served).load();
            RotatingCredentials credentials = new RotatingCredentials(loaded);
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                // The client trusts the server's certificate itself (the EC one is self-signed) or its CA.
                Path trusted = served.equals(ec) ? ec.resolve("cert.pem") : certs.server.resolve("ca.pem");
                assertEquals(loaded.chain().get(0), handshake(credentials, trusted, protocol), served.getFileName() + " over " + protocol);
            }
            assertTrue(HandshakeWarmUp.run(credentials), "the start's warm-up finishes a handshake in memory with " + served.getFileName());
        }
    }

    @Test
    void aRotationServesTheNextHandshakeAndAnAliasChosenBeforeKeepsItsOwnKey() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        TlsFiles.Loaded first = new TlsFiles(withoutCa(certs.server, dir.resolve("first"))).load();
        Path second = Files.createDirectories(dir.resolve("second"));
        certs.signed(second, "ca", "localhost", 30, true);
        TlsFiles.Loaded next = new TlsFiles(withoutCa(second, dir.resolve("second-served"))).load();
        RotatingCredentials credentials = new RotatingCredentials(first);
        X509ExtendedKeyManager keys = (X509ExtendedKeyManager) credentials.keyManagerFactory().getKeyManagers()[0];

        String before = keys.chooseEngineServerAlias("RSA", null, null);
        assertNull(keys.chooseEngineServerAlias("EC", null, null), "an RSA key serves no handshake that asks for an EC one");
        credentials.use(next);
        String after = keys.chooseEngineServerAlias("RSA", null, null);
        assertNotEquals(before, after);
        assertSame(first.key(), keys.getPrivateKey(before), "a handshake that chose its alias before the rotation finishes with that key");
        assertArrayEquals(first.chain().toArray(), keys.getCertificateChain(before));
        assertSame(next.key(), keys.getPrivateKey(after));
        assertEquals(next.chain().get(0), handshake(credentials, certs.server.resolve("ca.pem"), "TLSv1.3"));
        assertNull(keys.getPrivateKey("no-such-alias"));
    }
}
