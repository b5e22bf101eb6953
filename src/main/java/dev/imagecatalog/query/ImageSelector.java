package dev.imagecatalog.query;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.ImageReference;
import dev.imagecatalog.query.ImageQuery.Dangling;
import dev.imagecatalog.query.ImageQuery.LabelCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Chooses the images of an answer (section 5 of the contract), in one pass over the catalog,
 * which is already in answer order (newest first, ties by id).
 */
public final class ImageSelector {

    private ImageSelector() {
    }

    public static List<ImageSummary> select(Catalog catalog, ImageQuery query) {
        return select(catalog, query, true);
    }

    /** With {@code useIndex} false, every image is visited: what the index must never change. */
    static List<ImageSummary> select(Catalog catalog, ImageQuery query, boolean useIndex) {
        List<ImageSummary> selected = new ArrayList<>();
        List<CatalogImage> images = catalog.images();
        int[] candidates = useIndex ? candidates(catalog, query) : null;
        int count = candidates == null ? images.size() : candidates.length;
        for (int i = 0; i < count; i++) {
            int position = candidates == null ? i : candidates[i];
            CatalogImage image = images.get(position);
            // 1. time filters; 2. label filters
            if (!query.inTimeBounds(image) || !labelsMatch(image, query)) {
                continue;
            }
            // 3. with a reference filter, only the matching references remain
            List<ImageReference> tags = matchingReferences(image.tags(), query);
            List<ImageReference> digests = matchingReferences(image.digests(), query);
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
            selected.add(new ImageSummary(image, position, tags, digests));
        }
        return selected;
    }

    /**
     * The positions of the images that hold every {@code label} condition of a query whose only
     * filters are such conditions (the index lists exactly those), or null for any other query:
     * then the index alone decides the answer with {@link #listedByLabels}, and no image is looked at.
     */
    public static int[] labelledAlone(Catalog catalog, ImageQuery query) {
        boolean labelsAlone = !query.labels().isEmpty() && query.absentLabels().isEmpty() && query.createdAfter().isEmpty()
                && query.createdBefore().isEmpty() && query.references().isEmpty() && query.dangling() == Dangling.ANY;
        return labelsAlone ? candidates(catalog, query) : null;
    }

    /**
     * Of the images {@link #labelledAlone} found, those the query lists: steps 1 to 3 and 5 keep
     * every one; step 4 keeps those the answer without filters lists (an image with references, or
     * without children) and, with {@code all}, the others too (no references, children: intermediate).
     *
     * @param listedUnfiltered whether the answer without filters and without {@code all} lists the image at a position
     */
    public static int[] listedByLabels(int[] labelled, ImageQuery query, IntPredicate listedUnfiltered) {
        return query.all() ? labelled : java.util.Arrays.stream(labelled).filter(listedUnfiltered).toArray();
    }

    /** The image at a position as an answer lists it without a reference filter: with every reference. */
    public static ImageSummary summaryOf(Catalog catalog, int position) {
        CatalogImage image = catalog.images().get(position);
        return new ImageSummary(image, position, image.tags(), image.digests());
    }

    /**
     * The positions of the images that may pass the label and reference filters, from the catalog's
     * index; null when the whole catalog must be visited. Every candidate is still checked in full.
     */
    static int[] candidates(Catalog catalog, ImageQuery query) {
        int[] candidates = null;
        for (LabelCondition condition : query.labels()) {
            int[] having = condition.value() == null
                    ? catalog.positionsWithLabel(condition.key())
                    : catalog.positionsWithLabel(condition.key(), condition.value());
            candidates = candidates == null ? having : intersection(candidates, having);
        }
        if (query.references().isPresent()) {
            int[] referenced = new int[0];
            for (GoGlob pattern : query.references().get()) {
                if (pattern.literalPrefix().isEmpty()) {
                    return candidates; // a pattern that starts with a wildcard can match anything
                }
                referenced = union(referenced, catalog.positionsWithReferencePrefix(pattern.literalPrefix()));
            }
            candidates = candidates == null ? referenced : intersection(candidates, referenced);
        }
        return candidates;
    }

    private static int[] intersection(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int n = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length;) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            int next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            if (i < a.length && a[i] == next) {
                i++;
            }
            if (j < b.length && b[j] == next) {
                j++;
            }
            out[n++] = next;
        }
        return java.util.Arrays.copyOf(out, n);
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

    /** The image's own list (nothing copied) unless a reference filter keeps only some. */
    private static List<ImageReference> matchingReferences(List<ImageReference> refs, ImageQuery query) {
        if (refs.isEmpty() || query.references().isEmpty()) {
            return refs;
        }
        List<ImageReference> kept = new ArrayList<>(refs.size());
        for (ImageReference ref : refs) {
            if (matchesAny(query.references().get(), ref)) {
                kept.add(ref);
            }
        }
        return kept;
    }

    /** A reference matches a pattern by its familiar or canonical string, or familiar or canonical name. */
    private static boolean matchesAny(List<GoGlob> patterns, ImageReference ref) {
        for (GoGlob pattern : patterns) {
            // Each name is the start of its full string: matched in place, nothing cut out.
            if (pattern.matches(ref.familiar()) || pattern.matches(ref.familiar(), ref.familiarNameLength())) {
                return true;
            }
            // Outside Docker Hub the canonical spellings are the familiar ones (the same strings).
            if (ref.canonical() != ref.familiar()
                    && (pattern.matches(ref.canonical()) || pattern.matches(ref.canonical(), ref.canonicalNameLength()))) {
                return true;
            }
        }
        return false;
    }
}
