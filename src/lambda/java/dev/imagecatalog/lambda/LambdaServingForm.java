package dev.imagecatalog.lambda;

import dev.imagecatalog.api.answers.ServingForm;
import jakarta.inject.Singleton;

/** In the Lambda build, answers go through Quarkus's Lambda HTTP adapter. */
@Singleton
public class LambdaServingForm extends ServingForm {

    @Override
    public boolean lambda() {
        return true;
    }
}
