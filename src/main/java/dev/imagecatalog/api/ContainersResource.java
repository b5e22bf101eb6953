package dev.imagecatalog.api;

import dev.imagecatalog.api.http.Errors;
import dev.imagecatalog.api.http.RequestPath;
import dev.imagecatalog.api.json.DaemonObjectsJson;
import dev.imagecatalog.query.NotFoundException;
import dev.imagecatalog.query.QueryParameters;
import dev.imagecatalog.query.daemon.ContainerListQuery;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The container routes a client reads, on a daemon that has no containers: {@code GET
 * /containers/json} is {@code []} once its parameters pass the daemon's checks, and every route of
 * one container is the daemon's {@code No such container} (after the checks the daemon makes
 * before it looks the container up: moby 28.x api/server/router/container/container_routes.go).
 */
@Path("/")
@NonBlocking
public class ContainersResource {

    @GET
    @Path("containers/json")
    public Response list(@Context RoutingContext routing) {
        ContainerListQuery.check(RequestPath.query(routing));
        return Response.ok(DaemonObjectsJson.emptyList(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("containers/{name: .+}/{part: json|top|stats|changes|export}")
    public Response container(@Encoded @PathParam("name") String name) {
        throw noSuchContainer(name);
    }

    @GET
    @Path("containers/{name: .+}/attach/ws")
    public Response attach(@Encoded @PathParam("name") String name) {
        throw noSuchContainer(name);
    }

    @GET
    @Path("containers/{name: .+}/logs")
    public Response logs(@Encoded @PathParam("name") String name, @Context RoutingContext routing) {
        QueryParameters params = RequestPath.query(routing);
        if (!params.bool("stdout") && !params.bool("stderr")) {
            return Errors.response(400, "Bad parameters: you must choose at least one stream");
        }
        throw noSuchContainer(name);
    }

    @GET
    @Path("containers/{name: .+}/archive")
    public Response archive(@Encoded @PathParam("name") String name, @Context RoutingContext routing) {
        if (RequestPath.query(routing).first("path").orElse("").isEmpty()) {
            return Errors.response(400, "bad parameter: pathcannot be empty"); // sic: the daemon's words
        }
        throw noSuchContainer(name);
    }

    @HEAD
    @Path("containers/{name: .+}/archive")
    public Response archiveHead(@Encoded @PathParam("name") String name, @Context RoutingContext routing) {
        return archive(name, routing);
    }

    @GET
    @Path("exec/{id: .+}/json")
    public Response exec(@Encoded @PathParam("id") String id) {
        throw new NotFoundException("No such exec instance: " + id);
    }

    private static NotFoundException noSuchContainer(String name) {
        return new NotFoundException("No such container: " + name);
    }
}
