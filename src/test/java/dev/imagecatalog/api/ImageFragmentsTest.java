package dev.imagecatalog.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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

/** Reading a stored answer for its images finds what writing it recorded, whatever its strings hold. */
class ImageFragmentsTest {

    @Test
    void aScannedAnswerCutsWhereTheWrittenOneDid() throws Exception {
        Catalog catalog = CatalogLoader.load(new ByteArrayInputStream(AssembledAnswersTest.catalogJson(new Random(5), 80)
                .getBytes(StandardCharsets.UTF_8)), "test");
        List<ImageSummary> listed = ImageSelector.select(catalog, ImageQuery.from(QueryParameters.parse(""), catalog, Instant.EPOCH));
        for (ResponseShape shape : ResponseShape.values()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] ends = DockerJson.imagesWithEnds(body, listed, shape);
            ImageFragments written = new ImageFragments(Unpooled.wrappedBuffer(body.toByteArray()), listed, ends, catalog.size());
            ImageFragments scanned = ImageFragments.scan(Unpooled.wrappedBuffer(body.toByteArray()), listed, catalog.size(), shape);
            assertNotNull(scanned, shape.name());
            assertArrayEquals(body.toByteArray(), written.assemble(listed, shape), "all of them: the answer itself");
            assertArrayEquals(body.toByteArray(), scanned.assemble(listed, shape));
            for (int skip = 0; skip < listed.size(); skip += 7) {
                List<ImageSummary> some = listed.subList(skip, Math.min(listed.size(), skip + 5));
                assertArrayEquals(DockerJson.images(some, shape), scanned.assemble(some, shape));
            }
            // Written for another shape (another build's snapshot, say): not cut at all.
            ResponseShape other = shape == ResponseShape.V1_51 ? ResponseShape.V1_23 : ResponseShape.V1_51;
            assertNull(ImageFragments.scan(Unpooled.wrappedBuffer(body.toByteArray()), listed, catalog.size(), other));
            // An answer that lists other images than these is not cut at all.
            assertNull(ImageFragments.scan(Unpooled.wrappedBuffer(body.toByteArray()), listed.subList(1, listed.size()), catalog.size(), shape));
        }
    }
}
