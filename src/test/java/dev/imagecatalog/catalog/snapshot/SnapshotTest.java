package dev.imagecatalog.catalog.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogException;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.CatalogSource;
import dev.imagecatalog.catalog.ImageReference;
import dev.imagecatalog.catalog.TestCatalogs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compiled snapshot answers as the catalog it was compiled from, reads only what is asked of it,
 * and refuses to be misread: another format version, a truncated file, damage in any section.
 */
class SnapshotTest {

    @TempDir
    Path dir;

    private Path compile(Catalog catalog) throws IOException {
        Path snapshot = dir.resolve("catalog-" + System.nanoTime() + ".snapshot");
        Snapshot.write(catalog, snapshot);
        return snapshot;
    }

    private Path compile(String resource) throws IOException {
        return compile(TestCatalogs.load(resource));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/catalogs/vectors.json", "/catalogs/vectors-inspect.json", "/catalogs/daemon-inspect.json",
        "/catalogs/daemon-list.json", "/catalog/sample-catalog.json"})
    void readsBackTheSameImagesAndIndexes(String resource) throws IOException {
        Catalog json = TestCatalogs.load(resource);
        Path file = compile(resource);
        assertTrue(Snapshot.isSnapshot(file));
        assertSameCatalog(json, CatalogSource.loadFile(file), new Random(1));
    }

    @Test
    void aGeneratedCatalogAnswersEveryLookUpAsItsJsonDoes() throws IOException {
        for (int seed = 0; seed < 4; seed++) {
            Random random = new Random(seed);
            Catalog json = generated(random, 300 + random.nextInt(700));
            Path file = compile(json);
            assertSameCatalog(json, Snapshot.open(file, damage -> { }).catalog(), random);
            assertSameCatalog(json, Snapshot.read(file), random);
        }
    }

    /** Every image, and every look-up that requests make, the same in both. */
    static void assertSameCatalog(Catalog json, Catalog snapshot, Random random) {
        assertEquals(json.size(), snapshot.size());
        for (int i = json.size() - 1; i >= 0; i--) { // from the end: made on first use, in any order
            assertEquals(json.images().get(i), snapshot.images().get(i), "image " + i);
        }
        assertEquals(json.images(), snapshot.images(), "the same images in the same order");
        List<String> probes = new ArrayList<>(List.of("", "a", "docker.io/", "docker.io/library/", "localhost", "\u00e9", "zz"));
        for (int position = 0; position < json.size(); position++) {
            CatalogImage image = json.images().get(position);
            assertSame(snapshot.images().get(position), snapshot.byId(image.id()));
            String key = image.idKey();
            for (int length : new int[] {7, 8, 9, 12, 20, 71}) {
                String prefix = key.substring(0, Math.min(length, key.length()));
                assertEquals(json.byUniqueIdPrefix(prefix), snapshot.byUniqueIdPrefix(prefix), prefix);
            }
            for (List<ImageReference> refs : List.of(image.tags(), image.digests())) {
                for (ImageReference ref : refs) {
                    assertEquals(image, snapshot.byReference(ref.canonical()), ref.familiar());
                    assertNull(ref.canonical().equals(ref.familiar()) ? null : snapshot.byReference(ref.familiar()),
                            "a familiar string is not a canonical reference: " + ref.familiar());
                    String string = random.nextBoolean() ? ref.familiar() : ref.canonical();
                    probes.add(string.substring(0, random.nextInt(string.length() + 1)));
                }
            }
            if (image.labels() != null) {
                for (Map.Entry<String, String> label : image.labels().entrySet()) {
                    assertArrayEquals(json.positionsWithLabel(label.getKey()), snapshot.positionsWithLabel(label.getKey()));
                    assertArrayEquals(json.positionsWithLabel(label.getKey(), label.getValue()),
                            snapshot.positionsWithLabel(label.getKey(), label.getValue()), label.toString());
                    assertArrayEquals(json.positionsWithLabel(label.getValue(), label.getKey()),
                            snapshot.positionsWithLabel(label.getValue(), label.getKey()));
                }
            }
        }
        for (String probe : probes) {
            assertArrayEquals(json.positionsWithReferencePrefix(probe), snapshot.positionsWithReferencePrefix(probe), probe);
            assertEquals(json.byReference(probe), snapshot.byReference(probe), probe);
        }
        assertArrayEquals(json.positionsWithLabel("no such key"), snapshot.positionsWithLabel("no such key"));
        assertNull(snapshot.byId("f".repeat(64)));
    }

    /** A catalog of hub and other references, shared and unicode label values, parents, both id spellings. */
    static Catalog generated(Random random, int n) throws IOException {
        String[] repos = {"app", "acme/api", "localhost:5000/x/y", "registry.example.com/team/web", "docker.io/library/ubuntu", "\u00e9t\u00e9"};
        String[] values = {"1", "2", "caf\u00e9", "", "\ud83d\ude00", "v=1", "x\u2028y"};
        StringBuilder json = new StringBuilder("[");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("%016x", random.nextLong()).repeat(3) + String.format("%016x", i);
            ids.add(id);
            json.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(random.nextBoolean() ? "sha256:" : "").append(id).append('"');
            json.append(",\"Created\":").append(1_700_000_000L + random.nextInt(100));
            List<String> tags = new ArrayList<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                String repo = repos[random.nextInt(repos.length - 1)];
                tags.add("\"" + repo + ":t" + i + "-" + t + "\"");
            }
            json.append(",\"RepoTags\":").append(tags);
            json.append(",\"RepoDigests\":").append(random.nextInt(3) == 0 ? "[\"" + repos[random.nextInt(repos.length - 1)]
                    + "@sha256:" + String.format("%064x", i) + "\"]" : "[]");
            if (random.nextInt(4) > 0) {
                json.append(",\"Labels\":{");
                int labels = random.nextInt(4);
                for (int l = 0; l < labels; l++) {
                    json.append(l == 0 ? "" : ",").append("\"k").append(l == 2 ? "\u00e9" : Integer.toString(l)).append("\":\"")
                            .append(values[random.nextInt(values.length)]).append('"');
                }
                json.append('}');
            }
            if (i > 0 && random.nextInt(3) == 0) {
                json.append(",\"ParentId\":\"sha256:").append(ids.get(random.nextInt(i))).append('"');
            }
            json.append(",\"Size\":").append(random.nextInt(1 << 20)).append('}');
        }
        return CatalogLoader.load(new ByteArrayInputStream(json.append(']').toString().getBytes(StandardCharsets.UTF_8)), "generated");
    }

    @Test
    void aRequestReadsTheSectionsItNeedsAndNoMore() throws IOException {
        Catalog json = generated(new Random(7), 2_000);
        Path file = compile(json);
        Snapshot.Opened opened = Snapshot.open(file, damage -> { });
        Sections sections = opened.sections();
        assertEquals(List.of(Layout.META), readSections(sections), "opened: the header and metadata only");
        CatalogImage last = json.images().get(json.size() - 1);
        assertEquals(last, opened.catalog().byId(last.id()));
        int lastBlock = Layout.FIRST_BLOCK + (json.size() - 1) / Layout.BLOCK_SIZE;
        List<Integer> afterInspect = last.labels() == null || last.labels().isEmpty()
                ? List.of(Layout.META, Layout.IDS, lastBlock) : List.of(Layout.META, Layout.STRINGS, Layout.IDS, lastBlock);
        assertEquals(afterInspect, readSections(sections), "by id: the ids and one block (and the strings of its labels)");
        opened.catalog().positionsWithLabel("k1", "2");
        List<Integer> afterLabel = new ArrayList<>(afterInspect);
        afterLabel.addAll(afterLabel.size() - 1, List.of(Layout.LABELS, Layout.POSTINGS));
        assertEquals(afterLabel, readSections(sections), "a label: its table and postings");
        opened.readAll();
        assertEquals(sections.count(), readSections(sections).size(), "all of them, in the background");
        assertSameCatalog(json, opened.catalog(), new Random(8));
    }

    private static List<Integer> readSections(Sections sections) {
        List<Integer> read = new ArrayList<>();
        for (int i = 0; i < sections.count(); i++) {
            if (sections.isRead(i)) {
                read.add(i);
            }
        }
        return read;
    }

    @Test
    void jsonIsNeverTakenForASnapshot() throws IOException {
        Path json = Files.writeString(dir.resolve("catalog.snapshot"), "[]");
        assertFalse(Snapshot.isSnapshot(json), "by content, not by name");
        assertEquals(0, CatalogSource.loadFile(json).size());
        assertFalse(Snapshot.isSnapshot(Files.writeString(dir.resolve("short"), "ICSN")));
    }

    @Test
    void thePreviousFormatVersionIsRefusedInOneLine() throws IOException {
        Path file = dir.resolve("vectors-format-2.snapshot");
        try (InputStream in = getClass().getResourceAsStream("/snapshots/vectors-format-2.snapshot")) {
            Files.copy(in, file); // written by the build before this format
        }
        assertTrue(Snapshot.isSnapshot(file));
        assertEquals("Cannot load image catalog " + file + ": is a catalog snapshot of format version 2; this build reads"
                + " version " + Snapshot.FORMAT_VERSION + ": compile it again with this build",
                assertThrows(CatalogException.class, () -> CatalogSource.loadFile(file)).getMessage());
    }

    @Test
    void anotherFormatVersionIsRefusedInOneLine() throws IOException {
        Path file = compile("/catalogs/vectors.json");
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(Snapshot.VERSION_OFFSET, 99);
        Files.write(file, bytes);
        assertEquals("Cannot load image catalog " + file + ": is a catalog snapshot of format version 99; this build reads"
                + " version " + Snapshot.FORMAT_VERSION + ": compile it again with this build",
                assertThrows(CatalogException.class, () -> Snapshot.open(file, damage -> { })).getMessage());
    }

    @Test
    void aTruncatedSnapshotIsRefusedAtOpenInOneLine() throws IOException {
        Path file = compile("/catalogs/vectors.json");
        byte[] bytes = Files.readAllBytes(file);
        for (int keep : new int[] {bytes.length - 1, bytes.length / 2, 200, 30, 27, 12}) {
            Path cut = Files.write(dir.resolve("cut-" + keep), java.util.Arrays.copyOf(bytes, keep));
            String message = assertThrows(CatalogException.class, () -> Snapshot.open(cut, damage -> { })).getMessage();
            assertTrue(message.startsWith("Cannot load image catalog " + cut + ": is a truncated catalog snapshot ("), message);
            assertTrue(message.endsWith(" bytes): compile it again"), message);
        }
    }

    @Test
    void aDamagedHeaderOrTableIsRefusedAtOpenInOneLine() throws IOException {
        Path file = compile("/catalogs/vectors-inspect.json");
        byte[] bytes = Files.readAllBytes(file);
        int count = ByteBuffer.wrap(bytes).getInt(12);
        int tableEnd = Layout.HEADER_BYTES + Layout.TABLE_ENTRY_BYTES * count;
        int firstSection = (int) ByteBuffer.wrap(bytes).getLong(Layout.HEADER_BYTES);
        for (int at : new int[] {12, 15, 20, 24, Layout.HEADER_BYTES, Layout.HEADER_BYTES + 9, tableEnd - 1, tableEnd, firstSection - 1}) {
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x01;
            Path bad = Files.write(dir.resolve("bad-" + at), damaged);
            String message = assertThrows(CatalogException.class, () -> Snapshot.open(bad, damage -> { })).getMessage();
            assertTrue(message.equals(checksumLine(bad)) || message.startsWith("Cannot load image catalog " + bad + ": is a truncated"),
                    message);
        }
    }

    /**
     * A flipped byte in any section: the snapshot opens (its header is whole), and the section is
     * refused with the one line when first read, by a request or by the background check, before
     * anything of it is used; the damage is reported.
     */
    @Test
    void damageInEachSectionIsRefusedWhenTheSectionIsFirstRead() throws IOException {
        Catalog json = generated(new Random(11), 600);
        Path file = dir.resolve("whole.snapshot");
        Snapshot.write(json, new Snapshot.DefaultAnswer("[{}]\n".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2}, "\"t\"", "test", new int[] {0}, new int[] {3}), file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = ByteBuffer.wrap(bytes);
        int count = header.getInt(12);
        for (int section = 0; section < count; section++) {
            long offset = header.getLong(Layout.HEADER_BYTES + Layout.TABLE_ENTRY_BYTES * section);
            long length = header.getLong(Layout.HEADER_BYTES + Layout.TABLE_ENTRY_BYTES * section + 8);
            for (long at : new long[] {offset, offset + length / 2, offset + length - 1}) {
                byte[] damaged = bytes.clone();
                damaged[(int) at] ^= 0x10;
                Path bad = Files.write(dir.resolve("bad-" + section + "-" + at), damaged);
                List<CatalogException> reported = new ArrayList<>();
                if (section == Layout.META) {
                    assertEquals(checksumLine(bad), assertThrows(CatalogException.class, () -> Snapshot.open(bad, reported::add)).getMessage());
                    continue;
                }
                Snapshot.Opened opened = Snapshot.open(bad, reported::add);
                Catalog catalog = opened.catalog();
                Consumer<Catalog> use = useOf(section);
                assertEquals(checksumLine(bad), assertThrows(CatalogException.class, () -> use.accept(catalog)).getMessage(),
                        "section " + section);
                assertEquals(checksumLine(bad), assertThrows(CatalogException.class, opened::readAll).getMessage());
                assertEquals(1, reported.size(), "reported once");
                assertEquals(checksumLine(bad), reported.get(0).getMessage());
                assertEquals(checksumLine(bad), assertThrows(CatalogException.class, () -> use.accept(catalog)).getMessage(),
                        "refused again, at once");
                assertEquals(1, reported.size());
                assertEquals(checksumLine(bad), assertThrows(CatalogException.class, () -> Snapshot.read(bad)).getMessage(), "on reload");
            }
        }
    }

    /**
     * A section of 8 MiB or more is read by two threads, one half each, each piece checked: read
     * back byte for byte; a flipped byte in either half refused; a file cut short in the second
     * half refused as truncated; an interrupted reader waits for the other half, then fails alone.
     * Read piece by piece, the pieces before a damaged one are given whole, the damaged one not at all.
     */
    @Test
    void aLargeSectionIsReadByTwoThreadsOrPieceByPieceAndEachPieceChecked() throws IOException {
        byte[] body = new byte[11 << 20];
        new Random(4).nextBytes(body);
        Catalog json = generated(new Random(5), 50);
        Path file = dir.resolve("large.snapshot");
        Snapshot.write(json, new Snapshot.DefaultAnswer(body, new byte[] {1}, "\"t\"", "test", new int[] {0}, new int[] {3}), file);
        byte[] bytes = Files.readAllBytes(file);
        long offset = ByteBuffer.wrap(bytes).getLong(Layout.HEADER_BYTES + Layout.TABLE_ENTRY_BYTES * Layout.ANSWER);

        ByteBuffer read = Snapshot.open(file, damage -> { }).catalog().compiledDefaultAnswer().body();
        byte[] back = new byte[read.remaining()];
        read.get(back);
        assertArrayEquals(body, back);

        for (long at : new long[] {offset + 5, offset + body.length - 7}) {
            byte[] damaged = bytes.clone();
            damaged[(int) at] ^= 0x40;
            Path bad = Files.write(dir.resolve("large-bad-" + at), damaged);
            List<CatalogException> reported = new ArrayList<>();
            Catalog catalog = Snapshot.open(bad, reported::add).catalog();
            assertEquals(checksumLine(bad), assertThrows(CatalogException.class, () -> catalog.compiledDefaultAnswer().body()).getMessage());
            assertEquals(1, reported.size());
        }

        // Piece by piece, as a first answer is sent while it is read: each piece checked before it is given.
        Catalog.Pieces pieces = Snapshot.open(file, damage -> { }).catalog().compiledDefaultAnswer().pieces(false);
        assertEquals(11, pieces.count());
        ByteBuffer streamed = ByteBuffer.allocateDirect(body.length);
        for (int i = 0; i < pieces.count(); i++) {
            pieces.read(i, streamed);
        }
        assertEquals(body.length, streamed.position());
        assertArrayEquals(body, toArray(streamed.flip()));

        // A stream under way when the background check reads the section whole and lets the file go:
        // its next pieces come from memory; a later client is given no pieces (the form is read).
        Snapshot.Opened checked = Snapshot.open(file, damage -> { });
        Catalog.Pieces underWay = checked.catalog().compiledDefaultAnswer().pieces(false);
        ByteBuffer rest = ByteBuffer.allocateDirect(body.length);
        underWay.read(0, rest);
        checked.readAll();
        for (int i = 1; i < underWay.count(); i++) {
            underWay.read(i, rest);
        }
        assertArrayEquals(body, toArray(rest.flip()));
        assertNull(checked.catalog().compiledDefaultAnswer().pieces(false), "read whole: sent whole");

        byte[] damagedPiece = bytes.clone();
        damagedPiece[(int) offset + 3 * Layout.PIECE_BYTES + 100] ^= 0x02;
        Path bad = Files.write(dir.resolve("large-bad-piece"), damagedPiece);
        List<CatalogException> reported = new ArrayList<>();
        Catalog badCatalog = Snapshot.open(bad, reported::add).catalog();
        Catalog.Pieces badPieces = badCatalog.compiledDefaultAnswer().pieces(false);
        ByteBuffer into = ByteBuffer.allocateDirect(Layout.PIECE_BYTES);
        for (int i = 0; i < 3; i++) {
            badPieces.read(i, into.clear());
            assertArrayEquals(java.util.Arrays.copyOfRange(body, i * Layout.PIECE_BYTES, (i + 1) * Layout.PIECE_BYTES), toArray(into.flip()),
                    "piece " + i + ", before the damage");
        }
        into.clear();
        assertEquals(checksumLine(bad), assertThrows(CatalogException.class, () -> badPieces.read(3, into)).getMessage());
        assertEquals(0, into.position(), "a damaged piece not given (its bytes are not past the position)");
        assertEquals(List.of(checksumLine(bad)), reported.stream().map(CatalogException::getMessage).toList());
        assertEquals(checksumLine(bad), assertThrows(CatalogException.class, () -> badPieces.read(0, into)).getMessage(),
                "the section refused from then on");
        assertEquals(checksumLine(bad), assertThrows(CatalogException.class, () -> badCatalog.compiledDefaultAnswer().body()).getMessage());
        assertEquals(1, reported.size(), "reported once");

        Path cut = dir.resolve("large-cut.snapshot");
        Files.copy(file, cut);
        Snapshot.Opened opened = Snapshot.open(cut, damage -> { });
        try (var channel = java.nio.channels.FileChannel.open(cut, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(offset + body.length - 1000); // cut short after it was opened, in the second half
        }
        CatalogException truncated = assertThrows(CatalogException.class, () -> opened.catalog().compiledDefaultAnswer().body());
        assertTrue(truncated.getMessage().endsWith("is a truncated catalog snapshot (cut short while being served): compile it again"),
                truncated.getMessage());

        Snapshot.Opened again = Snapshot.open(file, damage -> { });
        Thread.currentThread().interrupt();
        try {
            CatalogException e = assertThrows(CatalogException.class, () -> again.catalog().compiledDefaultAnswer().body());
            assertTrue(e.getMessage().contains("cannot be read: "), e.getMessage());
        } finally {
            Thread.interrupted();
        }
        ByteBuffer reread = again.catalog().compiledDefaultAnswer().body();
        byte[] whole = new byte[reread.remaining()];
        reread.get(whole);
        assertArrayEquals(body, whole, "read whole by the next request");
    }

    @Test
    void anInterruptedReaderFailsItsRequestWithoutCallingTheFileDamaged() throws IOException {
        Catalog json = generated(new Random(3), 400);
        Path file = compile(json);
        List<CatalogException> reported = new ArrayList<>();
        Snapshot.Opened opened = Snapshot.open(file, reported::add);
        CatalogImage image = json.images().get(123);
        Thread.currentThread().interrupt(); // (a worker pool shutting down, say: a read would close the channel for every reader)
        try {
            CatalogException e = assertThrows(CatalogException.class, () -> opened.catalog().byId(image.id()));
            assertTrue(e.getMessage().startsWith("Cannot load image catalog " + file + ": cannot be read: "), e.getMessage());
        } finally {
            Thread.interrupted();
        }
        assertEquals(image, opened.catalog().byId(image.id()), "read by the next request");
        opened.readAll();
        assertTrue(reported.isEmpty(), reported.toString());
        assertSameCatalog(json, opened.catalog(), new Random(4));
    }

    @Test
    void aFileReplacedUnderAClosedChannelIsNotReadAsTheOldOne() throws IOException {
        Catalog json = generated(new Random(5), 300);
        Path file = compile(json);
        Snapshot.Opened opened = Snapshot.open(file, damage -> { });
        closeChannel(opened.sections()); // as a reader interrupted in the middle of a read closes it
        CatalogImage first = json.images().get(0);
        assertEquals(first, opened.catalog().images().get(0), "the same file: opened again");
        closeChannel(opened.sections());
        Snapshot.write(generated(new Random(6), 300), file); // renamed over it: another file by that name
        CatalogException e = assertThrows(CatalogException.class, () -> opened.catalog().images().get(json.size() - 1));
        assertTrue(e.getMessage().endsWith("cannot be read: java.io.IOException: the file was replaced while being read"), e.getMessage());
    }

    private static void closeChannel(Sections sections) {
        try {
            java.lang.reflect.Field channel = Sections.class.getDeclaredField("channel");
            channel.setAccessible(true);
            ((java.nio.channels.FileChannel) channel.get(sections)).close();
        } catch (ReflectiveOperationException | IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aClosedSnapshotReadsNoMore() throws IOException {
        Path file = compile(generated(new Random(12), 300));
        Snapshot.Opened opened = Snapshot.open(file, damage -> { });
        opened.close();
        CatalogException e = assertThrows(CatalogException.class, () -> opened.catalog().images().get(0));
        assertTrue(e.getMessage().endsWith("cannot be read: java.nio.channels.ClosedChannelException"), e.getMessage());
    }

    @Test
    void anEmptyCatalogHasNoBlocks() throws IOException {
        Catalog empty = CatalogLoader.load(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)), "empty");
        Path file = compile(empty);
        Snapshot.Opened opened = Snapshot.open(file, damage -> { });
        assertEquals(Layout.FIRST_BLOCK, opened.sections().count());
        opened.readAll();
        assertSameCatalog(empty, opened.catalog(), new Random(1));
        assertNull(opened.catalog().compiledDefaultAnswer());
    }

    @Test
    void aStringThatUtf8CannotHoldIsRefusedWhenCompiling() throws IOException {
        Catalog lone = CatalogLoader.load(new ByteArrayInputStream(("[{\"Id\":\"" + "a".repeat(64)
                + "\",\"Labels\":{\"k\":\"v\\ud800\"}}]").getBytes(StandardCharsets.UTF_8)), "lone");
        IOException e = assertThrows(IOException.class, () -> Snapshot.write(lone, dir.resolve("lone.snapshot")));
        assertEquals("a string with a lone UTF-16 surrogate cannot be stored in a snapshot: v\\ud800", e.getMessage());
        assertFalse(Files.exists(dir.resolve("lone.snapshot")), "nothing written");
    }

    @Test
    void refusedSnapshotsLeaveNoFileOpen() throws IOException {
        Catalog json = generated(new Random(9), 300);
        Path file = compile(json);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 1;
        Path bad = Files.write(dir.resolve("bad.snapshot"), bytes);
        long before = openFiles();
        for (int i = 0; i < 20; i++) {
            assertThrows(CatalogException.class, () -> Snapshot.read(bad));
        }
        assertTrue(openFiles() <= before + 2, before + " open files before, " + openFiles() + " after");
    }

    private static long openFiles() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** What reads the section first. */
    private static Consumer<Catalog> useOf(int section) {
        return switch (section) {
            case Layout.ANSWER -> c -> c.compiledDefaultAnswer().body();
            case Layout.CUTS -> c -> c.compiledDefaultAnswer().cuts();
            case Layout.GZIP_ANSWER -> c -> c.compiledDefaultAnswer().gzipBody();
            case Layout.STRINGS -> c -> {
                for (CatalogImage image : c.images()) {
                    image.labels();
                }
            };
            case Layout.IDS -> c -> c.byUniqueIdPrefix("sha256:0");
            case Layout.REFERENCES -> c -> c.positionsWithReferencePrefix("a");
            case Layout.LABELS, Layout.POSTINGS -> c -> c.positionsWithLabel("k1");
            default -> c -> c.images().get((section - Layout.FIRST_BLOCK) * Layout.BLOCK_SIZE);
        };
    }

    private static String checksumLine(Path file) {
        return "Cannot load image catalog " + file + ": is a corrupted catalog snapshot (its checksum does not match): compile it again";
    }

    private static byte[] toArray(ByteBuffer bytes) {
        byte[] out = new byte[bytes.remaining()];
        bytes.duplicate().get(out);
        return out;
    }
}
