package dev.imagecatalog.api.answers;

import dev.imagecatalog.api.json.ApiVersion;
import dev.imagecatalog.api.json.DockerJson;
import dev.imagecatalog.api.json.ImageFragments;
import dev.imagecatalog.api.json.ResponseShape;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.ServedCatalog;
import dev.imagecatalog.catalog.snapshot.Snapshot;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.ImageSelector;
import dev.imagecatalog.query.ImageSummary;
import dev.imagecatalog.query.QueryParameters;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The answers to requests without filters, one per response shape and {@code all}: a catalog never
 * changes, so each is rendered once for it (on first use, or at startup with {@code api.prerender})
 * and then served as stored bytes. They are kept with their catalog ({@link Catalog#derived}), so a
 * reloaded catalog starts with none and the old ones go with the old catalog.
 *
 * <p>The one that nearly every first request asks for (no filters, the current version's shape:
 * the docker CLI, SDKs and unversioned clients) is rendered on a background thread as soon as the
 * catalog is loaded: the server opens meanwhile, and the first request for it waits for the rest of
 * the rendering instead of doing all of it (for 100,000 images, about a quarter of a second sooner);
 * a reloaded catalog gets it before it is served. The same thread then builds the catalog's
 * indexes that the first filters would otherwise wait for ({@link Catalog#prepareIndex()}). Not on AWS
 * Lambda, which bills that time and freezes threads between invocations.
 */
@Singleton
@Startup
public class UnfilteredAnswers {

    private static final Logger LOG = Logger.getLogger(UnfilteredAnswers.class);

    static final ResponseShape DEFAULT_SHAPE = ResponseShape.of(ApiVersion.CURRENT);
    /** How the default answer is rendered here, stored with a compiled one: one compiled otherwise is not served. */
    static final String RENDERING = "GET /images/json " + DEFAULT_SHAPE.name() + ", DockerJson revision " + DockerJson.REVISION;
    private static final int SLOTS = ResponseShape.values().length * 2;

    private final ServedCatalog served;
    private final boolean prerender;
    private final boolean inBackground;

    UnfilteredAnswers(ServedCatalog served, ServingForm form,
            @ConfigProperty(name = "api.prerender", defaultValue = "false") boolean prerender) {
        this.served = served;
        this.prerender = prerender;
        this.inBackground = !prerender && !form.lambda();
    }

    /** The stored answers of one catalog, rendered on first use. */
    private static final class Stored {
        final Catalog catalog;
        final AtomicReferenceArray<RenderedAnswer> answers = new AtomicReferenceArray<>(SLOTS);
        /** The default answers cut into their images, by shape. */
        final AtomicReferenceArray<ImageFragments> fragments = new AtomicReferenceArray<>(ResponseShape.values().length);
        /** The default answer compiled into the snapshot served, or null: taken as rendered (its sections read on first use). */
        final Catalog.CompiledAnswer compiled;
        /** An answer was cut from the compiled answer's pieces: the next reads it whole (see {@link #fragmentsIfStored}). */
        final AtomicBoolean cutFromPieces = new AtomicBoolean();

        Stored(Catalog catalog) {
            this.catalog = catalog;
            Catalog.CompiledAnswer answer = catalog.compiledDefaultAnswer();
            // Compiled by a build that renders otherwise (another API version, say): rendered here instead.
            this.compiled = answer != null && RENDERING.equals(answer.rendering()) ? answer : null;
        }
    }

    @PostConstruct
    void prepare() {
        if (inBackground && stored(served.current()).compiled == null) { // (a snapshot's was rendered when it was compiled)
            Catalog catalog = served.current();
            Thread renderer = new Thread(() -> {
                renderDefault(catalog);
                prepareIndex(catalog);
            }, "default-answer");
            renderer.setDaemon(true);
            renderer.start();
        }
        if (prerender) {
            long start = System.nanoTime();
            renderAll(served.current());
            prepareIndex(served.current());
            LOG.infof("Pre-rendered %d answers in %d ms", SLOTS, (System.nanoTime() - start) / 1_000_000);
        }
        served.beforeServing(catalog -> {
            if (prerender) {
                renderAll(catalog);
            } else {
                renderDefault(catalog);
            }
            prepareIndex(catalog);
        });
    }

    /**
     * Then the catalog's indexes that the first filters would otherwise wait for (a JSON catalog's
     * reference index: a sort of every reference), after the default answer, which the first
     * request most likely wants.
     */
    private static void prepareIndex(Catalog catalog) {
        try {
            long start = System.nanoTime();
            catalog.prepareIndex();
            LOG.debugf("Prepared the catalog's indexes in %d ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("Could not prepare the catalog's indexes ahead of requests: %s", e.toString());
        }
    }

    private void renderAll(Catalog catalog) {
        for (ResponseShape shape : ResponseShape.values()) {
            get(catalog, shape, false).prepare(false); // (a snapshot's compiled answer read now)
            get(catalog, shape, true);
        }
    }

    private void renderDefault(Catalog catalog) {
        try {
            long start = System.nanoTime();
            RenderedAnswer answer = get(catalog, DEFAULT_SHAPE, false);
            if (answer.ready(false)) { // (a snapshot's compiled one is read when first sent)
                LOG.debugf("Rendered the default answer (%d bytes) in %d ms", answer.length(), (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // Nothing is lost: the first request for it renders it (and reports what goes wrong).
            LOG.warnf("Could not render the default answer ahead of requests: %s", e.toString());
        }
    }

    /**
     * The default answer of a catalog as {@link #get} renders it, with where each image lies in it:
     * what compile-catalog puts into a snapshot, served as stored.
     */
    public static Snapshot.DefaultAnswer compiledAnswer(Catalog catalog) {
        List<ImageSummary> images = listed(catalog, false);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(DockerJson.sizeHint(images));
        Catalog.AnswerCuts cuts = writeWithCuts(body, images, DEFAULT_SHAPE);
        byte[] bytes = body.toByteArray();
        return new Snapshot.DefaultAnswer(bytes, RenderedAnswer.gzipOfCompiled(bytes),
                RenderedAnswer.etagOf(io.netty.buffer.Unpooled.wrappedBuffer(bytes)), RENDERING, cuts.positions(), cuts.ends());
    }

    /** Writes the answer listing these images, and says where each one lies in it (for {@link ImageFragments}). */
    private static Catalog.AnswerCuts writeWithCuts(java.io.OutputStream out, List<ImageSummary> images, ResponseShape shape) {
        int[] ends = DockerJson.imagesWithEnds(out, images, shape);
        return new Catalog.AnswerCuts(images.stream().mapToInt(ImageSummary::position).toArray(), ends);
    }

    /** The images an answer without filters lists, with {@code all} or without (the default answer, and /system/df's). */
    static List<ImageSummary> listed(Catalog catalog, boolean all) {
        return ImageSelector.select(catalog, ImageQuery.from(QueryParameters.parse(all ? "all=1" : ""), catalog, Instant.EPOCH));
    }

    /**
     * The bytes of the stored answers of the catalog being served (these, and those of
     * {@code /system/df}), gzip forms included (a metric).
     */
    public long storedBytes() {
        AtomicReferenceArray<RenderedAnswer> answers = stored(served.current()).answers;
        long bytes = DiskUsageAnswers.storedBytes(served.current());
        for (int i = 0; i < answers.length(); i++) {
            RenderedAnswer answer = answers.get(i);
            bytes += answer == null ? 0 : answer.storedBytes();
        }
        return bytes;
    }

    /** Whether the answer is stored already for the catalog being served (no request has to render it). */
    boolean isRendered(ResponseShape shape, boolean all) {
        return stored(served.current()).answers.get(slot(shape, all)) != null;
    }

    private static int slot(ResponseShape shape, boolean all) {
        return shape.ordinal() * 2 + (all ? 1 : 0);
    }

    private static Stored stored(Catalog catalog) {
        return catalog.derived(Stored.class, Stored::new);
    }

    /**
     * The stored answer if it is rendered already, or compiled into the snapshot served (then each
     * of its forms is read when first sent: {@link RenderedAnswer#ready}); else null: nothing is
     * rendered for it.
     */
    public RenderedAnswer ifRendered(Catalog catalog, ResponseShape shape, boolean all) {
        Stored stored = stored(catalog);
        RenderedAnswer answer = stored.answers.get(slot(shape, all));
        if (answer == null && isCompiled(stored, shape, all)) {
            answer = fromCompiled(stored);
        }
        return answer;
    }

    /** The compiled answer as a stored one, its forms read on first use; two first uses may make it, one is kept. */
    private static RenderedAnswer fromCompiled(Stored stored) {
        int slot = slot(DEFAULT_SHAPE, false);
        Catalog.CompiledAnswer compiled = stored.compiled;
        stored.answers.compareAndSet(slot, null, RenderedAnswer.compiled(compiled));
        return stored.answers.get(slot);
    }

    /**
     * The default answer of a shape cut into its images, if that answer is rendered already (or
     * compiled into the snapshot served, and read already); else null (a filtered answer is then
     * written whole: rendering all the images first would cost more; for labels alone, see
     * {@link #fragmentsIfStored}).
     */
    ImageFragments fragmentsIfRendered(Catalog catalog, ResponseShape shape) {
        Stored stored = stored(catalog);
        ImageFragments fragments = stored.fragments.get(shape.ordinal());
        if (fragments == null && isCompiled(stored, shape, false) && stored.compiled.isRead()) {
            fragments = compiledFragments(stored);
        }
        return fragments;
    }

    /**
     * The default answer of a shape cut into its images, if it is rendered already or compiled into
     * the snapshot served; else null: nothing is rendered for it. The first answer cut from a
     * compiled answer not read yet does not read it whole: the pieces it needs are read (and
     * checked) as it is assembled, into reused memory (what a cold start's first filter waits for:
     * at 100,000 images, 43 MB of fresh memory cost more than the reading). The next reads it whole
     * and keeps it, so that later ones read nothing (where no background check does: AWS Lambda).
     */
    ImageFragments fragmentsIfStored(Catalog catalog, ResponseShape shape) {
        Stored stored = stored(catalog);
        ImageFragments fragments = stored.fragments.get(shape.ordinal());
        if (fragments != null || !isCompiled(stored, shape, false)) {
            return fragments;
        }
        Catalog.Pieces pieces = stored.cutFromPieces.compareAndSet(false, true) ? stored.compiled.pieces(false) : null; // (null once read)
        return pieces == null ? compiledFragments(stored) : ImageFragments.ofPieces(pieces, stored.compiled.cuts(), catalog.size());
    }

    /** The compiled answer's body and cuts (read and checked now if not yet) as fragments; two first uses make the same. */
    private static ImageFragments compiledFragments(Stored stored) {
        RenderedAnswer answer = fromCompiled(stored);
        stored.fragments.compareAndSet(DEFAULT_SHAPE.ordinal(), null,
                new ImageFragments(answer.storedBuffer(), stored.compiled.cuts(), stored.catalog.size()));
        return stored.fragments.get(DEFAULT_SHAPE.ordinal());
    }

    private static boolean isCompiled(Stored stored, ResponseShape shape, boolean all) {
        return stored.compiled != null && shape == DEFAULT_SHAPE && !all;
    }

    public RenderedAnswer get(Catalog catalog, ResponseShape shape, boolean all) {
        Stored stored = stored(catalog);
        int slot = slot(shape, all);
        RenderedAnswer answer = stored.answers.get(slot);
        if (answer == null && isCompiled(stored, shape, all)) {
            return fromCompiled(stored); // rendered when compiled: each form read (and checked) from the snapshot when first sent
        }
        if (answer == null) {
            synchronized (stored) { // rendered once (it may be tens of megabytes): a second first request waits
                answer = stored.answers.get(slot);
                if (answer == null) {
                    List<ImageSummary> images = listed(catalog, all);
                    Catalog.AnswerCuts[] cuts = new Catalog.AnswerCuts[1];
                    answer = RenderedAnswer.stored(DockerJson.sizeHint(images), out -> cuts[0] = writeWithCuts(out, images, shape));
                    if (!all) {
                        stored.fragments.set(shape.ordinal(), new ImageFragments(answer.storedBuffer(), cuts[0], catalog.size()));
                    }
                    stored.answers.set(slot, answer);
                }
            }
        }
        return answer;
    }
}
