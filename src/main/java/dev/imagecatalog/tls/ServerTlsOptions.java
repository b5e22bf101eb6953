package dev.imagecatalog.tls;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.inject.Singleton;

/**
 * The Docker API's TLS server, set when it starts rather than when the binary is built
 * ({@code quarkus.http.ssl.client-auth} is fixed at build time): client certificates required when
 * {@code ca.pem} is there (dockerd's {@code --tlsverify}), not asked for otherwise ({@code --tls}); a
 * client without one, with one another CA signed, or an expired one fails the handshake. Its trust,
 * like its key ({@link ServerKeyStore}), comes from {@link RotatingCredentials}, so that a rotation
 * needs no new SSL context.
 */
@Singleton
public class ServerTlsOptions implements HttpServerOptionsCustomizer {

    private final TlsStart tls;

    ServerTlsOptions(TlsStart tls) {
        this.tls = tls;
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        tls.credentials().ifPresent(credentials -> {
            if (tls.files().orElseThrow().verifiesClients()) {
                options.setTrustOptions(TrustOptions.wrap(credentials.trustManagerFactory()));
                options.setClientAuth(ClientAuth.REQUIRED);
            } else {
                options.setClientAuth(ClientAuth.NONE);
            }
        });
    }
}
