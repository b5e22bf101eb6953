package dev.imagecatalog.query.daemon;

import dev.imagecatalog.query.FilterArgs;
import dev.imagecatalog.query.InvalidQueryException;
import dev.imagecatalog.query.QueryParameters;
import java.util.Set;

/**
 * {@code GET /volumes} on a daemon without volumes: its {@code filters} checked as the daemon checks
 * them (moby 28.x: api/server/router/volume/volume_routes.go, volume/service/convert.go filtersToBy).
 */
public final class VolumeListQuery {

    static final Set<String> ACCEPTED = Set.of("dangling", "name", "driver", "label");

    private VolumeListQuery() {
    }

    /** @throws InvalidQueryException 400, in the daemon's words */
    public static void check(QueryParameters params) {
        FilterArgs filters;
        try {
            filters = FilterArgs.parse(params.first("filters").orElse(""));
        } catch (InvalidQueryException e) {
            throw new InvalidQueryException("error reading volume filters: " + e.getMessage());
        }
        filters.acceptOnly(ACCEPTED);
        filters.boolOrDefault("dangling", false);
    }
}
