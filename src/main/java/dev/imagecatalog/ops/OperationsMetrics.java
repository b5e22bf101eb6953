package dev.imagecatalog.ops;

import dev.imagecatalog.api.answers.FilteredAnswers;
import dev.imagecatalog.api.answers.UnfilteredAnswers;
import dev.imagecatalog.catalog.CatalogStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * The catalog's and the stored answers' metrics, read from their owners when Prometheus scrapes
 * (nothing is counted twice, nothing costs a request anything):
 * {@code catalog_images}, {@code catalog_reloads_total{result="loaded|refused"}},
 * {@code catalog_loaded_timestamp_seconds}, {@code catalog_file_in_sync},
 * {@code api_stored_answers_bytes}, {@code api_answer_cache_requests_total{result="hit|miss"}} and
 * {@code api_answer_cache_bytes}. None without a registry (the Lambda build).
 */
@Singleton
@Startup
public class OperationsMetrics {

    OperationsMetrics(Instance<MeterRegistry> registries, CatalogStatus status, UnfilteredAnswers answers, FilteredAnswers cache) {
        if (!registries.isResolvable()) {
            return;
        }
        MeterRegistry registry = registries.get();
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
            String first, java.util.function.ToDoubleFunction<T> firstCount, String second, java.util.function.ToDoubleFunction<T> secondCount) {
        FunctionCounter.builder(name, owner, firstCount).description(description).tag("result", first).register(registry);
        FunctionCounter.builder(name, owner, secondCount).description(description).tag("result", second).register(registry);
    }
}
