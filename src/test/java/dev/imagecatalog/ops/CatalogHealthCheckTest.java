package dev.imagecatalog.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imagecatalog.CompileCatalog;
import dev.imagecatalog.catalog.CatalogSource;
import dev.imagecatalog.catalog.CatalogStatus;
import dev.imagecatalog.catalog.ServedCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness follows the catalog: UP once every request can be answered (a snapshot: once opened). */
class CatalogHealthCheckTest {

    @TempDir
    Path dir;

    @Test
    void aSnapshotIsReadyOnceOpenedBeforeItsSectionsAreChecked() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), "[{\"Id\":\"" + "a".repeat(64) + "\",\"RepoTags\":[\"app:1\"]},"
                + "{\"Id\":\"" + "b".repeat(64) + "\",\"RepoTags\":[\"app:2\"]}]");
        Path snapshot = dir.resolve("catalog.snapshot");
        assertEquals(0, CompileCatalog.run(CompileCatalog.COMMAND, json.toString(), snapshot.toString()));
        List<Runnable> heldCheck = new ArrayList<>();
        CatalogStatus status = new CatalogStatus();
        CatalogSource source = new CatalogSource(Optional.of(snapshot));
        ServedCatalog served = new ServedCatalog(source, status, heldCheck::add);
        CatalogHealthCheck check = new CatalogHealthCheck(served, status, source);

        HealthCheckResponse ready = check.call();
        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus(), "every request can be answered: nothing to decode first");
        assertEquals(2L, ((Number) ready.getData().orElseThrow().get("images")).longValue());
        assertEquals(true, ready.getData().orElseThrow().get("fileInSync"));
        assertEquals(snapshot.toString(), ready.getData().orElseThrow().get("file"));
        assertEquals(1, heldCheck.size());
    }

    @Test
    void aJsonCatalogIsReadyOnceLoaded() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), "[{\"Id\":\"" + "c".repeat(64) + "\"}]");
        CatalogStatus status = new CatalogStatus();
        CatalogSource source = new CatalogSource(Optional.of(json));
        ServedCatalog served = new ServedCatalog(source, status, Runnable::run);
        HealthCheckResponse ready = new CatalogHealthCheck(served, status, source).call();
        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
        assertEquals(1L, ((Number) ready.getData().orElseThrow().get("images")).longValue());
        assertEquals(json.toString(), ready.getData().orElseThrow().get("file"));
    }
}
