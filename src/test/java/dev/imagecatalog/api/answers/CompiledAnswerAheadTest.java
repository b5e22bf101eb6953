package dev.imagecatalog.api.answers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imagecatalog.api.SnapshotCatalogs;
import dev.imagecatalog.catalog.ServedCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's compiled default answer is read and checked in the background at start, as a JSON
 * catalog's is rendered, so that the first request waits for less of it; not on AWS Lambda. The
 * background check of the other sections is off here ({@code on-use}), so only that can read it.
 */
@QuarkusTest
@TestProfile(CompiledAnswerAheadTest.SnapshotCheckedOnUse.class)
class CompiledAnswerAheadTest {

    public static class SnapshotCheckedOnUse extends SnapshotCatalogs.Vectors {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("catalog.snapshot-check", "on-use");
            return config;
        }
    }

    @Inject
    ServedCatalog served;

    @Inject
    ServingForm form;

    @Test
    void theCompiledAnswerIsReadWithoutARequestExceptOnLambda() throws InterruptedException {
        long deadline = System.nanoTime() + (form.lambda() ? 1_000_000_000L : 20_000_000_000L);
        while (!served.current().compiledDefaultAnswer().isRead() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(!form.lambda(), served.current().compiledDefaultAnswer().isRead(),
                "read in the background at startup, unless on AWS Lambda (billed, frozen between invocations)");
        given().when().get("/images/json").then().statusCode(200).header("ETag", served.current().compiledDefaultAnswer().tag());
    }
}
