package dev.imagecatalog.api;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads the path before routing. Every route answers bare ({@code /images/json}, served as the
 * current version) and under a version prefix ({@code /v1.41/images/json}): the prefix is checked
 * and removed here, and the version is left on the request for the resources. Before that, the
 * configured base path (an API Gateway stage such as {@code /prod}), if any, is removed.
 */
public class RequestPath {

    private static final String KEY = ApiVersion.class.getName();
    private static final Pattern PREFIXED = Pattern.compile("/v([0-9.]+)(/.*)");

    private final Optional<String> basePath;

    RequestPath(@ConfigProperty(name = "api.base-path") Optional<String> basePath) {
        this.basePath = basePath.map(p -> p.startsWith("/") ? p : "/" + p).map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
                .filter(p -> !p.isEmpty());
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> route(ContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        boolean rewrite = false;
        if (basePath.isPresent() && path.startsWith(basePath.get() + "/")) {
            path = path.substring(basePath.get().length());
            rewrite = true;
        }
        Matcher m = PREFIXED.matcher(path);
        if (m.matches()) {
            ApiVersion version = new ApiVersion(m.group(1));
            String unsupported = version.unsupportedMessage();
            if (unsupported != null) {
                return Optional.of(Errors.response(400, unsupported));
            }
            routing.put(KEY, version);
            path = m.group(2);
            rewrite = true;
        }
        if (rewrite) {
            request.setRequestUri(request.getUriInfo().getRequestUriBuilder().replacePath(path).build());
        }
        return Optional.empty();
    }

    /** The version of this request: its prefix, or the current version for a bare path. */
    public static ApiVersion version(RoutingContext routing) {
        ApiVersion version = routing.get(KEY);
        return version != null ? version : ApiVersion.CURRENT;
    }
}
