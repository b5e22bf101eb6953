package dev.imagecatalog.api;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every route answers bare ({@code /images/json}, served as the current version) and under a version
 * prefix ({@code /v1.41/images/json}). The prefix is checked and removed here, before routing, and
 * the version is left on the request for the resources.
 */
public class VersionPrefix {

    private static final String KEY = ApiVersion.class.getName();
    private static final Pattern PREFIXED = Pattern.compile("/v([0-9.]+)(/.*)");

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> strip(ContainerRequestContext request, RoutingContext routing) {
        Matcher m = PREFIXED.matcher(request.getUriInfo().getPath());
        if (!m.matches()) {
            return Optional.empty();
        }
        ApiVersion version = new ApiVersion(m.group(1));
        String unsupported = version.unsupportedMessage();
        if (unsupported != null) {
            return Optional.of(Errors.response(400, unsupported));
        }
        routing.put(KEY, version);
        request.setRequestUri(request.getUriInfo().getRequestUriBuilder().replacePath(m.group(2)).build());
        return Optional.empty();
    }

    /** The version of this request: its prefix, or the current version for a bare path. */
    public static ApiVersion of(RoutingContext routing) {
        ApiVersion version = routing.get(KEY);
        return version != null ? version : ApiVersion.CURRENT;
    }
}
