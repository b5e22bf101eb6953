package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogLoaderTest {

    private static final String ID = "8dbd9e392a964056420e5d58ca5cc376ef18e2de93b5cc90e868a1bbc8318c1c";
    private static final String ID2 = "b750fe79269d2ec9a3c593ef05b4332b1d1a02a62b4accb2c21d589ff2f5f2dc";

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, json);
        return file;
    }

    private String refusal(String json) throws IOException {
        Path file = write(json);
        String message = assertThrows(CatalogException.class, () -> CatalogLoader.load(file)).getMessage();
        assertTrue(message.startsWith("Cannot load image catalog " + file + ": "), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    @Test
    void loadsWhatADaemonAnswers() throws IOException {
        Catalog catalog = CatalogLoader.load(write("[{\"Id\":\"sha256:" + ID + "\",\"ParentId\":\"\","
                + "\"RepoTags\":[\"docker.io/library/ubuntu:22.04\"],\"RepoDigests\":null,\"Created\":5,\"Size\":10,"
                + "\"SharedSize\":-1,\"VirtualSize\":10,\"Labels\":{\"b\":\"2\",\"a\":\"1\"},\"Containers\":-1,"
                + "\"Names\":[\"podman adds this\"],\"Dangling\":false}]"));
        CatalogImage image = catalog.images().get(0);
        assertEquals("sha256:" + ID, image.id());
        assertEquals("ubuntu:22.04", image.tags().get(0).familiar());
        assertEquals(List.of("a", "b"), List.copyOf(image.labels().keySet()));
        assertEquals(0, image.containers());
    }

    @Test
    void fillsDefaultsAndKeepsLabelsAsGiven() throws IOException {
        Catalog catalog = CatalogLoader.load(write("[{\"Id\":\"" + ID + "\",\"VirtualSize\":7},"
                + "{\"Id\":\"" + ID2 + "\",\"Size\":3,\"Labels\":{}}]"));
        CatalogImage a = catalog.byId(ID);
        assertEquals(0, a.created());
        assertEquals(7, a.size(), "VirtualSize stands in for a missing Size");
        assertEquals(7, a.virtualSize());
        assertEquals("", a.parentId());
        assertNull(a.labels());
        CatalogImage b = catalog.byId(ID2);
        assertEquals(3, b.virtualSize(), "a missing VirtualSize is Size");
        assertEquals(Map.of(), b.labels());
    }

    @Test
    void labelKeysAreInGosOrderNotJavas() {
        // Go sorts map keys by UTF-8 bytes: U+FFFD before U+1F600, where UTF-16 order says the opposite.
        assertTrue(CatalogLoader.compareAsGo("\uFFFD", "\uD83D\uDE00") < 0);
        assertTrue("\uFFFD".compareTo("\uD83D\uDE00") > 0);
        assertTrue(CatalogLoader.compareAsGo("a", "ab") < 0);
        assertEquals(0, CatalogLoader.compareAsGo("ab", "ab"));
    }

    @Test
    void theSameReferenceTwiceInOneImageIsKeptOnce() throws IOException {
        Catalog catalog = CatalogLoader.load(write("[{\"Id\":\"" + ID + "\","
                + "\"RepoTags\":[\"ubuntu:1\",\"docker.io/library/ubuntu:1\"]}]"));
        assertEquals(1, catalog.images().get(0).tags().size());
    }

    @Test
    void anEmptyArrayIsAnEmptyCatalog() throws IOException {
        assertEquals(0, CatalogLoader.load(write(" [ ] ")).size());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.json");
        assertEquals("Cannot load image catalog " + file + ": no such file",
                assertThrows(CatalogException.class, () -> CatalogLoader.load(file)).getMessage());
    }

    @Test
    void directory() {
        assertTrue(assertThrows(CatalogException.class, () -> CatalogLoader.load(dir)).getMessage()
                .endsWith(": is a directory, not a catalog file"));
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = write("[]");
        assumeNotRoot();
        Files.setPosixFilePermissions(file, java.util.Set.of());
        assertTrue(assertThrows(CatalogException.class, () -> CatalogLoader.load(file)).getMessage()
                .endsWith(": permission denied"));
    }

    private static void assumeNotRoot() {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root reads any file: permissions cannot be tested");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty file                 |                                       | is empty; expected a JSON array of images
        not JSON                   | oops                                  | is not valid JSON at line 1, column 1: Unrecognized token 'oops'
        truncated                  | [{"Id":                               | image 0 is not valid JSON at line 1
        not an array               | {"Id":"x"}                            | expected a JSON array of images, found an object
        a string                   | "images"                              | expected a JSON array of images, found a string
        not an object              | [42]                                  | image 0 at line 1, column 2: expected an image object, found the number 42
        trailing content           | [] []                                 | has content after the array of images, at line 1, column 4
        """)
    void refusesWhatIsNotAnArrayOfObjects(String name, String json, String expected) throws IOException {
        String message = refusal(json == null ? "" : json);
        assertTrue(message.contains(": " + expected), message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        missing Id          | {"Created":1}                              | image 0 at line 1, column 2, field Id: is required
        Id not a string     | {"Id":5}                                   | image 0 at line 1, column 2, field Id: expected a string, found the number 5
        short Id            | {"Id":"abc"}                               | image 0 (Id "abc") at line 1, column 2, field Id: "abc" is not 64 lower-case hex digits
        Created a boolean   | {"Id":"$ID","Created":true}                | field Created: expected a whole number that fits in 64 bits, found a boolean
        Created not RFC3339 | {"Id":"$ID","Created":"now"}               | field Created: "now" is not an RFC 3339 time
        Created no seconds  | {"Id":"$ID","Created":"2024-01-02T15:04Z"} | field Created: "2024-01-02T15:04Z" is not an RFC 3339 time
        Created bad month   | {"Id":"$ID","Created":"2024-13-02T15:04:05Z"} | field Created: "2024-13-02T15:04:05Z" is not an RFC 3339 time
        Created a number with Config | {"Id":"$ID","Created":5,"Config":{}} | field Created: expected an RFC 3339 time as a string, found the number 5
        Config a string     | {"Id":"$ID","Config":"x"}                  | field Config: expected an object or null, found a string
        Config.Labels array | {"Id":"$ID","Config":{"Labels":["a"]}}     | field Config.Labels: expected an object of strings or null, found an array
        Config label number | {"Id":"$ID","Config":{"Labels":{"a":1}}}   | field Config.Labels.a: expected a string, found the number 1
        Parent a number     | {"Id":"$ID","Config":null,"Parent":1}      | field Parent: expected a string, found the number 1
        Architecture number | {"Id":"$ID","Config":null,"Architecture":64} | field Architecture: expected a string, found the number 64
        inspect bad tag     | {"Id":"$ID","Config":{},"RepoTags":["Ubuntu:1"]} | field RepoTags[0]: "Ubuntu:1" is not a valid reference
        Size a fraction     | {"Id":"$ID","Size":1.5}                    | field Size: expected a whole number that fits in 64 bits, found the fraction 1.5
        Size too big        | {"Id":"$ID","Size":99999999999999999999}   | field Size: expected a whole number that fits in 64 bits
        RepoTags a string   | {"Id":"$ID","RepoTags":"ubuntu:1"}         | field RepoTags: expected an array of strings or null, found a string
        RepoTags item       | {"Id":"$ID","RepoTags":[1]}                | field RepoTags[0]: expected a string, found the number 1
        tag without tag     | {"Id":"$ID","RepoTags":["ubuntu"]}         | field RepoTags[0]: "ubuntu" is not a name:tag reference
        tag upper case      | {"Id":"$ID","RepoTags":["Ubuntu:1"]}       | field RepoTags[0]: "Ubuntu:1" is not a valid reference: invalid reference format: repository name (library/Ubuntu) must be lowercase
        digest as tag       | {"Id":"$ID","RepoDigests":["ubuntu:1"]}    | field RepoDigests[0]: "ubuntu:1" is not a name@digest reference
        bad digest          | {"Id":"$ID","RepoDigests":["u@sha256:1"]}  | field RepoDigests[0]: "u@sha256:1" is not a valid reference
        Labels an array     | {"Id":"$ID","Labels":["a"]}                | field Labels: expected an object of strings or null, found an array
        label not a string  | {"Id":"$ID","Labels":{"a":1}}              | field Labels.a: expected a string, found the number 1
        ParentId a number   | {"Id":"$ID","ParentId":1}                  | field ParentId: expected a string, found the number 1
        duplicate field     | {"Id":"$ID","Id":"$ID"}                    | image 0 is not valid JSON at line 1, column 75: Duplicate field 'Id'
        """)
    void refusesABrokenImage(String name, String image, String expected) throws IOException {
        String message = refusal("[" + image.replace("$ID", ID) + "]");
        assertTrue(message.contains(expected.replace("$ID", ID)), message);
        if (image.contains("$ID") && !name.equals("duplicate field")) {
            assertTrue(message.contains("image 0 (Id \"" + ID + "\")"), "names the image: " + message);
        }
    }

    @Test
    void refusesADuplicateIdEvenSpelledDifferently() throws IOException {
        String message = refusal("[{\"Id\":\"" + ID + "\"},\n{\"Id\":\"sha256:" + ID + "\"}]");
        assertTrue(message.endsWith("image 1 (Id \"sha256:" + ID + "\") at line 2, column 1, field Id: "
                + "duplicate: image 0 has the same Id"), message);
    }

    @Test
    void refusesAReferenceOnTwoImages() throws IOException {
        String message = refusal("[{\"Id\":\"" + ID + "\",\"RepoTags\":[\"a:1\"]},"
                + "{\"Id\":\"" + ID2 + "\",\"RepoTags\":[\"docker.io/library/a:1\"]}]");
        assertTrue(message.contains("image 1 (Id \"" + ID2 + "\")"), message);
        assertTrue(message.endsWith("field RepoTags[0]: \"a:1\" is already a reference of image 0"), message);
    }

    @Test
    void refusesDeepNestingWithoutCrashing() throws IOException {
        String deep = "[" + "[".repeat(5000) + "]".repeat(5000) + "]";
        String message = refusal(deep);
        assertTrue(message.contains("not valid JSON") || message.contains("expected an image object"), message);
    }

    /** Found by CatalogLoaderFuzzTest: text from the catalog with a newline broke the one-line message. */
    @Test
    void textFromTheCatalogIsEscapedInTheMessage() throws IOException {
        String message = refusal("[{\"Id\":\"a\\nb\\u0000\\\"c\"}]");
        assertTrue(message.endsWith("image 0 (Id \"a\\nb\\u0000\\\"c\") at line 1, column 2, field Id: "
                + "\"a\\nb\\u0000\\\"c\" is not 64 lower-case hex digits, with or without \"sha256:\""), message);
        String label = refusal("[{\"Id\":\"" + ID + "\",\"Labels\":{\"x\\ty\":1}}]");
        assertTrue(label.contains("field Labels.x\\ty: expected a string"), label);
        String longTag = refusal("[{\"Id\":\"" + ID + "\",\"RepoTags\":[\"" + "A".repeat(5_000) + "\"]}]");
        assertTrue(longTag.length() < 1_000, "cut short: " + longTag.length());
    }

    /** A repeated key is refused where it would be ambiguous (a field we read, a label), and ignored elsewhere, as Go does. */
    @Test
    void duplicateKeysAreRefusedWhereTheyMatter() throws IOException {
        String json = "[{\"Id\":\"" + ID + "\",\"Labels\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}}]";
        String label = refusal(json);
        int column = json.lastIndexOf("\"a\"") + 1; // where the repeated key starts
        assertTrue(label.contains("image 0 is not valid JSON at line 1, column " + column + ": Duplicate field 'a'"), label);
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            many.append("\"k").append(i).append("\":\"v\",");
        }
        String manyLabels = refusal("[{\"Id\":\"" + ID + "\",\"Labels\":" + many + "\"k7\":\"again\"}}]");
        assertTrue(manyLabels.contains("Duplicate field 'k7'"), manyLabels);
        String tags = refusal("[{\"Id\":\"" + ID + "\",\"RepoTags\":[],\"RepoTags\":[\"a:1\"]}]");
        assertTrue(tags.contains("Duplicate field 'RepoTags'"), tags);
        Catalog catalog = CatalogLoader.load(write("[{\"Id\":\"" + ID + "\",\"Names\":[\"a\"],\"Names\":[\"b\"]}]"));
        assertEquals(1, catalog.size(), "a field we do not read may repeat");
    }
}
