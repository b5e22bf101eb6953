package dev.imagecatalog.api.http;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every route of the daemon that changes something (moby 28.x, API 1.51: the POST, PUT and DELETE
 * routes of api/server/router/*), refused as a daemon's authorization plugin refuses a call:
 * {@code 403 {"message":"authorization denied by plugin image-catalog: ..."}} naming the operation,
 * so that {@code docker rmi x} prints one clear line instead of a {@code page not found} that reads
 * like a wrong address. A path no daemon serves stays {@code 404 page not found}.
 */
public final class ReadOnlyRoutes {

    /** The plugin name a refusal is given in (pkg/authorization: "authorization denied by plugin %s: %s"). */
    static final String PLUGIN = "image-catalog";

    /** A write route: method, path (after any version prefix, as the daemon's router matches it) and the operation's name. */
    record WriteRoute(String method, Pattern path, String operation) {
    }

    private static final String NAME = "[^?]+"; // {name:.*}: any name, slashes included
    private static final String ID = "[^/]+";   // {id}: one segment

    private static final List<WriteRoute> ROUTES = List.of(
            // images
            route("POST", "/images/create", "image pull"),
            route("POST", "/images/load", "image load"),
            route("POST", "/images/prune", "image prune"),
            route("POST", "/images/" + NAME + "/push", "image push"),
            route("POST", "/images/" + NAME + "/tag", "image tag"),
            route("DELETE", "/images/" + NAME, "image remove"),
            // containers and exec
            route("POST", "/containers/create", "container create"),
            route("POST", "/containers/prune", "container prune"),
            route("POST", "/containers/" + NAME + "/(kill|pause|unpause|restart|start|stop|wait|resize|attach|rename|update)",
                    "container %s"),
            route("POST", "/containers/" + NAME + "/exec", "container exec"),
            route("POST", "/containers/" + NAME + "/checkpoints", "checkpoint create"),
            route("DELETE", "/containers/" + NAME + "/checkpoints/" + ID, "checkpoint remove"),
            route("PUT", "/containers/" + NAME + "/archive", "container copy"),
            route("DELETE", "/containers/" + NAME, "container remove"),
            route("POST", "/commit", "container commit"),
            route("POST", "/exec/" + NAME + "/(start|resize)", "exec %s"),
            // build
            route("POST", "/build", "image build"),
            route("POST", "/build/prune", "builder prune"),
            route("POST", "/build/cancel", "build cancel"),
            // volumes and networks
            route("POST", "/volumes/create", "volume create"),
            route("POST", "/volumes/prune", "volume prune"),
            route("PUT", "/volumes/" + NAME, "volume update"),
            route("DELETE", "/volumes/" + NAME, "volume remove"),
            route("POST", "/networks/create", "network create"),
            route("POST", "/networks/prune", "network prune"),
            route("POST", "/networks/" + NAME + "/(connect|disconnect)", "network %s"),
            route("DELETE", "/networks/" + NAME, "network remove"),
            // the daemon itself: registries, plugins, swarm, sessions
            route("POST", "/auth", "login"),
            route("POST", "/plugins/pull", "plugin install"),
            route("POST", "/plugins/create", "plugin create"),
            route("POST", "/plugins/" + NAME + "/(enable|disable|push|upgrade|set)", "plugin %s"),
            route("DELETE", "/plugins/" + NAME, "plugin remove"),
            route("POST", "/swarm/(init|join|leave|update|unlock)", "swarm %s"),
            route("POST", "/services/create", "service create"),
            route("POST", "/services/" + ID + "/update", "service update"),
            route("DELETE", "/services/" + ID, "service remove"),
            route("POST", "/nodes/" + ID + "/update", "node update"),
            route("DELETE", "/nodes/" + ID, "node remove"),
            route("POST", "/secrets/create", "secret create"),
            route("POST", "/secrets/" + ID + "/update", "secret update"),
            route("DELETE", "/secrets/" + ID, "secret remove"),
            route("POST", "/configs/create", "config create"),
            route("POST", "/configs/" + ID + "/update", "config update"),
            route("DELETE", "/configs/" + ID, "config remove"),
            route("POST", "/session", "session"),
            route("POST", "/grpc", "grpc session"));

    private ReadOnlyRoutes() {
    }

    private static WriteRoute route(String method, String path, String operation) {
        return new WriteRoute(method, Pattern.compile(path), operation);
    }

    /**
     * The refusal of a request, or null when it is no write route of the daemon.
     *
     * @param path decoded, without the base path and version prefix
     */
    public static String refusal(String method, String path) {
        for (WriteRoute route : ROUTES) {
            if (route.method().equals(method)) {
                var matcher = route.path().matcher(path);
                if (matcher.matches()) {
                    String operation = matcher.groupCount() > 0 && route.operation().contains("%s")
                            ? route.operation().formatted(matcher.group(matcher.groupCount()))
                            : route.operation();
                    return "authorization denied by plugin " + PLUGIN + ": " + operation + " (" + method + " " + path
                            + ") is refused: the image catalog is read-only";
                }
            }
        }
        return null;
    }
}
