package dev.imagecatalog.query;

/**
 * What a {@code GET /images/{name}/json} asks for beyond the name: {@code manifests} (from API 1.48)
 * and {@code platform} (from 1.49), checked in moby's order.
 *
 * @param manifests whether {@code Manifests} is asked for
 * @param platform  the platform the image must match, or null
 */
public record InspectQuery(boolean manifests, Platform platform) {

    /**
     * @param readManifests whether the requested version reads {@code manifests}
     * @param readPlatform  whether the requested version reads {@code platform}
     * @throws InvalidQueryException a bad platform, or both parameters (400)
     */
    public static InspectQuery from(QueryParameters params, boolean readManifests, boolean readPlatform) {
        boolean manifests = readManifests && params.bool("manifests");
        String platformJson = params.first("platform").orElse("");
        Platform platform = readPlatform && !platformJson.isEmpty() ? Platform.parse(platformJson) : null;
        if (manifests && platform != null) {
            throw new InvalidQueryException("conflicting options: manifests and platform options cannot both be set");
        }
        return new InspectQuery(manifests, platform);
    }
}
