package dev.imagecatalog.query;

import dev.imagecatalog.catalog.CatalogImage;
import java.util.List;

/**
 * An image chosen for the answer, with the references it is listed under (familiar form; only
 * those that matched when a {@code reference} filter was given).
 */
public record ImageSummary(CatalogImage image, List<String> tags, List<String> digests) {

    public ImageSummary {
        tags = List.copyOf(tags);
        digests = List.copyOf(digests);
    }
}
