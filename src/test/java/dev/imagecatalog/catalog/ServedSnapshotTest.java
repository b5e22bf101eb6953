package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.catalog.snapshot.Snapshot;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot is served as soon as it is opened; its sections are read as needed, and all of them soon after. */
class ServedSnapshotTest {

    @TempDir
    Path dir;

    /** The catalog compiled, with a flipped byte in its last block of images. */
    private Path damagedInItsLastBlock(Path json) throws Exception {
        Path snapshot = dir.resolve("catalog.snapshot");
        Snapshot.write(CatalogLoader.load(json), snapshot);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 3] ^= 1;
        return Files.write(snapshot, bytes);
    }

    private static Snapshot.DefaultAnswer answer(String body) {
        return new Snapshot.DefaultAnswer(body.getBytes(StandardCharsets.UTF_8), new byte[] {1}, "\"tag\"", "test", new int[0], new int[0]);
    }

    @Test
    void aSnapshotIsServedAtOnceAndCheckedWholeInTheBackground() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), CatalogReloaderTest.catalogOf(20_000));
        Path snapshot = dir.resolve("catalog.snapshot");
        Snapshot.write(CatalogLoader.load(json), answer("[the compiled answer]\n"), snapshot);
        List<Runnable> held = new ArrayList<>();
        ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(snapshot)), new CatalogStatus(), held::add);
        assertTrue(served.isReady(), "no decode to wait for");
        assertEquals(20_000, served.current().size());
        assertEquals(1, held.size(), "the check of every section, held back");
        ByteBuffer body = served.current().compiledDefaultAnswer().body();
        assertEquals("[the compiled answer]\n", StandardCharsets.UTF_8.decode(body).toString());
        assertEquals("\"tag\"", served.current().compiledDefaultAnswer().tag());
        held.get(0).run();
        assertTrue(served.current().compiledDefaultAnswer().isRead(), "every section read by the check");
    }

    @Test
    void damageFoundAfterTheStartStopsTheServiceOnce() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), CatalogReloaderTest.catalogOf(600));
        Path snapshot = damagedInItsLastBlock(json);
        List<Runnable> held = new ArrayList<>();
        int[] stops = new int[1];
        ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(snapshot)), new CatalogStatus(), held::add, () -> stops[0]++);
        assertEquals("app:599", served.current().images().get(0).tags().get(0).familiar(), "the first block serves (newest first)");
        assertEquals(0, stops[0]);
        CatalogException e = assertThrows(CatalogException.class, () -> served.current().images().get(599));
        assertEquals("Cannot load image catalog " + snapshot + ": is a corrupted catalog snapshot (its checksum does not match):"
                + " compile it again", e.getMessage());
        assertEquals(1, stops[0], "the request that met it stops the service");
        assertThrows(CatalogException.class, held.get(0)::run);
        assertEquals(1, stops[0], "once");
    }

    @Test
    void damageInASnapshotReplacedByAReloadDoesNotStopTheService() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), CatalogReloaderTest.catalogOf(600));
        Path snapshot = damagedInItsLastBlock(json);
        List<Runnable> held = new ArrayList<>();
        int[] stops = new int[1];
        ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(snapshot)), new CatalogStatus(), held::add, () -> stops[0]++);
        Catalog damaged = served.current();
        served.replace(CatalogLoader.load(json));
        assertThrows(CatalogException.class, () -> damaged.images().get(599)); // a request that began before the reload
        held.get(0).run(); // the check finds the catalog replaced and reads no more
        assertEquals(0, stops[0]);
    }

    @Test
    void aSnapshotRewrittenInPlaceAfterItsCheckDoesNotChangeWhatIsServed() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), CatalogReloaderTest.catalogOf(3));
        Path snapshot = dir.resolve("catalog.snapshot");
        Snapshot.write(CatalogLoader.load(json), answer("[the first answer]\n"), snapshot);
        ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(snapshot))); // checked at once
        assertEquals(3, served.current().size());
        Files.write(snapshot, new byte[(int) Files.size(snapshot)]); // the same file, overwritten with zeros
        ByteBuffer kept = served.current().compiledDefaultAnswer().body();
        assertEquals("[the first answer]\n", StandardCharsets.UTF_8.decode(kept).toString(), "a copy, not the file");
        assertEquals(3, served.current().images().size());
        assertEquals("sha256:" + "0".repeat(63) + "3", served.current().images().stream().map(CatalogImage::idKey).sorted().toList().get(2));
    }

    @Test
    void aDamagedSectionStopsTheStartWithOneLineWhenCheckedBeforeServing() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), CatalogReloaderTest.catalogOf(3));
        Path snapshot = damagedInItsLastBlock(json);
        Exception e = assertThrows(ConfigurationException.class, () -> new ServedCatalog(new CatalogSource(Optional.of(snapshot))));
        assertEquals("Cannot load image catalog " + snapshot + ": is a corrupted catalog snapshot (its checksum does not match):"
                + " compile it again", e.getMessage());
    }
}
