package dev.imagecatalog.api.http;

import dev.imagecatalog.api.json.ApiVersion;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The headers a Docker daemon puts on every answer (clients negotiate the API version from them),
 * plus {@code X-Content-Type-Options: nosniff}, so that no browser reads an answer as anything but JSON.
 */
@Singleton
public class DockerHeaders {

    private final Map<String, String> headers;
    /** The same, encoded once for Vert.x (ASCII strings it writes without re-checking them). */
    private final CharSequence[] encoded;

    DockerHeaders(@ConfigProperty(name = "quarkus.application.name") String name,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.headers = Map.of(
                "Api-Version", ApiVersion.CURRENT.text(),
                "Docker-Experimental", "false",
                "Ostype", "linux",
                "Server", name + "/" + version + " (linux)",
                "X-Content-Type-Options", "nosniff");
        this.encoded = headers.entrySet().stream()
                .flatMap(h -> java.util.stream.Stream.of(HttpHeaders.createOptimized(h.getKey()), HttpHeaders.createOptimized(h.getValue())))
                .toArray(CharSequence[]::new);
    }

    /** The headers as names and values in turn, encoded for Vert.x. */
    List<CharSequence> encoded() {
        return List.of(encoded);
    }

    /** Puts the headers on a response written straight to Vert.x. */
    public void applyTo(HttpServerResponse response) {
        MultiMap target = response.headers();
        for (int i = 0; i < encoded.length; i += 2) {
            target.set(encoded[i], encoded[i + 1]);
        }
    }

    public void applyTo(BiConsumer<String, String> header) {
        headers.forEach(header);
    }

    @ServerResponseFilter
    public void addTo(ContainerResponseContext response) {
        applyTo(response.getHeaders()::putSingle);
    }
}
