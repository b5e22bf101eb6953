package dev.imagecatalog.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imagecatalog.CompileCatalog;
import dev.imagecatalog.catalog.CatalogSource;
import dev.imagecatalog.catalog.CatalogStatus;
import dev.imagecatalog.catalog.ServedCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness follows the catalog: DOWN while a snapshot's images are decoded, UP once every request can be answered. */
class CatalogHealthCheckTest {

    @TempDir
    Path dir;

    @Test
    void aSnapshotIsNotReadyUntilItsImagesAreDecoded() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), "[{\"Id\":\"" + "a".repeat(64) + "\",\"RepoTags\":[\"app:1\"]},"
                + "{\"Id\":\"" + "b".repeat(64) + "\",\"RepoTags\":[\"app:2\"]}]");
        Path snapshot = dir.resolve("catalog.snapshot");
        assertEquals(0, CompileCatalog.run(CompileCatalog.COMMAND, json.toString(), snapshot.toString()));
        CountDownLatch decodeMayStart = new CountDownLatch(1);
        Executor slowDecoder = task -> new Thread(() -> {
            try {
                decodeMayStart.await();
            } catch (InterruptedException e) {
                return;
            }
            task.run();
        }).start();
        CatalogStatus status = new CatalogStatus();
        CatalogSource source = new CatalogSource(Optional.of(snapshot));
        ServedCatalog served = new ServedCatalog(source, status, slowDecoder);
        CatalogHealthCheck check = new CatalogHealthCheck(served, status, source);

        HealthCheckResponse decoding = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, decoding.getStatus());
        assertEquals(snapshot.toString(), decoding.getData().orElseThrow().get("file"));

        decodeMayStart.countDown();
        assertEquals(2, served.current().size()); // waits for the decode
        HealthCheckResponse ready = check.call();
        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
        assertEquals(2L, ((Number) ready.getData().orElseThrow().get("images")).longValue());
        assertEquals(true, ready.getData().orElseThrow().get("fileInSync"));
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
