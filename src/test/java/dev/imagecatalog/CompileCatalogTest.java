package dev.imagecatalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.catalog.CatalogException;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.CatalogSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code compile-catalog IN OUT}: both catalog forms compile; a bad one is refused with the loader's one line. */
class CompileCatalogTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CompileCatalog.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vectors.json", "vectors-inspect.json", "daemon-inspect.json"})
    void compilesBothForms(String name) throws Exception {
        Path in = Path.of("src/test/resources/catalogs", name);
        Path snapshot = dir.resolve("out.snapshot");
        assertEquals(0, run("compile-catalog", in.toString(), snapshot.toString()), err.toString());
        assertTrue(out.toString().startsWith("Compiled " + CatalogLoader.load(in).size() + " images from " + in), out.toString());
        assertEquals(CatalogLoader.load(in).images(), CatalogSource.loadFile(snapshot).images());
        assertFalse(Files.exists(dir.resolve("out.snapshot.tmp")), "no temporary file left");
    }

    @Test
    void refusesABadCatalogWithTheSameLineAndWritesNothing() throws Exception {
        Path in = Files.writeString(dir.resolve("bad.json"), "[{\"Id\":\"" + "a".repeat(64) + "\",\"Created\":\"yesterday\"}]");
        Path snapshot = dir.resolve("out.snapshot");
        assertEquals(1, run("compile-catalog", in.toString(), snapshot.toString()));
        String expected = org.junit.jupiter.api.Assertions.assertThrows(CatalogException.class, () -> CatalogLoader.load(in)).getMessage();
        assertEquals(expected + System.lineSeparator(), err.toString(), "the loader's one line, alone");
        assertFalse(Files.exists(snapshot));
    }

    @Test
    void aMissingFileAndWrongUseAreRefused() {
        assertEquals(1, run("compile-catalog", dir.resolve("nope.json").toString(), dir.resolve("out").toString()));
        assertTrue(err.toString().contains(": no such file"), err.toString());
        assertEquals(2, run("compile-catalog", "only-one"));
        assertTrue(err.toString().contains("usage: compile-catalog CATALOG.json SNAPSHOT"), err.toString());
    }
}
