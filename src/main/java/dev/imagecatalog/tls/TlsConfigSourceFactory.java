package dev.imagecatalog.tls;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * TLS on the Docker API port, the way dockerd protects its TCP socket, from one setting:
 * {@code api.tls.cert-path} (environment {@code API_TLS_CERT_PATH}), a directory of {@code ca.pem},
 * {@code cert.pem} and {@code key.pem} ({@link TlsFiles}). When it is set, this configures Quarkus's
 * TLS registry (a configuration named {@value #NAME}, TLS 1.3 and 1.2, as dockerd accepts: docker-py
 * speaks 1.2), serves it on {@code quarkus.http.ssl-port} (2376 unless set, the daemon's TLS port)
 * and closes the plain-HTTP port, unless {@code api.tls.plain-http=true} asks for both in so many
 * words. The files are read once, by {@link TlsStart}: the server's key reaches the registry through
 * {@link ServerKeyStore}, the clients' CAs the server through {@link ServerTlsOptions}, and a
 * rotation replaces both ({@link RotatingCredentials}).
 *
 * <p>Read at run time, when the configuration is built: one binary serves with and without TLS. Files
 * that cannot be served refuse the start in one line ({@link TlsStart}), when the registry asks for the key.
 */
public class TlsConfigSourceFactory implements ConfigSourceFactory {

    /** The TLS registry's configuration for the Docker API. */
    public static final String NAME = "docker-api";
    /** Below application.properties (250) and the environment: an operator's own setting wins. */
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String path = value(context, "api.tls.cert-path");
        if (path == null || path.isBlank()) {
            return List.of();
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.tls." + NAME + ".protocols", "TLSv1.3,TLSv1.2");
        properties.put("quarkus.http.tls-configuration-name", NAME);
        properties.put("quarkus.http.ssl-port", "2376");
        properties.put("quarkus.http.insecure-requests", "true".equalsIgnoreCase(value(context, "api.tls.plain-http")) ? "enabled" : "disabled");
        return List.of(new PropertiesConfigSource(properties, "image-catalog TLS (api.tls.cert-path)", ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
