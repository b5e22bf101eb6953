package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A compiled snapshot holds what the loader made of the file, and refuses to be misread. */
class SnapshotTest {

    @TempDir
    Path dir;

    private Path compile(String resource) throws IOException {
        Path json = dir.resolve("catalog.json");
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            Files.copy(in, json);
        }
        Path snapshot = dir.resolve("catalog.snapshot");
        Snapshot.write(CatalogLoader.load(json), snapshot);
        return snapshot;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/catalogs/vectors.json", "/catalogs/vectors-inspect.json", "/catalogs/daemon-inspect.json",
        "/catalogs/daemon-list.json", "/catalog/sample-catalog.json"})
    void readsBackTheSameImagesAndIndexes(String resource) throws IOException {
        Catalog json = TestCatalogs.load(resource);
        Path file = compile(resource);
        assertTrue(Snapshot.isSnapshot(file));
        Catalog snapshot = CatalogSource.loadFile(file);
        assertEquals(json.images(), snapshot.images(), "the same images in the same order");
        for (CatalogImage image : json.images()) {
            assertEquals(image, snapshot.byId(image.id()));
            for (ImageReference ref : image.tags()) {
                assertEquals(image, snapshot.byReference(ref.canonical()), ref.familiar());
                assertEquals(ref.tag(), snapshot.byReference(ref.canonical()).tags().stream()
                        .filter(ref::equals).findFirst().orElseThrow().tag());
            }
            for (ImageReference ref : image.digests()) {
                assertEquals(image, snapshot.byReference(ref.canonical()), ref.familiar());
            }
        }
    }

    @Test
    void jsonIsNeverTakenForASnapshot() throws IOException {
        Path json = Files.writeString(dir.resolve("catalog.snapshot"), "[]");
        assertFalse(Snapshot.isSnapshot(json), "by content, not by name");
        assertEquals(0, CatalogSource.loadFile(json).size());
        assertFalse(Snapshot.isSnapshot(Files.writeString(dir.resolve("short"), "ICSN")));
    }

    @Test
    void anotherFormatVersionIsRefusedInOneLine() throws IOException {
        Path file = compile("/catalogs/vectors.json");
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(Snapshot.MAGIC.length, 99);
        Files.write(file, bytes);
        assertEquals("Cannot load image catalog " + file + ": is a catalog snapshot of format version 99; this build reads"
                + " version " + Snapshot.FORMAT_VERSION + ": compile it again with this build",
                assertThrows(CatalogException.class, () -> CatalogSource.loadFile(file)).getMessage());
    }

    @Test
    void aTruncatedSnapshotIsRefusedInOneLine() throws IOException {
        Path file = compile("/catalogs/vectors.json");
        byte[] bytes = Files.readAllBytes(file);
        for (int keep : new int[] {bytes.length - 1, bytes.length / 2, 30, 12, 8}) {
            Path cut = Files.write(dir.resolve("cut-" + keep), java.util.Arrays.copyOf(bytes, keep));
            String message = assertThrows(CatalogException.class, () -> CatalogSource.loadFile(cut)).getMessage();
            assertTrue(message.startsWith("Cannot load image catalog " + cut + ": is a truncated catalog snapshot"), message);
        }
    }

    @Test
    void aCorruptedSnapshotIsRefusedInOneLine() throws IOException {
        Path file = compile("/catalogs/vectors-inspect.json");
        byte[] bytes = Files.readAllBytes(file);
        for (int at : new int[] {bytes.length - 1, bytes.length / 2, 24}) {
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x20;
            Path bad = Files.write(dir.resolve("bad-" + at), damaged);
            assertEquals("Cannot load image catalog " + bad + ": is a corrupted catalog snapshot (its checksum does not match):"
                    + " compile it again", assertThrows(CatalogException.class, () -> CatalogSource.loadFile(bad)).getMessage());
        }
    }
}
