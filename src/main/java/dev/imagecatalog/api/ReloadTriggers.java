package dev.imagecatalog.api;

import dev.imagecatalog.api.answers.ServingForm;

import dev.imagecatalog.catalog.CatalogReloader;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * What makes the server forms reload the catalog: a change of the file, seen every
 * {@code catalog.reload-interval} ({@code 0}: never), and SIGHUP, at once (as nginx reloads).
 * Not on AWS Lambda, where the catalog ships in the function's zip and threads are frozen between
 * invocations.
 */
@Singleton
@Startup
public class ReloadTriggers {

    private static final Logger LOG = Logger.getLogger(ReloadTriggers.class);

    private final CatalogReloader reloader;
    private final ServingForm form;
    private final Duration interval;

    ReloadTriggers(CatalogReloader reloader, ServingForm form,
            @ConfigProperty(name = "catalog.reload-interval", defaultValue = "2S") Duration interval) {
        this.reloader = reloader;
        this.form = form;
        this.interval = interval;
    }

    @PostConstruct
    void install() {
        if (form.lambda()) {
            return;
        }
        reloader.start(interval);
        try {
            Signal.handle(new Signal("HUP"), signal -> reloader.reloadNow());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.infof("SIGHUP cannot reload the catalog here (%s); the file is still followed", e.getMessage());
        }
    }
}
