package dev.imagecatalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.catalog.CatalogSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lambda build's step: the catalogs a function.zip ships are compiled in place; a bad one fails the build. */
class CompileZipCatalogsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A native function.zip as Quarkus makes it: an executable bootstrap and the files of src/main/zip.native. */
    private Path nativeZip(String catalog) throws Exception {
        Path zip = dir.resolve("function.zip");
        try (FileSystem entries = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            Path bootstrap = Files.writeString(entries.getPath("/bootstrap"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(entries.getPath("/catalog.json"), catalog);
        }
        return zip;
    }

    private int run(Path zip, Path nativeDir) throws Exception {
        return CompileZipCatalogs.run(zip, nativeDir, dir.resolve("zip.jvm"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aShippedCatalogIsCompiledInPlaceAndTheBootstrapStaysExecutable() throws Exception {
        Path nativeDir = Files.createDirectory(dir.resolve("zip.native"));
        String json = Files.readString(Path.of("src/test/resources/catalogs/vectors-inspect.json"));
        Files.writeString(nativeDir.resolve("catalog.json"), json);
        Path zip = nativeZip(json);
        assertEquals(0, run(zip, nativeDir), err.toString());
        Path unpacked = dir.resolve("unpacked.snapshot");
        try (FileSystem entries = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("enablePosixFileAttributes", "true"))) {
            Files.copy(entries.getPath("/catalog.json"), unpacked);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entries.getPath("/bootstrap"));
            assertTrue(permissions.contains(PosixFilePermission.OWNER_EXECUTE), "bootstrap: " + permissions);
        }
        assertEquals(4, CatalogSource.loadFile(unpacked).size(), "the entry is now a snapshot of the catalog");
        assertTrue(out.toString().contains("Compiled 4 images"), out.toString());
    }

    @Test
    void aBadCatalogFailsTheBuildWithTheOneLine() throws Exception {
        Path nativeDir = Files.createDirectory(dir.resolve("zip.native"));
        String bad = "[{\"Id\":\"abc\"}]";
        Files.writeString(nativeDir.resolve("catalog.json"), bad);
        assertEquals(1, run(nativeZip(bad), nativeDir));
        assertTrue(err.toString().contains("field Id: \"abc\" is not 64 lower-case hex digits"), err.toString());
    }

    @Test
    void nothingToCompileIsFine() throws Exception {
        assertEquals(0, run(nativeZip("[]"), dir.resolve("no-such-dir")));
    }
}
