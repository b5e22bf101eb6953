package dev.imagecatalog.api;

import dev.imagecatalog.api.http.RequestPath;
import dev.imagecatalog.api.json.DaemonObjectsJson;
import dev.imagecatalog.query.daemon.DaemonNetwork;
import dev.imagecatalog.query.daemon.NetworkQuery;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /networks} and {@code GET /networks/{id}}: the networks every Linux daemon has from its
 * start ({@code bridge}, {@code host}, {@code none}), none in use, created when this service started.
 * A daemon never lists no network; {@code docker network ls} shows these three on a fresh one.
 */
@Path("/networks")
@NonBlocking
public class NetworksResource {

    /** Created when the process started, as a daemon creates them at its start (not at the first request). */
    private final List<DaemonNetwork> networks = DaemonNetwork.defaults(
            ProcessHandle.current().info().startInstant().orElseGet(Instant::now));

    @GET
    public Response list(@Context RoutingContext routing) {
        List<DaemonNetwork> shown = NetworkQuery.select(RequestPath.query(routing), networks);
        return Response.ok(DaemonObjectsJson.networks(shown), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id: .+}")
    public Response network(@Encoded @PathParam("id") String id, @Context RoutingContext routing) {
        DaemonNetwork network = NetworkQuery.find(id, RequestPath.query(routing), networks);
        return Response.ok(DaemonObjectsJson.network(network), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
