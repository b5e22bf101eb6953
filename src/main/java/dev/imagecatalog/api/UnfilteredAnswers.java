package dev.imagecatalog.api;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.ImageSelector;
import dev.imagecatalog.query.ImageSummary;
import dev.imagecatalog.query.QueryParameters;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The answers to requests without filters, one per response shape and {@code all}: the catalog
 * never changes, so each is rendered once (on first use, or at startup with {@code api.prerender})
 * and then served as stored bytes.
 */
@Singleton
@Startup
public class UnfilteredAnswers {

    private static final Logger LOG = Logger.getLogger(UnfilteredAnswers.class);

    private final Catalog catalog;
    private final boolean prerender;
    private final AtomicReferenceArray<RenderedAnswer> answers = new AtomicReferenceArray<>(ResponseShape.values().length * 2);

    UnfilteredAnswers(Catalog catalog, @ConfigProperty(name = "api.prerender", defaultValue = "false") boolean prerender) {
        this.catalog = catalog;
        this.prerender = prerender;
    }

    @PostConstruct
    void prerenderIfAsked() {
        if (prerender) {
            long start = System.nanoTime();
            for (ResponseShape shape : ResponseShape.values()) {
                get(shape, false);
                get(shape, true);
            }
            LOG.infof("Pre-rendered %d answers in %d ms", answers.length(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    RenderedAnswer get(ResponseShape shape, boolean all) {
        int slot = shape.ordinal() * 2 + (all ? 1 : 0);
        RenderedAnswer answer = answers.get(slot);
        if (answer == null) {
            synchronized (this) { // rendered once (it may be tens of megabytes): a second first request waits
                answer = answers.get(slot);
                if (answer == null) {
                    ImageQuery query = ImageQuery.from(QueryParameters.parse(all ? "all=1" : ""), catalog, Instant.EPOCH);
                    List<ImageSummary> images = ImageSelector.select(catalog, query);
                    answer = RenderedAnswer.stored(DockerJson.sizeHint(images), out -> DockerJson.images(out, images, shape));
                    answers.set(slot, answer);
                }
            }
        }
        return answer;
    }
}
