package dev.imagecatalog.api.http;

/**
 * The route a request path belongs to, as a template: what metrics label a request with. A fixed,
 * small set, whatever a client sends, so that no request can add a time series: bare and
 * version-prefixed paths alike, an image's name never, and one value for everything else.
 */
enum RouteTemplate {
    LIST_IMAGES("/images/json"),
    INSPECT_IMAGE("/images/{name}/json"),
    PING("/_ping"),
    VERSION("/version"),
    INFO("/info"),
    SYSTEM_DF("/system/df"),
    OTHER("other");

    final String label;

    RouteTemplate(String label) {
        this.label = label;
    }

    /** The template of a raw request path (escapes decoded, then the base path and version prefix set aside). */
    static RouteTemplate of(String rawPath, ApiPaths paths) {
        if (rawPath == null) {
            return OTHER;
        }
        if (rawPath.equals("/images/json")) {
            return LIST_IMAGES; // most requests: nothing to look at
        }
        String path = paths.routed(rawPath).path();
        return switch (path) {
            case "/images/json" -> LIST_IMAGES;
            case "/_ping" -> PING;
            case "/version" -> VERSION;
            case "/info" -> INFO;
            case "/system/df" -> SYSTEM_DF;
            default -> RequestPath.imageNameIn(path) != null ? INSPECT_IMAGE : OTHER;
        };
    }
}
