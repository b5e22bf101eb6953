package dev.imagecatalog.query;

import java.util.List;

/**
 * Which parts {@code GET /system/df} computes: all of them, or (from API 1.42) those its
 * {@code type} parameters name (moby: api/server/router/system/system_routes.go, getDiskUsage).
 */
public record DiskUsageTypes(boolean containers, boolean images, boolean volumes, boolean buildCache) {

    public static final DiskUsageTypes ALL = new DiskUsageTypes(true, true, true, true);

    /**
     * @param typeParameter whether the requested API version reads {@code type} (1.42 and later)
     * @throws InvalidQueryException for a type the daemon does not know, in its words
     */
    public static DiskUsageTypes from(QueryParameters params, boolean typeParameter) {
        List<String> types = typeParameter ? params.all("type") : List.of();
        if (types.isEmpty()) {
            return ALL;
        }
        boolean containers = false;
        boolean images = false;
        boolean volumes = false;
        boolean buildCache = false;
        for (String type : types) {
            switch (type) {
                case "container" -> containers = true;
                case "image" -> images = true;
                case "volume" -> volumes = true;
                case "build-cache" -> buildCache = true;
                default -> throw new InvalidQueryException("unknown object type: " + type);
            }
        }
        return new DiskUsageTypes(containers, images, volumes, buildCache);
    }

    /** A small number naming this set of parts (for keeping one answer per set). */
    public int bits() {
        return (containers ? 1 : 0) | (images ? 2 : 0) | (volumes ? 4 : 0) | (buildCache ? 8 : 0);
    }
}
