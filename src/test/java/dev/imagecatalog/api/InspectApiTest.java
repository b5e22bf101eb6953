package dev.imagecatalog.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Image Inspect on the list-form vectors: the zero values a daemon shows for what a listing does not say. */
@QuarkusTest
@TestProfile(VectorsCatalog.class)
class InspectApiTest extends InspectApiContract {

    @Override
    boolean inspectForm() {
        return false;
    }

    @Test
    void aListFormEntryGetsTheDaemonsZeroValues() {
        get("/v1.43/images/ubuntu:14.04/json").statusCode(200)
                .body("Created", equalTo("2014-05-13T17:00:00Z"))
                .body("Architecture", equalTo("")).body("Author", equalTo("")).body("Comment", equalTo(""))
                .body("Container", equalTo("")).body("DockerVersion", equalTo(""))
                .body("GraphDriver.Name", equalTo("")).body("GraphDriver.Data", nullValue())
                .body("RootFS.Type", equalTo("layers"))
                .body("Metadata.LastTagTime", equalTo("0001-01-01T00:00:00Z"))
                .body("Config.Cmd", nullValue()).body("Config.Tty", equalTo(false)).body("Config.User", equalTo(""))
                .body("ContainerConfig.Labels", nullValue())
                .body("VirtualSize", equalTo(1000));
        get("/images/sha256:9de6/json").statusCode(200).body("Config.Labels", equalTo(java.util.Map.of()))
                .body("RepoTags", equalTo(java.util.List.of())).body("RepoDigests", equalTo(java.util.List.of()));
        get("/images/4e9b/json").statusCode(200).body("Config.Labels", nullValue());
    }
}
