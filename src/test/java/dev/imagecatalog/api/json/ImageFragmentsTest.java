package dev.imagecatalog.api.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.api.answers.AssembledAnswersTest;
import dev.imagecatalog.catalog.Catalog;
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
            for (ImageFragments written : List.of(
                    new ImageFragments(Unpooled.wrappedBuffer(body.toByteArray()), new Catalog.AnswerCuts(positions, ends), catalog.size()),
                    new ImageFragments(inChunks(body.toByteArray(), 997), new Catalog.AnswerCuts(positions, ends), catalog.size()))) {
                assembles(catalog, listed, shape, body, written);
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
        java.nio.ByteBuffer streamed = java.nio.ByteBuffer.allocateDirect(assembly.length());
        assembly.writeTo(streamed);
        byte[] put = new byte[assembly.length()];
        streamed.flip().get(put);
        assertArrayEquals(expected, put);
    }
}
