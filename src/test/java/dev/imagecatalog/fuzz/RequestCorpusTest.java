package dev.imagecatalog.fuzz;

import dev.imagecatalog.api.VectorsCatalog;
import dev.imagecatalog.http.AnswerRules;
import dev.imagecatalog.http.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** The regression corpus of the request fuzzer, replayed on every test run (RequestFuzzIT replays it too, on the jar). */
@QuarkusTest
@TestProfile(VectorsCatalog.class)
@DisabledIfSystemProperty(named = "serving.form", matches = "lambda")
class RequestCorpusTest {

    /** An image list, an image, a move to the clean path or a message, by what each target asks for. */
    @Test
    void everyTargetOfTheCorpusGetsTheAnswerItAsksFor() throws IOException {
        RawHttp http = new RawHttp("localhost", RestAssured.port);
        for (String target : RegressionCorpus.requestTargets()) {
            AnswerRules.assertAnswer(target, target, "", http.get(target.getBytes(StandardCharsets.ISO_8859_1)));
        }
    }
}
