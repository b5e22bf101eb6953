package dev.imagecatalog.api;

import dev.imagecatalog.http.RawHttp;
import dev.imagecatalog.tls.TestCertificates;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The same abuse against the packaged application over TLS with a client certificate (issue 25):
 * started with api.tls.cert-path (and its plain port, which the framework waits on), every raw
 * request of {@link HttpAbuseTest} sent to the TLS port.
 */
@QuarkusIntegrationTest
@TestProfile(HttpAbuseTlsIT.Tls.class)
class HttpAbuseTlsIT extends HttpAbuseTest {

    /** Certificates and a port, made once, before the application starts; null where openssl is missing. */
    static final class Setup {
        static final TestCertificates CERTS;
        static final int PORT;

        static {
            try {
                CERTS = TestCertificates.openssl() == null ? null : TestCertificates.makeTemporary("abuse-tls");
                try (ServerSocket free = new ServerSocket(0)) {
                    PORT = free.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static class Tls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (Setup.CERTS == null) {
                return Map.of();
            }
            return Map.of("api.tls.cert-path", Setup.CERTS.server.toString(), "api.tls.plain-http", "true",
                    "quarkus.http.ssl-port", String.valueOf(Setup.PORT));
        }
    }

    private SSLSocketFactory client;

    @BeforeEach
    void clientCertificate() throws Exception {
        Assumptions.assumeTrue(Setup.CERTS != null, "no openssl on PATH: the abuse suite is not repeated over TLS");
        client = TestCertificates.context(Setup.CERTS.client, Setup.CERTS.client.resolve("ca.pem"), "TLS").getSocketFactory();
    }

    @Override
    protected RawHttp http() {
        return new RawHttp("localhost", Setup.PORT, client);
    }
}
