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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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
     * one the contract lists (section 2); the engine component's {@code Details} holds the same facts and
     * {@code Experimental} in a Go map, hence in key order. docker-py needs {@code ApiVersion}; the CLI
     * shows the rest.
     */
    private static byte[] versionJson(String appVersion, HostFacts host) {
        Map<String, String> engine = new LinkedHashMap<>(); // in the struct's order
        engine.put("ApiVersion", ApiVersion.CURRENT.text());
        engine.put("MinAPIVersion", ApiVersion.MIN.text());
        engine.put("GitCommit", "");
        engine.put("GoVersion", "java" + Runtime.version());
        engine.put("Os", "linux");
        engine.put("Arch", host.goArch);
        engine.put("KernelVersion", host.kernelVersion);
        engine.put("BuildTime", "");
        Map<String, String> details = new TreeMap<>(engine);
        details.put("Experimental", "false");
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
            for (Map.Entry<String, String> fact : details.entrySet()) {
                json.writeStringField(fact.getKey(), fact.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeStringField("Version", appVersion);
            for (Map.Entry<String, String> fact : engine.entrySet()) {
                json.writeStringField(fact.getKey(), fact.getValue());
            }
            json.writeEndObject();
        });
    }
}
