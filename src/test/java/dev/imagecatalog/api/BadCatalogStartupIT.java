package dev.imagecatalog.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Starting the packaged application on a broken catalog fails fast: one line on standard error that
 * names the file, the image, the field and the problem, nothing on standard output, exit status 1.
 */
class BadCatalogStartupIT {

    private static final String ID = "8dbd9e392a964056420e5d58ca5cc376ef18e2de93b5cc90e868a1bbc8318c1c";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        missing file     | -                                              | : no such file
        not JSON         | [{oops                                         | : image 0 is not valid JSON at line 1, column 3: Unexpected character ('o'
        not an array     | {"Id":"$ID"}                                   | : expected a JSON array of images, found an object
        bad Id           | [{"Id":"abc"}]                                 | : image 0 (Id "abc") at line 1, column 2, field Id: "abc" is not 64 lower-case hex digits
        duplicate Id     | [{"Id":"$ID"},{"Id":"sha256:$ID"}]             | : image 1 (Id "sha256:$ID") at line 1, column 76, field Id: duplicate: image 0 has the same Id
        invalid tag      | [{"Id":"$ID","RepoTags":["Ubuntu:1"]}]         | field RepoTags[0]: "Ubuntu:1" is not a valid reference: invalid reference format: repository name (library/Ubuntu) must be lowercase
        wrong type       | [{"Id":"$ID","Created":true}]                  | field Created: expected a whole number that fits in 64 bits, found a boolean
        inspect Created  | [{"Id":"$ID","Created":"yesterday"}]           | field Created: "yesterday" is not an RFC 3339 time
        inspect Config   | [{"Id":"$ID","Config":[]}]                     | field Config: expected an object or null, found an array
        """)
    void refusesToStart(String name, String content, String expected) throws IOException, InterruptedException {
        Path catalog = dir.resolve("catalog.json");
        if (!content.equals("-")) {
            Files.writeString(catalog, content.replace("$ID", ID));
        }
        List<String> command = new ArrayList<>(launchCommand());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CATALOG_PATH", catalog.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        List<String> err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the application must stop by itself");

        assertNotEquals(0, process.exitValue());
        assertEquals(1, err.size(), "one line: " + err);
        assertTrue(err.get(0).startsWith("Cannot load image catalog " + catalog + ": "), err.get(0));
        assertTrue(err.get(0).contains(expected.replace("$ID", ID)), err.get(0));
        assertEquals("", new String(out, StandardCharsets.UTF_8).strip(), "nothing on standard output");
    }

    /** The native binary when the native profile built one, else the jar. */
    private static List<String> launchCommand() {
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
            return List.of(nativeImage);
        }
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), "package the application first: " + jar.toAbsolutePath());
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
    }
}
