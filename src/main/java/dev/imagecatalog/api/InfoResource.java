package dev.imagecatalog.api;

import dev.imagecatalog.api.answers.RenderedAnswer;
import dev.imagecatalog.api.answers.ServingForm;
import dev.imagecatalog.api.http.HttpAnswers;
import dev.imagecatalog.api.http.RequestPath;
import dev.imagecatalog.api.json.HostFacts;
import dev.imagecatalog.api.json.InfoJson;

import dev.imagecatalog.catalog.ServedCatalog;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /info}: what {@code docker info} shows, and what many SDK users call to check a
 * connection ({@link InfoJson} for the body). Made per request, since it carries the time and the
 * process's counts; on a worker thread (it reads {@code /proc}).
 */
@jakarta.ws.rs.Path("/info")
public class InfoResource {

    private final ServedCatalog served;
    private final ServingForm form;
    private final HostFacts host;
    private final String serverVersion;

    private final EventsRoute events;

    InfoResource(ServedCatalog served, ServingForm form, HostFacts host, EventsRoute events,
            @ConfigProperty(name = "quarkus.application.version") String serverVersion) {
        this.served = served;
        this.events = events;
        this.form = form;
        this.host = host;
        this.serverVersion = serverVersion;
    }

    @GET
    public Response info(@Context RoutingContext routing) {
        InfoJson.Facts facts = new InfoJson.Facts(served.current().size(), serverVersion, openFiles(), Thread.activeCount(),
                events.watcherCount(), Instant.now());
        RenderedAnswer answer = RenderedAnswer.tagged(InfoJson.info(host, facts, RequestPath.version(routing)));
        return HttpAnswers.of(answer, routing, form.lambda());
    }

    /** The process's open file descriptors, as the daemon counts its own ({@code NFd}); 0 where unknown. */
    private static int openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
