package dev.imagecatalog.ops;

import dev.imagecatalog.api.answers.FilteredAnswers;
import dev.imagecatalog.api.answers.UnfilteredAnswers;
import dev.imagecatalog.catalog.CatalogStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.quarkus.micrometer.runtime.binder.JVMInfoBinder;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * The service's metrics beside Micrometer's own: the catalog's and the stored answers', read from
 * their owners when Prometheus scrapes (nothing is counted twice, nothing costs a request anything):
 * {@code catalog_images}, {@code catalog_reloads_total{result="loaded|refused"}},
 * {@code catalog_loaded_timestamp_seconds}, {@code catalog_file_in_sync},
 * {@code api_stored_answers_bytes}, {@code api_answer_cache_requests_total{result="hit|miss"}} and
 * {@code api_answer_cache_bytes}; and the JVM's and the process's figures ({@code jvm_*},
 * {@code process_*}, {@code system_cpu_*}), the same binders Quarkus would bind
 * ({@code quarkus.micrometer.binder.jvm} and {@code .system} are off for this).
 *
 * <p>Registered a second after start, or at the first request to the management interface if that
 * comes sooner, never while the service starts: the binders ask the operating system and the JVM
 * for their beans (the process's CPU, cgroups, memory pools), which a profile of the native binary's
 * start showed among its larger costs before the first answer. A scrape therefore always finds them.
 * None without a registry (the Lambda build).
 */
@Singleton
public class OperationsMetrics {

    private static final Logger LOG = Logger.getLogger(OperationsMetrics.class);
    /** Long enough for a cold start's first answers to go first. */
    static final long REGISTER_AFTER_MS = 1_000;

    private final Instance<MeterRegistry> registries;
    private final CatalogStatus status;
    private final UnfilteredAnswers answers;
    private final FilteredAnswers cache;
    /** The binders that hold something (a GC listener, a thread), closed at shutdown; null until registered. */
    private volatile List<AutoCloseable> registered;

    OperationsMetrics(Instance<MeterRegistry> registries, CatalogStatus status, UnfilteredAnswers answers, FilteredAnswers cache) {
        this.registries = registries;
        this.status = status;
        this.answers = answers;
        this.cache = cache;
    }

    void start(@Observes StartupEvent start, Vertx vertx) {
        if (registries.isResolvable()) {
            vertx.setTimer(REGISTER_AFTER_MS, timer -> vertx.executeBlocking(() -> {
                register();
                return null;
            }, false));
        }
    }

    /** Ahead of every route of the management interface: its first request registers what is not yet. */
    void beforeManagementRoutes(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MIN_VALUE).handler(routing -> {
            if (registered == null) {
                register();
            }
            routing.next();
        });
    }

    /** Registers every metric, once. */
    synchronized void register() {
        if (registered != null || !registries.isResolvable()) {
            return;
        }
        long begin = System.nanoTime();
        registerCatalogMetrics(registries.get());
        List<AutoCloseable> closeable = new ArrayList<>();
        MeterRegistry global = Metrics.globalRegistry; // where Quarkus binds its own
        List<MeterBinder> binders = new ArrayList<>(List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(), new JvmThreadMetrics(),
                new JVMInfoBinder(), new UptimeMetrics(), new ProcessorMetrics(), new FileDescriptorMetrics()));
        JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
        binders.add(heapPressure);
        closeable.add(heapPressure);
        if (ImageMode.current() == ImageMode.JVM) { // (as Quarkus: no GC notifications in a native image)
            JvmGcMetrics gc = new JvmGcMetrics();
            binders.add(gc);
            closeable.add(gc);
        }
        binders.forEach(binder -> binder.bindTo(global));
        registered = closeable;
        LOG.debugf("Registered the operations metrics in %d µs", (System.nanoTime() - begin) / 1_000);
    }

    void stop(@Observes ShutdownEvent stop) {
        List<AutoCloseable> closeable = registered;
        if (closeable != null) {
            for (AutoCloseable binder : closeable) {
                try {
                    binder.close();
                } catch (Exception e) {
                    LOG.debugf("Could not close a metrics binder: %s", e);
                }
            }
        }
    }

    private void registerCatalogMetrics(MeterRegistry registry) {
        Gauge.builder("catalog.images", status, s -> s.loaded() == null ? 0 : s.loaded().images())
                .description("Images in the catalog being served")
                .register(registry);
        byResult(registry, "catalog.reloads", "Reloads of the catalog file, by result", status,
                "loaded", CatalogStatus::reloadsLoaded, "refused", CatalogStatus::reloadsRefused);
        Gauge.builder("catalog.loaded.timestamp", status, s -> s.loaded() == null ? Double.NaN : s.loaded().at().toEpochMilli() / 1000.0)
                .description("When the catalog being served was loaded (Unix time)").baseUnit("seconds")
                .register(registry);
        Gauge.builder("catalog.file.in.sync", status, s -> s.outOfSync() == null ? 1 : 0)
                .description("1 while the catalog file on disk is the one served; 0 while it is refused or gone")
                .register(registry);
        Gauge.builder("api.stored.answers", answers, UnfilteredAnswers::storedBytes)
                .description("Bytes of the stored answers of the catalog being served, gzip forms included").baseUnit("bytes")
                .register(registry);
        byResult(registry, "api.answer.cache.requests", "Filtered answers asked of the answer cache, by result", cache,
                "hit", FilteredAnswers::hits, "miss", FilteredAnswers::misses);
        Gauge.builder("api.answer.cache", cache, FilteredAnswers::bytes)
                .description("Bytes held by the answer cache of the catalog being served, gzip forms included").baseUnit("bytes")
                .register(registry);
    }

    /** One counter, two values of its {@code result} label, each read from its owner. */
    private static <T> void byResult(MeterRegistry registry, String name, String description, T owner,
            String first, ToDoubleFunction<T> firstCount, String second, ToDoubleFunction<T> secondCount) {
        FunctionCounter.builder(name, owner, firstCount).description(description).tag("result", first).register(registry);
        FunctionCounter.builder(name, owner, secondCount).description(description).tag("result", second).register(registry);
    }
}
