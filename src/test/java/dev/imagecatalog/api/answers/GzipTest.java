package dev.imagecatalog.api.answers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gzip form, by one thread or two, is one gzip member any reader takes back to the same bytes. */
class GzipTest {

    @TempDir
    Path dir;

    @Test
    void everySizeComesBackWholeAtEitherLevelInOneBufferOrInChunks() throws Exception {
        for (int length : new int[] {0, 1, 1000, Gzip.TWO_THREADS_FROM - 1, Gzip.TWO_THREADS_FROM, Gzip.TWO_THREADS_FROM + 1, 3_000_017}) {
            byte[] random = new byte[length]; // (incompressible: the output outgrows the room made for JSON)
            new Random(-length).nextBytes(random);
            for (byte[] bytes : List.of(json(new Random(length), length), random)) {
                for (int level : new int[] {Gzip.WHILE_A_CLIENT_WAITS, Gzip.AHEAD}) {
                    for (ByteBuf body : List.of(Unpooled.wrappedBuffer(bytes), inChunks(bytes, 65_521), storedView(bytes))) {
                        int readerIndex = body.readerIndex();
                        Gzip.Form form = Gzip.of(body, level);
                        byte[] gzip = form.bytes();
                        assertEquals(form.length(), gzip.length);
                        assertArrayEquals(bytes, gunzip(gzip), length + " bytes at level " + level);
                        assertEquals(readerIndex, body.readerIndex(), "the body is not moved");
                    }
                }
            }
        }
    }

    /**
     * The halves lose next to nothing against one stream, on JSON and on bytes whose second half
     * starts with what ends the first (the second half is primed with the end of the first: else it
     * would store those 16 KiB again).
     */
    @Test
    void twoHalvesCompressAsWellAsOneStream() throws Exception {
        byte[] repeatedAtTheCut = new byte[4 << 20];
        new Random(5).nextBytes(repeatedAtTheCut);
        int middle = repeatedAtTheCut.length / 2;
        System.arraycopy(repeatedAtTheCut, middle - 16384, repeatedAtTheCut, middle, 16384);
        for (byte[] body : List.of(json(new Random(3), 4 << 20), repeatedAtTheCut)) {
            for (int level : new int[] {Gzip.WHILE_A_CLIENT_WAITS, Gzip.AHEAD}) {
                ByteArrayOutputStream one = new ByteArrayOutputStream();
                try (GZIPOutputStream out = new GZIPOutputStream(one) {
                    {
                        def.setLevel(level);
                    }
                }) {
                    out.write(body);
                }
                int two = Gzip.of(Unpooled.wrappedBuffer(body), level).length();
                assertTrue(Math.abs(two - one.size()) < 1024, "two halves " + two + " bytes, one stream " + one.size());
            }
        }
    }

    /** The gzip tool (another reader, which checks the CRC and the length) takes it back as well. */
    @Test
    void theGzipToolReadsIt() throws Exception {
        Path tool = java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator)).map(d -> Path.of(d, "gzip"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(tool != null, "no gzip on PATH: the gzip form is not read by another tool");
        byte[] json = json(new Random(11), 2_500_000);
        Path file = Files.write(dir.resolve("answer.json.gz"), Gzip.of(inChunks(json, 100_003), Gzip.WHILE_A_CLIENT_WAITS).bytes());
        Process gunzip = new ProcessBuilder(tool.toString(), "-dc", file.toString()).redirectErrorStream(false).start();
        byte[] back = gunzip.getInputStream().readAllBytes();
        assertEquals(0, gunzip.waitFor(), new String(gunzip.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertArrayEquals(json, back);
    }

    private static byte[] gunzip(byte[] gzip) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /** JSON-like bytes: repeated keys, varying values, as an answer has them. */
    static byte[] json(Random random, int length) {
        StringBuilder json = new StringBuilder(length + 200);
        while (json.length() < length) {
            json.append("{\"Containers\":-1,\"Created\":").append(1_700_000_000 + random.nextInt(1_000_000))
                    .append(",\"Id\":\"sha256:").append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong()))
                    .append("\",\"Labels\":{\"team\":\"t").append(random.nextInt(50)).append("\"},\"RepoTags\":[\"app-")
                    .append(random.nextInt(10_000)).append(":v").append(random.nextInt(9)).append("\"]},");
        }
        return json.substring(0, length).getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes as a stored answer holds them: read-only, off the heap, here after 3 bytes already read. */
    private static ByteBuf storedView(byte[] bytes) {
        ByteBuf direct = Unpooled.directBuffer(bytes.length + 3).writeBytes(new byte[] {1, 2, 3}).writeBytes(bytes);
        direct.readerIndex(3);
        return direct.asReadOnly();
    }

    /** The bytes as a stored answer may hold them: chunks joined without a copy. */
    private static ByteBuf inChunks(byte[] bytes, int chunk) {
        List<ByteBuf> chunks = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += chunk) {
            chunks.add(Unpooled.wrappedBuffer(bytes, at, Math.min(chunk, bytes.length - at)));
        }
        return Unpooled.wrappedBuffer(chunks.toArray(ByteBuf[]::new));
    }
}
