package dev.imagecatalog.ops;

import dev.imagecatalog.catalog.CatalogSource;
import dev.imagecatalog.catalog.CatalogStatus;
import dev.imagecatalog.catalog.ServedCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: {@code catalog} is DOWN until the catalog can answer every request (a snapshot: once
 * its header is checked), then UP with what is served. A file on disk that is refused or gone keeps it UP,
 * since the last good catalog serves (an orchestrator must not stop a serving pod over a bad
 * ConfigMap), and its data says what is wrong and since when.
 */
@Readiness
@ApplicationScoped
public class CatalogHealthCheck implements HealthCheck {

    private final ServedCatalog served;
    private final CatalogStatus status;
    private final CatalogSource source;

    CatalogHealthCheck(ServedCatalog served, CatalogStatus status, CatalogSource source) {
        this.served = served;
        this.status = status;
        this.source = source;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("catalog");
        CatalogStatus.Loaded loaded = status.loaded();
        if (!served.isReady() || loaded == null) {
            return check.down().withData("file", source.description()).withData("state", "loading").build();
        }
        check.up()
                .withData("file", loaded.file())
                .withData("images", loaded.images())
                .withData("loadedAt", loaded.at().toString());
        CatalogStatus.OutOfSync outOfSync = status.outOfSync();
        check.withData("fileInSync", outOfSync == null);
        if (outOfSync != null) {
            check.withData("problem", outOfSync.problem()).withData("outOfSyncSince", outOfSync.since().toString());
        }
        return check.build();
    }
}
