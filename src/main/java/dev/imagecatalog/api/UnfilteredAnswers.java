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
 *
 * <p>The one that nearly every first request asks for (no filters, the current version's shape:
 * the docker CLI, SDKs and unversioned clients) is rendered on a background thread as soon as the
 * catalog is loaded: the server opens meanwhile, and the first request for it waits for the rest of
 * the rendering instead of doing all of it (for 100,000 images, about a quarter of a second sooner).
 * Not on AWS Lambda, which bills that time and freezes threads between invocations.
 */
@Singleton
@Startup
public class UnfilteredAnswers {

    private static final Logger LOG = Logger.getLogger(UnfilteredAnswers.class);

    static final ResponseShape DEFAULT_SHAPE = ResponseShape.of(ApiVersion.CURRENT);

    private final Catalog catalog;
    private final boolean prerender;
    private final boolean inBackground;
    private final AtomicReferenceArray<RenderedAnswer> answers = new AtomicReferenceArray<>(ResponseShape.values().length * 2);

    UnfilteredAnswers(Catalog catalog, ServingForm form,
            @ConfigProperty(name = "api.prerender", defaultValue = "false") boolean prerender) {
        this.catalog = catalog;
        this.prerender = prerender;
        this.inBackground = !prerender && !form.lambda();
    }

    @PostConstruct
    void prepare() {
        if (inBackground) {
            Thread renderer = new Thread(this::renderDefault, "default-answer");
            renderer.setDaemon(true);
            renderer.start();
        }
        if (prerender) {
            long start = System.nanoTime();
            for (ResponseShape shape : ResponseShape.values()) {
                get(shape, false);
                get(shape, true);
            }
            LOG.infof("Pre-rendered %d answers in %d ms", answers.length(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void renderDefault() {
        try {
            long start = System.nanoTime();
            RenderedAnswer answer = get(DEFAULT_SHAPE, false);
            LOG.debugf("Rendered the default answer (%d bytes) in %d ms", answer.length(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // Nothing is lost: the first request for it renders it (and reports what goes wrong).
            LOG.warnf("Could not render the default answer ahead of requests: %s", e.toString());
        }
    }

    /** Whether the answer is stored already (no request has to render it). */
    boolean isRendered(ResponseShape shape, boolean all) {
        return answers.get(slot(shape, all)) != null;
    }

    private static int slot(ResponseShape shape, boolean all) {
        return shape.ordinal() * 2 + (all ? 1 : 0);
    }

    RenderedAnswer get(ResponseShape shape, boolean all) {
        int slot = slot(shape, all);
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
