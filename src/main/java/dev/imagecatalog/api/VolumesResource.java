package dev.imagecatalog.api;

import dev.imagecatalog.api.http.RequestPath;
import dev.imagecatalog.api.json.DaemonObjectsJson;
import dev.imagecatalog.query.NotFoundException;
import dev.imagecatalog.query.daemon.VolumeListQuery;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /volumes} and {@code GET /volumes/{name}} on a daemon that has no volumes. */
@Path("/volumes")
@NonBlocking
public class VolumesResource {

    @GET
    public Response list(@Context RoutingContext routing) {
        VolumeListQuery.check(RequestPath.query(routing));
        return Response.ok(DaemonObjectsJson.noVolumes(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{name: .+}")
    public Response volume(@Encoded @PathParam("name") String name) {
        throw new NotFoundException("get " + name + ": no such volume"); // volume/service/errors.go OpErr
    }
}
