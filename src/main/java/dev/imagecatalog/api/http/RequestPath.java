package dev.imagecatalog.api.http;

import dev.imagecatalog.api.json.ApiVersion;

import dev.imagecatalog.query.QueryParameters;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads the path before routing. Every route answers bare ({@code /images/json}, served as the
 * current version) and under a version prefix ({@code /v1.41/images/json}): the prefix is checked
 * and removed here, and the version is left on the request for the resources. Before that, the
 * configured base path (an API Gateway stage such as {@code /prod}), if any, is removed. An Image
 * Inspect path is routed to its resource with the image's name set aside, since the name may hold
 * slashes. A method that no route of the daemon takes gets its {@code 404 page not found} here too.
 */
public class RequestPath {

    private static final String KEY = ApiVersion.class.getName();
    private static final String QUERY_KEY = QueryParameters.class.getName();
    private static final String NAME_KEY = "dev.imagecatalog.image-name";
    private static final String UNSUPPORTED_KEY = "dev.imagecatalog.unsupported-version";
    /** Where Image Inspect is routed, with its name set aside: no path a client sends (it is not clean plus /json). */
    public static final String INSPECT_PATH = "/images/inspect";
    private static final String IMAGES = "/images/";
    private static final String JSON = "/json";

    private final ApiPaths paths;

    RequestPath(ApiPaths paths) {
        this.paths = paths;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> route(ContainerRequestContext request, RoutingContext routing) {
        // Decoded here rather than by JAX-RS, so that an image name may hold %2F, %3A and %40, and routed as
        // decoded (the daemon's router matches the decoded path: /images%2Fjson is List Images). The path a
        // resource then matches is decoded once already: its path parameters are @Encoded, not decoded again.
        // A ';' is part of the path, as in Go: JAX-RS dropped what follows it as matrix parameters (before this
        // filter) from the path it would match; the rewritten one keeps it, so /info;x names no route.
        String raw = routing.request().path();
        String path = CleanPath.decode(raw);
        boolean rewrite = !path.equals(raw) || path.indexOf(';') >= 0;
        String withoutBase = paths.withoutBase(path);
        if (withoutBase != null) {
            path = withoutBase;
            rewrite = true;
        }
        ApiPaths.Versioned versioned = ApiPaths.versioned(path);
        String unsupported = null;
        if (versioned != null) {
            unsupported = versioned.version().unsupportedMessage();
            if (unsupported != null) {
                routing.put(UNSUPPORTED_KEY, unsupported); // answered once a route is matched (below)
            }
            routing.put(KEY, versioned.version());
            path = versioned.rest();
            rewrite = true;
        }
        // The daemon's routes take GET (and HEAD, on /_ping and a container's archive only); JAX-RS would answer HEAD for
        // every GET resource by itself. OPTIONS is a route of the daemon on every path (its system router's
        // NewOptionsRoute("/{anyroute:.*}")): 200 and no body, once the version is checked. (No CORS header: none is sent.)
        String method = request.getMethod();
        if (method.equals("OPTIONS")) {
            return Optional.of(unsupported != null ? Errors.response(400, unsupported) : Response.ok().build());
        }
        // No route of the daemon ends with a slash (JAX-RS would take /images/json/ for /images/json).
        boolean trailingSlash = path.length() > 1 && path.endsWith("/");
        boolean headRoute = path.equals("/_ping") || (path.startsWith("/containers/") && path.endsWith("/archive"));
        if (trailingSlash || (method.equals("HEAD") && !headRoute)) {
            return Optional.of(Errors.response(404, Errors.PAGE_NOT_FOUND));
        }
        String imageName = imageNameIn(path);
        if (imageName != null) {
            // {name} may hold slashes: the resource is reached by a fixed path, with the name beside it.
            routing.put(NAME_KEY, imageName);
            path = INSPECT_PATH;
            rewrite = true;
        }
        if (rewrite) {
            // Rewriting makes the HTTP layer decode the query, which fails on a broken escape: name it first
            // (and keep what was parsed for the resource).
            routing.put(QUERY_KEY, QueryParameters.parse(routing.request().query()));
            request.setRequestUri(pathOnly(routing, path));
        }
        return Optional.empty();
    }

    /**
     * A version out of range is answered {@code 400} on a route that exists: the daemon checks the version
     * in the middleware of its routes, so that an unknown path or method under any prefix is its
     * {@code 404 page not found} ({@code /v1.99/nope}), which the last route gives when nothing matches.
     */
    @ServerRequestFilter
    public Optional<Response> refuseUnsupportedVersion(RoutingContext routing) {
        String unsupported = routing.get(UNSUPPORTED_KEY);
        return unsupported == null ? Optional.empty() : Optional.of(Errors.response(400, unsupported));
    }

    /**
     * The rewritten request URI, for routing: only the path. The query stays as sent on the Vert.x
     * request, where ImagesResource reads it raw; a URI with it would fail on a raw brace or a broken
     * escape, which the daemon takes or reports in its own words.
     */
    private static URI pathOnly(RoutingContext routing, String path) {
        HostAndPort authority = routing.request().authority();
        try {
            return new URI(routing.request().scheme(), authority == null ? null : authority.toString(), path, null, null);
        } catch (URISyntaxException e) {
            try {
                return new URI(null, null, path, null, null); // a Host header that is no authority
            } catch (URISyntaxException cannot) {
                throw new IllegalStateException("a decoded path always makes a relative URI", cannot);
            }
        }
    }

    /**
     * The {@code {name}} of {@code /images/{name}/json}, or null for any other path. The name may
     * hold slashes ({@code localhost:5000/test/busybox:latest}); {@code /images/json} itself is List
     * Images, and {@code /images/json/json} inspects an image named {@code json}.
     */
    static String imageNameIn(String path) {
        if (path.length() > IMAGES.length() + JSON.length() && path.startsWith(IMAGES) && path.endsWith(JSON)) {
            return path.substring(IMAGES.length(), path.length() - JSON.length());
        }
        return null;
    }

    /** The image named by an Image Inspect request's path, or null when the request is not one. */
    public static String imageName(RoutingContext routing) {
        return routing.get(NAME_KEY);
    }

    /** The query parameters of this request, parsed once. */
    public static QueryParameters query(RoutingContext routing) {
        QueryParameters parsed = routing.get(QUERY_KEY);
        return parsed != null ? parsed : QueryParameters.parse(routing.request().query());
    }

    /** The version of this request: its prefix, or the current version for a bare path. */
    public static ApiVersion version(RoutingContext routing) {
        ApiVersion version = routing.get(KEY);
        return version != null ? version : ApiVersion.CURRENT;
    }
}
