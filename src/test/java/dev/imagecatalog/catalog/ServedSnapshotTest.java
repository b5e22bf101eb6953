package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A served snapshot: checked before the service opens, its default answer at hand, its images decoded meanwhile. */
class ServedSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void theCompiledAnswerIsAtHandAndTheImagesFollow() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), CatalogReloaderTest.catalogOf(20_000));
        Path snapshot = dir.resolve("catalog.snapshot");
        byte[] answer = "[the compiled answer]\n".getBytes(StandardCharsets.UTF_8);
        Snapshot.write(CatalogLoader.load(json), answer, "\"tag\"", snapshot);
        ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(snapshot)));
        Catalog.CompiledAnswer compiled = served.earlyDefaultAnswer();
        if (compiled != null) { // (null: the images were decoded already)
            assertEquals("\"tag\"", compiled.tag());
            ByteBuffer early = compiled.body();
            byte[] bytes = new byte[early.remaining()];
            early.get(bytes);
            assertEquals(new String(answer, StandardCharsets.UTF_8), new String(bytes, StandardCharsets.UTF_8));
        }
        assertEquals(20_000, served.current().size(), "current() waits for the images");
        assertTrue(served.isReady());
        assertNull(served.earlyDefaultAnswer(), "once decoded, the catalog's own stored answers serve");
        ByteBuffer kept = served.current().compiledDefaultAnswer().body();
        assertEquals(answer.length, kept.remaining(), "the catalog keeps the compiled answer");
    }

    @Test
    void aSnapshotRewrittenInPlaceDoesNotChangeWhatIsServed() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), CatalogReloaderTest.catalogOf(3));
        Path snapshot = dir.resolve("catalog.snapshot");
        byte[] answer = "[the first answer]\n".getBytes(StandardCharsets.UTF_8);
        Snapshot.write(CatalogLoader.load(json), answer, "\"1\"", snapshot);
        ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(snapshot)));
        assertEquals(3, served.current().size());
        Files.write(snapshot, new byte[(int) Files.size(snapshot)]); // the same file, overwritten with zeros
        ByteBuffer kept = served.current().compiledDefaultAnswer().body();
        byte[] bytes = new byte[kept.remaining()];
        kept.get(bytes);
        assertEquals("[the first answer]\n", new String(bytes, StandardCharsets.UTF_8), "a copy, not the file");
    }

    @Test
    void aCorruptedSnapshotStopsTheStartWithOneLine() throws Exception {
        Path json = Files.writeString(dir.resolve("catalog.json"), CatalogReloaderTest.catalogOf(3));
        Path snapshot = dir.resolve("catalog.snapshot");
        Snapshot.write(CatalogLoader.load(json), snapshot);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 3] ^= 1;
        Files.write(snapshot, bytes);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(io.quarkus.runtime.configuration.ConfigurationException.class,
                () -> new ServedCatalog(new CatalogSource(Optional.of(snapshot))));
        assertEquals("Cannot load image catalog " + snapshot + ": is a corrupted catalog snapshot (its checksum does not match):"
                + " compile it again", e.getMessage());
    }
}
