package dev.imagecatalog.tls;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start with TLS files that cannot be served (missing, unreadable, not PEM, a key that is
 * not the certificate's, a {@code ca.pem} without a certificate), in one line that names the file,
 * before any port opens; says at start how the Docker API is protected.
 */
@Startup
@Singleton
public class TlsStart {

    private static final Logger LOG = Logger.getLogger(TlsStart.class);

    private final Optional<TlsFiles> files;
    private final Optional<RotatingCredentials> credentials;

    TlsStart(@ConfigProperty(name = "api.tls.cert-path") Optional<String> certPath,
            @ConfigProperty(name = "quarkus.http.ssl-port", defaultValue = "8443") int sslPort,
            @ConfigProperty(name = "quarkus.http.insecure-requests", defaultValue = "enabled") String plain) {
        if (certPath.isEmpty() || certPath.get().isBlank()) {
            this.files = Optional.empty();
            this.credentials = Optional.empty();
            return;
        }
        TlsFiles files = new TlsFiles(Path.of(certPath.get()));
        try {
            this.credentials = Optional.of(new RotatingCredentials(files.load()));
            this.files = Optional.of(files);
        } catch (TlsFiles.Refused e) {
            // Quarkus prints a ConfigurationException's message alone and exits 1: one clear line, no trace.
            throw new ConfigurationException("Cannot serve TLS: " + e.getMessage());
        }
        HandshakeWarmUp.start(credentials.get());
        // (joined, not %d-formatted: see CatalogLog)
        LOG.info("The Docker API is served over TLS on port " + sslPort + " with " + files.cert() + " ("
                + (files.verifiesClients() ? "client certificates required, signed by " + files.ca() : "no client certificate asked for") + ")"
                + (plain.equals("enabled") ? "; plain HTTP too, as api.tls.plain-http asks" : ""));
    }

    /** The TLS files, when TLS is on. */
    public Optional<TlsFiles> files() {
        return files;
    }

    /** What the TLS server presents and trusts, when TLS is on. */
    public Optional<RotatingCredentials> credentials() {
        return credentials;
    }
}
