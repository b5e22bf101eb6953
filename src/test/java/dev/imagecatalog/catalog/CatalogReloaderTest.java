package dev.imagecatalog.catalog;

import dev.imagecatalog.catalog.snapshot.Snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog follows its file: replaced by rename (as Kubernetes does), rewritten in place, broken, gone. */
class CatalogReloaderTest {

    @TempDir
    Path dir;

    private CatalogReloader reloader;

    @AfterEach
    void stop() {
        if (reloader != null) {
            reloader.stop(null);
        }
    }

    /** A catalog of n images with distinct ids. */
    static String catalogOf(int n) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(String.format("%064x", i + 1))
                    .append("\",\"RepoTags\":[\"app:").append(i).append("\"],\"Created\":").append(1000 + i).append('}');
        }
        return json.append(']').toString();
    }

    private ServedCatalog follow(Path file, Duration interval) {
        CatalogSource source = new CatalogSource(Optional.of(file));
        ServedCatalog served = new ServedCatalog(source);
        reloader = new CatalogReloader(source, served);
        reloader.start(interval);
        return served;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s: " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void aFileReplacedByRenameIsServed() throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, catalogOf(2));
        ServedCatalog served = follow(file, Duration.ofMillis(50));
        Path next = dir.resolve("catalog.json.new");
        Files.writeString(next, catalogOf(3));
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        await(() -> served.current().size() == 3, "the renamed file");
    }

    @Test
    void aFileRewrittenInPlaceIsServed() throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, catalogOf(2));
        ServedCatalog served = follow(file, Duration.ofMillis(50));
        Files.writeString(file, catalogOf(5));
        await(() -> served.current().size() == 5, "the rewritten file");
    }

    @Test
    void aConfigMapUpdateIsServed() throws Exception {
        // What the kubelet does: catalog.json -> ..data/catalog.json, ..data -> a timestamped folder,
        // and an update swaps ..data by renaming a new symlink over it.
        Path v1 = Files.createDirectory(dir.resolve("..2026_11_30_v1"));
        Files.writeString(v1.resolve("catalog.json"), catalogOf(1));
        Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
        Path file = Files.createSymbolicLink(dir.resolve("catalog.json"), Path.of("..data", "catalog.json"));
        ServedCatalog served = follow(file, Duration.ofMillis(50));
        assertEquals(1, served.current().size());
        Path v2 = Files.createDirectory(dir.resolve("..2026_11_30_v2"));
        Files.writeString(v2.resolve("catalog.json"), catalogOf(4));
        Path swap = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
        Files.move(swap, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        await(() -> served.current().size() == 4, "the new ConfigMap version");
    }

    @Test
    void aBrokenFileKeepsTheLastGoodCatalogAndAFixedOneIsServed() throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, catalogOf(2));
        ServedCatalog served = follow(file, Duration.ofMillis(50));
        Catalog good = served.current();
        Files.writeString(file, "[{\"Id\":\"nope\"}]");
        Thread.sleep(600);
        assertSame(good, served.current(), "a refused file changes nothing");
        Files.delete(file);
        Thread.sleep(300);
        assertSame(good, served.current(), "a file that is gone changes nothing");
        Files.writeString(file, catalogOf(6));
        await(() -> served.current().size() == 6, "the fixed file");
    }

    @Test
    void aReplacedSnapshotIsServedToo() throws Exception {
        Path file = dir.resolve("catalog");
        Files.writeString(file, catalogOf(2));
        ServedCatalog served = follow(file, Duration.ofMillis(50));
        Path json = Files.writeString(dir.resolve("next.json"), catalogOf(9));
        Path next = dir.resolve("next.snapshot");
        Snapshot.write(CatalogLoader.load(json), next);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        await(() -> served.current().size() == 9, "the snapshot that replaced the JSON");
    }

    @Test
    void reloadNowReadsTheFileEvenWithoutPolling() throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, catalogOf(2));
        ServedCatalog served = follow(file, Duration.ZERO);
        Files.writeString(file, catalogOf(7));
        Thread.sleep(300);
        assertEquals(2, served.current().size(), "interval 0: nothing is polled");
        reloader.reloadNow();
        await(() -> served.current().size() == 7, "the reload asked for");
    }

    @Test
    void aNewCatalogIsPreparedBeforeItIsServed() throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, catalogOf(2));
        ServedCatalog served = follow(file, Duration.ofMillis(50));
        Catalog first = served.current();
        AtomicInteger prepared = new AtomicInteger();
        served.beforeServing(next -> {
            assertSame(first, served.current(), "prepared while the old one still serves");
            prepared.incrementAndGet();
        });
        Files.writeString(file, catalogOf(3));
        await(() -> served.current().size() == 3, "the new file");
        assertEquals(1, prepared.get());
        assertNotSame(first, served.current());
    }

    @Test
    void aRelativePathIsInTheLambdaTaskRoot() {
        assertEquals(Path.of("/var/task/catalog.json"), CatalogSource.resolve(Path.of("catalog.json"), "/var/task"));
        assertEquals(Path.of("/data/catalog.json"), CatalogSource.resolve(Path.of("/data/catalog.json"), "/var/task"));
        assertEquals(Path.of("catalog.json"), CatalogSource.resolve(Path.of("catalog.json"), null));
        assertEquals(Path.of("catalog.json"), CatalogSource.resolve(Path.of("catalog.json"), " "));
    }

    @Test
    void derivedThingsLiveWithTheirCatalog() throws IOException {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, catalogOf(2));
        Catalog catalog = new CatalogSource(Optional.of(file)).load();
        Object made = catalog.derived(StringBuilder.class, c -> new StringBuilder("made"));
        assertSame(made, catalog.derived(StringBuilder.class, c -> new StringBuilder("again")));
        Catalog reloaded = new CatalogSource(Optional.of(file)).load();
        assertEquals("again", reloaded.derived(StringBuilder.class, c -> new StringBuilder("again")).toString());
    }
}
