package dev.imagecatalog.query;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a {@code GET /images/json} asks for, checked and resolved against the catalog: every
 * parameter rule of the contract (sections 3 and 4) lives here, and nothing here looks at an image.
 *
 * @param all               also list intermediate images
 * @param dangling          the {@code dangling} filter
 * @param labels            {@code label} conditions, all must hold
 * @param absentLabels      {@code label!} conditions, all must hold
 * @param createdAfter      keep images created strictly after this second ({@code since})
 * @param createdBefore     keep images created strictly before this second ({@code before}, {@code until})
 * @param references        the {@code reference} patterns (ORed), or empty when there is no such filter
 * @param unfiltered        no filter of either parameter: the answer depends on {@code all} alone
 * @param untilFilter       an {@code until} filter was given: the same query string may mean another
 *                          time at another moment (a duration counts back from now)
 */
public record ImageQuery(
        boolean all,
        Dangling dangling,
        List<LabelCondition> labels,
        List<LabelCondition> absentLabels,
        OptionalLong createdAfter,
        OptionalLong createdBefore,
        Optional<List<GoGlob>> references,
        boolean unfiltered,
        boolean untilFilter) {

    /** Filter names accepted at every API version. */
    public static final Set<String> FILTER_NAMES = Set.of("dangling", "label", "label!", "before", "since", "reference", "until");

    public enum Dangling {
        /** No {@code dangling} filter. */
        ANY,
        /** {@code dangling=true}: only untagged images without children. */
        ONLY,
        /** {@code dangling=false}: only images that have references. */
        NONE
    }

    /** {@code key} (present) or {@code key=value} (split at the first {@code =}). */
    public record LabelCondition(String key, String value) {
        static LabelCondition parse(String text) {
            int eq = text.indexOf('=');
            return eq < 0 ? new LabelCondition(text, null) : new LabelCondition(text.substring(0, eq), text.substring(eq + 1));
        }

        /** {@code label}: the key is there (with that value). An image without labels never holds it. */
        boolean holds(Map<String, String> labels) {
            if (labels == null || labels.isEmpty()) {
                return false;
            }
            String actual = labels.get(key);
            return actual != null && (value == null || value.equals(actual));
        }
    }

    public ImageQuery {
        labels = List.copyOf(labels);
        absentLabels = List.copyOf(absentLabels);
    }

    /**
     * Reads the parameters of a request.
     *
     * @param now the reference time of {@code until} durations
     * @throws InvalidQueryException                            a bad parameter (400)
     * @throws dev.imagecatalog.catalog.InvalidReferenceException a malformed {@code before}/{@code since} (400)
     * @throws dev.imagecatalog.catalog.NoSuchImageException     a {@code before}/{@code since} image not found (404)
     */
    public static ImageQuery from(QueryParameters params, Catalog catalog, Instant now) {
        FilterArgs filters = FilterArgs.parse(params.first("filters").orElse(""));
        filters.acceptOnly(FILTER_NAMES);
        Dangling dangling = dangling(filters);
        // The daemon's order, which decides which error a request with two bad filters gets: dangling, before,
        // until, since, and only then the reference patterns (moby's graphdriver image store, the contract's
        // daemon: daemon/images/image_list.go; the containerd store checks before, since, until, then dangling).
        // Several values: the oldest "before" and the newest "since" count; "until" is one more "before".
        OptionalLong createdBefore = OptionalLong.empty();
        for (String name : filters.get("before")) {
            createdBefore = earlier(createdBefore, ImageNames.resolve(catalog, name).created());
        }
        for (String value : filters.get("until")) {
            createdBefore = earlier(createdBefore, UntilTime.ceilSeconds(UntilTime.parse(value, now)));
        }
        OptionalLong createdAfter = OptionalLong.empty();
        for (String name : filters.get("since")) {
            long created = ImageNames.resolve(catalog, name).created();
            createdAfter = OptionalLong.of(createdAfter.isEmpty() ? created : Math.max(createdAfter.getAsLong(), created));
        }
        String legacyFilter = params.first("filter").orElse("");
        Optional<List<GoGlob>> references = references(filters, legacyFilter);
        return new ImageQuery(
                params.bool("all"),
                dangling,
                filters.get("label").stream().map(LabelCondition::parse).toList(),
                filters.get("label!").stream().map(LabelCondition::parse).toList(),
                createdAfter,
                createdBefore,
                references,
                filters.names().isEmpty() && legacyFilter.isEmpty(),
                filters.contains("until"));
    }

    private static Dangling dangling(FilterArgs filters) {
        if (!filters.contains("dangling")) {
            return Dangling.ANY;
        }
        Set<String> values = filters.get("dangling");
        if (values.size() == 1) {
            switch (values.iterator().next()) {
                case "true", "1":
                    return Dangling.ONLY;
                case "false", "0":
                    return Dangling.NONE;
                default:
                    break;
            }
        }
        throw filters.invalidValue("dangling");
    }

    /** The legacy {@code filter} parameter is one more pattern, unless {@code filters} has a {@code reference} key. */
    private static Optional<List<GoGlob>> references(FilterArgs filters, String legacyFilter) {
        if (filters.contains("reference")) {
            List<GoGlob> patterns = new ArrayList<>();
            for (String pattern : filters.get("reference")) {
                patterns.add(GoGlob.compile(pattern));
            }
            return Optional.of(List.copyOf(patterns));
        }
        if (!legacyFilter.isEmpty()) {
            return Optional.of(List.of(GoGlob.compile(legacyFilter)));
        }
        return Optional.empty();
    }

    private static OptionalLong earlier(OptionalLong bound, long second) {
        return OptionalLong.of(bound.isEmpty() ? second : Math.min(bound.getAsLong(), second));
    }

    /** Images of the same second as a bound are neither before nor after it. */
    boolean inTimeBounds(CatalogImage image) {
        return (createdAfter.isEmpty() || image.created() > createdAfter.getAsLong())
                && (createdBefore.isEmpty() || image.created() < createdBefore.getAsLong());
    }
}
