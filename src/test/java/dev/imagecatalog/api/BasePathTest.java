package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code api.base-path} (an API Gateway stage), paths are accepted with and without it. */
@QuarkusTest
@TestProfile(BasePathTest.Stage.class)
class BasePathTest {

    public static class Stage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("api.base-path", "prod/");
        }
    }

    @Test
    void acceptsTheBasePathBeforeAVersion() {
        given().when().get("/prod/v1.41/images/json").then().statusCode(200).body("[0].VirtualSize", equalTo(52428800));
        given().when().get("/prod/images/json?filter=ubuntu").then().statusCode(200).body("$", hasSize(2));
        given().when().get("/prod/_ping").then().statusCode(200).body(equalTo("OK"));
        given().when().get("/images/json?filter=ubuntu").then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void theBasePathIsRemovedOnlyAsAWholeSegment() {
        given().when().get("/production/images/json").then().statusCode(404).body("message", equalTo("page not found"));
        given().when().get("/prod/v1.12/images/json").then().statusCode(400);
    }
}
