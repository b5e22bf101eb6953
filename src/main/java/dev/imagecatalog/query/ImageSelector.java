package dev.imagecatalog.query;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.ImageReference;
import dev.imagecatalog.query.ImageQuery.Dangling;
import dev.imagecatalog.query.ImageQuery.LabelCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the images of an answer (section 5 of the contract), in one pass over the catalog,
 * which is already in answer order (newest first, ties by id).
 */
public final class ImageSelector {

    private ImageSelector() {
    }

    public static List<ImageSummary> select(Catalog catalog, ImageQuery query) {
        List<ImageSummary> selected = new ArrayList<>();
        for (CatalogImage image : catalog.images()) {
            // 1. time filters; 2. label filters
            if (!query.inTimeBounds(image) || !labelsMatch(image, query)) {
                continue;
            }
            // 3. with a reference filter, only the matching references remain
            List<String> tags = matchingReferences(image.tags(), query);
            List<String> digests = matchingReferences(image.digests(), query);
            // 4. an image left without references is listed as untagged, or not at all
            if (tags.isEmpty() && digests.isEmpty()) {
                boolean listable = query.all() || !image.hasChildren();
                if (!listable || query.references().isPresent() || query.dangling() == Dangling.NONE) {
                    continue;
                }
            }
            // 5. dangling=true: untagged images without children only
            if (query.dangling() == Dangling.ONLY && (!tags.isEmpty() || image.hasChildren())) {
                continue;
            }
            selected.add(new ImageSummary(image, tags, digests));
        }
        return selected;
    }

    private static boolean labelsMatch(CatalogImage image, ImageQuery query) {
        for (LabelCondition condition : query.labels()) {
            if (!condition.holds(image.labels())) {
                return false;
            }
        }
        // label!: the key is absent, or (key=value) its value differs
        for (LabelCondition condition : query.absentLabels()) {
            if (condition.holds(image.labels())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> matchingReferences(List<ImageReference> refs, ImageQuery query) {
        if (refs.isEmpty()) {
            return List.of();
        }
        if (query.references().isEmpty()) {
            return refs.stream().map(ImageReference::familiar).toList();
        }
        List<String> kept = new ArrayList<>(refs.size());
        for (ImageReference ref : refs) {
            if (matchesAny(query.references().get(), ref)) {
                kept.add(ref.familiar());
            }
        }
        return kept;
    }

    /** A reference matches a pattern by its familiar or canonical string, or familiar or canonical name. */
    private static boolean matchesAny(List<GoGlob> patterns, ImageReference ref) {
        for (GoGlob pattern : patterns) {
            if (pattern.matches(ref.familiar()) || pattern.matches(ref.familiarName())) {
                return true;
            }
            // Outside Docker Hub the canonical spellings are the familiar ones (the same strings).
            if (ref.canonical() != ref.familiar()
                    && (pattern.matches(ref.canonical()) || pattern.matches(ref.canonicalName()))) {
                return true;
            }
        }
        return false;
    }
}
