package dev.imagecatalog.api.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.api.answers.AssembledAnswersTest;
import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogException;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.ImageSelector;
import dev.imagecatalog.query.ImageSummary;
import dev.imagecatalog.query.QueryParameters;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A stored answer cut where writing it recorded assembles any subset of its images as the renderer writes them. */
class ImageFragmentsTest {

    @Test
    void anAnswerCutWhereItWasWrittenAssemblesAsTheRendererWrites() throws Exception {
        Catalog catalog = CatalogLoader.load(new ByteArrayInputStream(AssembledAnswersTest.catalogJson(new Random(5), 80)
                .getBytes(StandardCharsets.UTF_8)), "test");
        List<ImageSummary> listed = ImageSelector.select(catalog, ImageQuery.from(QueryParameters.parse(""), catalog, Instant.EPOCH));
        int[] positions = listed.stream().mapToInt(ImageSummary::position).toArray();
        for (ResponseShape shape : ResponseShape.values()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] ends = DockerJson.imagesWithEnds(body, listed, shape);
            Catalog.AnswerCuts cuts = new Catalog.AnswerCuts(positions, ends);
            for (ImageFragments written : List.of(
                    new ImageFragments(Unpooled.wrappedBuffer(body.toByteArray()), cuts, catalog.size()),
                    new ImageFragments(inChunks(body.toByteArray(), 997), cuts, catalog.size()),
                    ImageFragments.ofPieces(new PiecesOf(body.toByteArray(), 997).pieces(), cuts, catalog.size()),
                    // pieces smaller than an image's object: its range spans several
                    ImageFragments.ofPieces(new PiecesOf(body.toByteArray(), 61).pieces(), cuts, catalog.size()))) {
                assembles(catalog, listed, shape, body, written);
            }
        }
    }

    @Test
    void fromPiecesOnlyThePiecesHoldingTheImagesListedAreRead() throws Exception {
        DefaultAnswer answer = DefaultAnswer.of(6);
        Catalog catalog = answer.catalog();
        List<ImageSummary> listed = answer.listed();
        int[] ends = answer.ends();
        PiecesOf stored = new PiecesOf(answer.body(), 256);
        ImageFragments fragments = answer.fragments(stored);
        int[] two = {listed.get(3).position(), listed.get(150).position()};
        byte[] assembled = fragments.assemble(two, p -> ImageSelector.summaryOf(catalog, p), ResponseShape.of(ApiVersion.CURRENT)).bytes();

        assertArrayEquals(DockerJson.images(List.of(listed.get(3), listed.get(150)), ResponseShape.of(ApiVersion.CURRENT)), assembled);
        java.util.Set<Integer> holding = new java.util.TreeSet<>();
        for (int index : new int[] {3, 150}) {
            for (int at = (index == 0 ? 1 : ends[index - 1] + 1); at < ends[index]; at++) {
                holding.add(at / 256);
            }
        }
        assertEquals(List.copyOf(holding), stored.read(), "the pieces that hold the two images' bytes, each once");
    }

    @Test
    void aPieceThatCannotBeReadFailsTheAssemblyAndNoReaderGoesOn() throws Exception {
        DefaultAnswer answer = DefaultAnswer.of(7);
        Catalog catalog = answer.catalog();
        List<ImageSummary> listed = answer.listed();
        PiecesOf stored = new PiecesOf(answer.body(), 128);
        stored.damaged = 5;
        stored.readMillis = 1; // (so that readers that went on would read far more than the few before the failure)
        ImageFragments fragments = answer.fragments(stored);
        int[] all = listed.stream().mapToInt(ImageSummary::position).toArray();
        var assembly = fragments.assemble(all, p -> ImageSelector.summaryOf(catalog, p), ResponseShape.of(ApiVersion.CURRENT));

        CatalogException thrown = assertThrows(CatalogException.class, () -> assembly.writeTo(java.nio.ByteBuffer.allocate(assembly.length())));
        assertTrue(thrown.getMessage().contains("piece 5"), thrown.getMessage());
        int readWhenThrown = stored.read().size();
        Thread.sleep(50);
        assertEquals(readWhenThrown, stored.read().size(), "no piece read once the assembly has failed");
        assertTrue(stored.pieces().count() > 400 && readWhenThrown < 100, "the readers stopped at the failure: " + readWhenThrown
                + " of " + stored.pieces().count() + " read");
    }

    /** The default answer of a generated catalog of 200 images (current version), and where each image ends in it. */
    private record DefaultAnswer(Catalog catalog, List<ImageSummary> listed, byte[] body, int[] ends) {

        static DefaultAnswer of(long seed) throws Exception {
            Catalog catalog = CatalogLoader.load(new ByteArrayInputStream(AssembledAnswersTest.catalogJson(new Random(seed), 200)
                    .getBytes(StandardCharsets.UTF_8)), "test");
            List<ImageSummary> listed = ImageSelector.select(catalog, ImageQuery.from(QueryParameters.parse(""), catalog, Instant.EPOCH));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] ends = DockerJson.imagesWithEnds(body, listed, ResponseShape.of(ApiVersion.CURRENT));
            return new DefaultAnswer(catalog, listed, body.toByteArray(), ends);
        }

        /** Its fragments, read from these pieces. */
        ImageFragments fragments(PiecesOf pieces) {
            return ImageFragments.ofPieces(pieces.pieces(),
                    new Catalog.AnswerCuts(listed.stream().mapToInt(ImageSummary::position).toArray(), ends), catalog.size());
        }
    }

    /** A stored answer's bytes as a snapshot's pieces: each read recorded, one of them (if set) damaged. */
    private static final class PiecesOf {
        private final byte[] bytes;
        private final int pieceBytes;
        private final List<Integer> read = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        volatile int damaged = -1;
        volatile long readMillis;

        PiecesOf(byte[] bytes, int pieceBytes) {
            this.bytes = bytes;
            this.pieceBytes = pieceBytes;
        }

        Catalog.Pieces pieces() {
            return new Catalog.Pieces((bytes.length + pieceBytes - 1) / pieceBytes, pieceBytes, (index, into) -> {
                read.add(index);
                if (readMillis > 0) {
                    try {
                        Thread.sleep(readMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (index == damaged) {
                    throw new CatalogException("test", "piece " + index + " is damaged");
                }
                int start = index * pieceBytes;
                into.put(bytes, start, Math.min(pieceBytes, bytes.length - start));
            });
        }

        /** The pieces read so far, in index order, as often as each was read. */
        List<Integer> read() {
            synchronized (read) {
                return read.stream().sorted().toList();
            }
        }
    }

    /** The bytes as a stored answer holds a large one: chunks joined without a copy, ranges spanning them. */
    private static io.netty.buffer.ByteBuf inChunks(byte[] bytes, int chunk) {
        List<io.netty.buffer.ByteBuf> chunks = new java.util.ArrayList<>();
        for (int at = 0; at < bytes.length; at += chunk) {
            chunks.add(Unpooled.wrappedBuffer(bytes, at, Math.min(chunk, bytes.length - at)));
        }
        io.netty.buffer.ByteBuf joined = Unpooled.wrappedBuffer(chunks.toArray(io.netty.buffer.ByteBuf[]::new));
        assertTrue(joined.nioBufferCount() > 1);
        return joined;
    }

    private static void assembles(Catalog catalog, List<ImageSummary> listed, ResponseShape shape, ByteArrayOutputStream body,
            ImageFragments written) throws Exception {
        assertArrayEquals(body.toByteArray(), written.assemble(listed, shape), "all of them: the answer itself");
        assertArrayEquals("[]\n".getBytes(StandardCharsets.UTF_8), written.assemble(List.of(), shape), "none of them");
        for (int skip = 0; skip < listed.size(); skip += 7) {
            List<ImageSummary> some = listed.subList(skip, Math.min(listed.size(), skip + 5));
            assertArrayEquals(DockerJson.images(some, shape), written.assemble(some, shape));
        }
        // By position, the images the answer does not list (intermediate ones) written anew.
        List<ImageSummary> everyThird = new java.util.ArrayList<>();
        for (int position = 0; position < catalog.size(); position += 3) {
            everyThird.add(ImageSelector.summaryOf(catalog, position));
        }
        int[] thirds = everyThird.stream().mapToInt(ImageSummary::position).toArray();
        assertTrue(everyThird.stream().anyMatch(s -> !written.lists(s.position())), "an image the answer does not list among them");
        var assembly = written.assemble(thirds, p -> ImageSelector.summaryOf(catalog, p), shape);
        byte[] expected = DockerJson.images(everyThird, shape);
        assertEquals(expected.length, assembly.length());
        assertArrayEquals(expected, assembly.bytes());
        // Where it is kept: after other bytes (as in a buffer of several), off the heap.
        java.nio.ByteBuffer streamed = java.nio.ByteBuffer.allocateDirect(7 + assembly.length() + 5);
        streamed.position(7);
        assembly.writeTo(streamed);
        assertEquals(7 + assembly.length(), streamed.position());
        byte[] put = new byte[assembly.length()];
        streamed.position(7).get(put);
        assertArrayEquals(expected, put);
    }
}
