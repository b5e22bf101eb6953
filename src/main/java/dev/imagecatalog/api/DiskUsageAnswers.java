package dev.imagecatalog.api;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.query.DiskUsageTypes;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.ImageSelector;
import dev.imagecatalog.query.ImageSummary;
import dev.imagecatalog.query.QueryParameters;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of {@code GET /system/df} for one catalog: fixed for as long as it is served, so each
 * (response shape, parts asked for) is rendered once, stored, tagged and gzipped once, like the
 * unfiltered List Images answers, and dropped with the catalog.
 *
 * <p>The body is moby's {@code types.DiskUsage} up to API 1.51 (api/types/types.go):
 * {@code LayersSize}, {@code Images}, {@code Containers}, {@code Volumes}, {@code BuildCache}, each
 * always present; a part not asked for is {@code null} (and {@code LayersSize} 0 without images),
 * one asked for and empty is {@code []} (api/server/router/system/system_routes.go, getDiskUsage).
 * {@code BuilderSize} (below 1.42) is omitted when 0, as it always is here.
 */
final class DiskUsageAnswers {

    private final Catalog catalog;
    private final ConcurrentHashMap<Integer, RenderedAnswer> answers = new ConcurrentHashMap<>();

    private DiskUsageAnswers(Catalog catalog) {
        this.catalog = catalog;
    }

    static RenderedAnswer of(Catalog catalog, ResponseShape shape, DiskUsageTypes parts) {
        DiskUsageAnswers stored = catalog.derived(DiskUsageAnswers.class, DiskUsageAnswers::new);
        return stored.answers.computeIfAbsent(shape.ordinal() * 16 + parts.bits(), key -> stored.render(shape, parts));
    }

    /** The images the daemon lists here: those of List Images without {@code all} (daemon/disk_usage.go). */
    private List<ImageSummary> images() {
        return ImageSelector.select(catalog, ImageQuery.from(QueryParameters.parse(""), catalog, Instant.EPOCH));
    }

    private RenderedAnswer render(ResponseShape shape, DiskUsageTypes parts) {
        List<ImageSummary> images = parts.images() ? images() : List.of();
        return RenderedAnswer.stored(DockerJson.sizeHint(images), out -> DockerJson.write(out, json -> {
            json.writeStartObject();
            json.writeNumberField("LayersSize", layersSize(images));
            json.writeFieldName("Images");
            if (parts.images()) {
                DockerJson.diskUsageImages(json, images, shape);
            } else {
                json.writeNull();
            }
            for (String part : new String[] {"Containers", "Volumes", "BuildCache"}) {
                boolean asked = switch (part) {
                    case "Containers" -> parts.containers();
                    case "Volumes" -> parts.volumes();
                    default -> parts.buildCache();
                };
                json.writeFieldName(part);
                if (asked) {
                    json.writeStartArray(); // none here: no container, volume or build cache exists
                    json.writeEndArray();
                } else {
                    json.writeNull();
                }
            }
            json.writeEndObject();
        }));
    }

    /**
     * The daemon counts each layer once. A catalog knows no layers, so no layer is known to be
     * shared: each listed image's {@code Size} counts whole (as its {@code SharedSize} of 0 says).
     */
    static long layersSize(List<ImageSummary> images) {
        long total = 0;
        for (ImageSummary image : images) {
            total += Math.max(0, image.image().size());
        }
        return total;
    }
}
