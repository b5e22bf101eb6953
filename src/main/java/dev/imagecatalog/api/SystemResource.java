package dev.imagecatalog.api;

import dev.imagecatalog.api.json.ApiVersion;
import dev.imagecatalog.api.json.DockerJson;
import dev.imagecatalog.api.json.HostFacts;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The daemon plumbing that clients call before anything else: {@code /_ping} and {@code /version}. */
@Path("/")
@NonBlocking
public class SystemResource {

    private static final String PING_TYPE = "text/plain; charset=utf-8";

    private final byte[] version;

    SystemResource(@ConfigProperty(name = "quarkus.application.version") String appVersion, HostFacts host) {
        this.version = versionJson(appVersion, host);
    }

    @GET
    @Path("_ping")
    public Response ping() {
        return pingHeaders(Response.ok("OK", PING_TYPE)).build();
    }

    @HEAD
    @Path("_ping")
    public Response pingHead() {
        return pingHeaders(Response.ok().type(PING_TYPE)).header("Content-Length", "0").build();
    }

    private static Response.ResponseBuilder pingHeaders(Response.ResponseBuilder response) {
        return response
                .header("Cache-Control", "no-cache, no-store, must-revalidate")
                .header("Pragma", "no-cache")
                .header("Swarm", "inactive");
    }

    @GET
    @Path("version")
    public Response version() {
        return Response.ok(version, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Fields as the daemon writes its {@code types.Version}: the struct's members in their order, every
     * one the contract lists (section 2); the engine component's {@code Details} is a Go map, hence in key
     * order, with {@code Experimental} too. docker-py needs {@code ApiVersion}; the CLI shows the rest.
     */
    private static byte[] versionJson(String appVersion, HostFacts host) {
        String os = "linux";
        String arch = host.goArch;
        String kernel = host.kernelVersion;
        String runtime = "java" + Runtime.version();
        return DockerJson.write(512, json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("Platform");
            json.writeStringField("Name", "image-catalog " + appVersion);
            json.writeEndObject();
            json.writeArrayFieldStart("Components");
            json.writeStartObject();
            json.writeStringField("Name", "Engine");
            json.writeStringField("Version", appVersion);
            json.writeObjectFieldStart("Details");
            json.writeStringField("ApiVersion", ApiVersion.CURRENT.text());
            json.writeStringField("Arch", arch);
            json.writeStringField("BuildTime", "");
            json.writeStringField("Experimental", "false");
            json.writeStringField("GitCommit", "");
            json.writeStringField("GoVersion", runtime);
            json.writeStringField("KernelVersion", kernel);
            json.writeStringField("MinAPIVersion", ApiVersion.MIN.text());
            json.writeStringField("Os", os);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeStringField("Version", appVersion);
            json.writeStringField("ApiVersion", ApiVersion.CURRENT.text());
            json.writeStringField("MinAPIVersion", ApiVersion.MIN.text());
            json.writeStringField("GitCommit", "");
            json.writeStringField("GoVersion", runtime);
            json.writeStringField("Os", os);
            json.writeStringField("Arch", arch);
            json.writeStringField("KernelVersion", kernel);
            json.writeStringField("BuildTime", "");
            json.writeEndObject();
        });
    }
}
