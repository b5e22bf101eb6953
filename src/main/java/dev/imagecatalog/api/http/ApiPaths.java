package dev.imagecatalog.api.http;

import dev.imagecatalog.api.json.ApiVersion;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How a path reaches a route: the configured base path (an API Gateway stage such as {@code /prod})
 * is removed, then a version prefix ({@code /v1.41}) is read. Every route answers bare (as the
 * current version) and under a version prefix.
 */
@Singleton
public class ApiPaths {

    private static final Pattern PREFIXED = Pattern.compile("/v([0-9.]+)(/.*)");

    /** A path under a version prefix: the version and the rest of the path. */
    public record Versioned(ApiVersion version, String rest) {
    }

    private final Optional<String> basePath;

    ApiPaths(@ConfigProperty(name = "api.base-path") Optional<String> basePath) {
        this.basePath = basePath.map(p -> p.startsWith("/") ? p : "/" + p).map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
                .filter(p -> !p.isEmpty());
    }

    /** The path without the base path, when it starts with it as a whole segment; else null. */
    public String withoutBase(String path) {
        if (basePath.isPresent() && path.startsWith(basePath.get()) && path.startsWith("/", basePath.get().length())) {
            return path.substring(basePath.get().length());
        }
        return null;
    }

    /** A request path as the routes see it: the path after any base path and version prefix; the version, or null when bare. */
    public record Routed(ApiVersion version, String path) {
    }

    /** A raw request path with its escapes decoded, the base path and then the version prefix set aside. */
    public Routed routed(String rawPath) {
        String path = CleanPath.decode(rawPath);
        String withoutBase = withoutBase(path);
        if (withoutBase != null) {
            path = withoutBase;
        }
        Versioned versioned = versioned(path);
        return versioned == null ? new Routed(null, path) : new Routed(versioned.version(), versioned.rest());
    }

    /** The version prefix of a path and what follows it, or null for a bare path. */
    public static Versioned versioned(String path) {
        Matcher m = PREFIXED.matcher(path);
        return m.matches() ? new Versioned(new ApiVersion(m.group(1)), m.group(2)) : null;
    }
}
