package dev.imagecatalog.api.answers;

import dev.imagecatalog.api.json.DockerJson;
import dev.imagecatalog.api.json.ResponseShape;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.query.DiskUsageTypes;
import dev.imagecatalog.query.ImageSummary;
import dev.imagecatalog.query.LayerSharing;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of {@code GET /system/df} for one catalog: fixed for as long as it is served, so the
 * answer with every part (what every client asks for: the docker CLI, docker-py and dockerode send
 * no {@code type}) is rendered once per response shape, stored, tagged and gzipped once, like the
 * unfiltered List Images answers, and dropped with the catalog. An answer to some {@code type}s
 * only is made for its request: kept, the 16 sets of parts could hold the images 8 times over.
 *
 * <p>The body is moby's {@code types.DiskUsage} up to API 1.51 (api/types/types.go):
 * {@code LayersSize}, {@code Images}, {@code Containers}, {@code Volumes}, {@code BuildCache}, each
 * always present; a part not asked for is {@code null} (and {@code LayersSize} 0 without images),
 * one asked for and empty is {@code []} (api/server/router/system/system_routes.go, getDiskUsage).
 * {@code BuilderSize} (below 1.42) is omitted when 0, as it always is here.
 */
public final class DiskUsageAnswers {

    private final Catalog catalog;
    private final ConcurrentHashMap<Integer, RenderedAnswer> answers = new ConcurrentHashMap<>();

    private DiskUsageAnswers(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param sharedOverAllImages whether a layer's users are all images (the daemon of API 1.42 and
     *                            later) or only those df lists (1.41 and older): {@link LayerSharing}
     */
    public static RenderedAnswer of(Catalog catalog, ResponseShape shape, DiskUsageTypes parts, boolean sharedOverAllImages) {
        DiskUsageAnswers stored = catalog.derived(DiskUsageAnswers.class, DiskUsageAnswers::new);
        if (!parts.equals(DiskUsageTypes.ALL)) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            stored.write(body, shape, parts, sharedOverAllImages);
            return RenderedAnswer.tagged(body.toByteArray());
        }
        return stored.answers.computeIfAbsent(shape.ordinal() * 2 + (sharedOverAllImages ? 1 : 0),
                key -> RenderedAnswer.stored(DockerJson.sizeHint(stored.catalog.size()),
                        out -> stored.write(out, shape, parts, sharedOverAllImages)));
    }

    /** The bytes of the stored answers of a catalog (gzip forms included). */
    static long storedBytes(Catalog catalog) {
        long bytes = 0;
        for (RenderedAnswer answer : catalog.derived(DiskUsageAnswers.class, DiskUsageAnswers::new).answers.values()) {
            bytes += answer.storedBytes();
        }
        return bytes;
    }

    /** The images the daemon lists here: those of List Images without {@code all} (daemon/disk_usage.go). */
    private List<ImageSummary> images() {
        return UnfilteredAnswers.listed(catalog, false);
    }

    private void write(OutputStream out, ResponseShape shape, DiskUsageTypes parts, boolean sharedOverAllImages) {
        List<ImageSummary> images = parts.images() ? images() : List.of();
        LayerSharing sharing = LayerSharing.of(catalog, images, sharedOverAllImages);
        DockerJson.write(out, json -> {
            json.writeStartObject();
            json.writeNumberField("LayersSize", sharing.layersSize());
            json.writeFieldName("Images");
            if (parts.images()) {
                DockerJson.diskUsageImages(json, images, sharing::sharedSize, shape);
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
        });
    }
}
