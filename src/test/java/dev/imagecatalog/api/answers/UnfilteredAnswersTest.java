package dev.imagecatalog.api.answers;

import dev.imagecatalog.api.json.ApiVersion;
import dev.imagecatalog.api.json.ResponseShape;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The answer most first requests ask for is rendered ahead of them; the others on first use. A
 * profile of its own, so that the application starts afresh: no other test has asked for anything.
 */
@QuarkusTest
@TestProfile(UnfilteredAnswersTest.FreshStart.class)
class UnfilteredAnswersTest {

    public static class FreshStart implements QuarkusTestProfile {
    }

    @Inject
    UnfilteredAnswers answers;

    @Inject
    ServingForm form;

    @Test
    void theDefaultAnswerIsRenderedWithoutARequestExceptOnLambda() throws InterruptedException {
        long deadline = System.nanoTime() + (form.lambda() ? 1_000_000_000L : 20_000_000_000L);
        while (!answers.isRendered(UnfilteredAnswers.DEFAULT_SHAPE, false) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(!form.lambda(), answers.isRendered(UnfilteredAnswers.DEFAULT_SHAPE, false),
                "rendered in the background at startup, unless on AWS Lambda (billed, frozen between invocations)");
        assertFalse(answers.isRendered(ResponseShape.V1_23, true), "no other answer is made before it is asked for");
        String stored = given().when().get("/images/json").then().statusCode(200).extract().asString();
        given().when().get("/v" + ApiVersion.CURRENT + "/images/json").then().statusCode(200)
                .body(org.hamcrest.Matchers.equalTo(stored));
        given().when().get("/v1.23/images/json?all=1").then().statusCode(200);
        assertTrue(answers.isRendered(ResponseShape.V1_23, true), "rendered on first use, then kept");
    }
}
