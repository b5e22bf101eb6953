package dev.imagecatalog.api;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
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

    DockerHeaders(@ConfigProperty(name = "quarkus.application.name") String name,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.headers = Map.of(
                "Api-Version", ApiVersion.CURRENT.text(),
                "Docker-Experimental", "false",
                "Ostype", "linux",
                "Server", name + "/" + version + " (linux)",
                "X-Content-Type-Options", "nosniff");
    }

    public void applyTo(BiConsumer<String, String> header) {
        headers.forEach(header);
    }

    @ServerResponseFilter
    public void addTo(ContainerResponseContext response) {
        applyTo(response.getHeaders()::putSingle);
    }
}
