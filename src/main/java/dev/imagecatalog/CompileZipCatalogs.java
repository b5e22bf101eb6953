package dev.imagecatalog;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A step of the Lambda build (the {@code lambda} profile runs it after packaging): every JSON
 * catalog shipped in {@code function.zip} from {@code src/main/zip.native} (native zip) or
 * {@code src/main/zip.jvm} (JVM zip) is compiled, and its entry in the zip replaced by the snapshot
 * under the same name, so that a bad catalog fails the build rather than the function, and the
 * function opens a snapshot ({@code CATALOG_PATH} unchanged: a snapshot is told by its first
 * bytes). The zip's other entries are kept as they are (the native {@code bootstrap} stays executable).
 */
public final class CompileZipCatalogs {

    private CompileZipCatalogs() {
    }

    /** {@code function.zip zip.native-dir zip.jvm-dir}; exit status 1 on a catalog that cannot be served. */
    public static void main(String[] args) throws IOException {
        System.exit(run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), System.out, System.err));
    }

    static int run(Path zip, Path nativeDir, Path jvmDir, PrintStream out, PrintStream err) throws IOException {
        if (!Files.isRegularFile(zip)) {
            err.println("No " + zip + " to compile catalogs into");
            return 1;
        }
        try (FileSystem entries = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("enablePosixFileAttributes", "true"))) {
            Path dir = Files.exists(entries.getPath("/bootstrap")) ? nativeDir : jvmDir;
            if (!Files.isDirectory(dir)) {
                return 0;
            }
            List<Path> catalogs = new ArrayList<>();
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(".json")).forEach(catalogs::add);
            }
            for (Path catalog : catalogs) {
                Path entry = entries.getPath("/" + dir.relativize(catalog).toString().replace('\\', '/'));
                if (!Files.exists(entry)) {
                    continue; // not shipped in this zip
                }
                Path snapshot = Files.createTempFile("catalog", ".snapshot");
                try {
                    int status = CompileCatalog.run(new String[] {CompileCatalog.COMMAND, catalog.toString(), snapshot.toString()}, out, err);
                    if (status != 0) {
                        return status;
                    }
                    Files.copy(snapshot, entry, StandardCopyOption.REPLACE_EXISTING);
                    out.println("  as " + entry + " in " + zip);
                } finally {
                    Files.deleteIfExists(snapshot);
                }
            }
        }
        return 0;
    }
}
