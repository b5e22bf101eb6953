package dev.imagecatalog.query;

import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.ImageReference;
import java.util.List;

/**
 * An image chosen for the answer, with the references it is listed under (all of the image's, or
 * only those that matched when a {@code reference} filter was given); an answer lists their
 * familiar strings. {@code position} is the image's place in the catalog's answer order
 * ({@code Catalog.images()}).
 */
public record ImageSummary(CatalogImage image, int position, List<ImageReference> tags, List<ImageReference> digests) {

    public ImageSummary {
        tags = List.copyOf(tags);
        digests = List.copyOf(digests);
    }
}
