package dev.imagecatalog.api.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.inject.Singleton;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads that make answers off the event loop: rendering a stored answer, making a filtered one,
 * deflating a gzip form. Bounded ({@code api.answer-makers}; default one fewer than the cores, at
 * least one), so that a flood of expensive requests queues here instead of taking every core: the
 * event loops keep a core for the cheap requests (a {@code /_ping}, a stored answer), which would
 * otherwise wait behind as many runnable threads as requests in flight.
 */
@Singleton
public class AnswerMakers {

    /** Long enough for megabytes to deflate on a slow core; Vert.x warns of a blocked worker beyond it. */
    private static final long MAX_EXECUTE_SECONDS = 60;

    /** Its threads start with the first answer it is given to make. */
    private final WorkerExecutor executor;

    AnswerMakers(Vertx vertx, @ConfigProperty(name = "api.answer-makers", defaultValue = "0") int configured) {
        int size = configured > 0 ? configured : defaultSize(Runtime.getRuntime().availableProcessors());
        this.executor = vertx.createSharedWorkerExecutor("answer-maker", size, MAX_EXECUTE_SECONDS, TimeUnit.SECONDS);
    }

    /** One fewer than the cores, at least one. */
    static int defaultSize(int cores) {
        return Math.max(1, cores - 1);
    }

    /** Runs the work on an answer maker; its result is handed back on the calling event loop. */
    public <T> Future<T> make(Callable<T> work) {
        return executor.executeBlocking(work, false);
    }
}
