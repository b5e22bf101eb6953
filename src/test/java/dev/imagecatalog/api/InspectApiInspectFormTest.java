package dev.imagecatalog.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Image Inspect on the inspect-form vectors: what the catalog gives is served as given, reshaped per version. */
@QuarkusTest
@TestProfile(VectorsInspectCatalog.class)
class InspectApiInspectFormTest extends InspectApiContract {

    @Override
    boolean inspectForm() {
        return true;
    }

    @Test
    void anInspectFormEntryIsServedAsGiven() {
        get("/v1.43/images/ubuntu:14.04/json").statusCode(200)
                .body("Created", equalTo("2014-05-13T17:00:00.123456789Z"))
                .body("Architecture", equalTo("amd64")).body("DockerVersion", equalTo("20.10.7"))
                .body("GraphDriver.Name", equalTo("overlay2"))
                .body("RootFS.Layers", equalTo(List.of("sha256:bc4d6bd7ef4e9b7d5f5ba7b8e2ac1b2d2b5bd8a3b8d6c3e1c7c2b8e8b7a6f5e4")))
                .body("Metadata.LastTagTime", equalTo("2014-05-14T08:00:00.5Z"))
                .body("Config.ExposedPorts", equalTo(Map.of("80/tcp", Map.of())))
                .body("Config.Cmd", equalTo(List.of("/bin/bash")))
                .body("ContainerConfig.Tty", equalTo(false)).body("ContainerConfig.Labels", nullValue())
                .body("Descriptor", nullValue());
        get("/v1.48/images/ubuntu:14.04/json").statusCode(200)
                .body("Descriptor.size", equalTo(424)).body("Manifests", nullValue());
        get("/v1.50/images/app:1/json").statusCode(200)
                .body("Variant", equalTo("v8")).body("Architecture", equalTo("arm64")).body("Config.User", equalTo("app"));
        get("/images/sha256:9de6/json").statusCode(200)
                .body("Config.Labels", equalTo(Map.of())).body("Architecture", equalTo("")).body("Os", equalTo("linux"));
    }

    @Test
    void platformMatchesAliasesAndIgnoresTheVariant() {
        get("/images/app:1/json?" + query("platform", "{\"os\":\"linux\",\"architecture\":\"aarch64\"}")).statusCode(200);
        get("/images/app:1/json?" + query("platform", "{\"os\":\"LINUX\",\"architecture\":\"arm64\",\"variant\":\"v7\"}")).statusCode(200);
        get("/images/app:1/json?" + query("platform", "{\"os\":\"windows\",\"architecture\":\"arm64\"}")).statusCode(404);
    }
}
