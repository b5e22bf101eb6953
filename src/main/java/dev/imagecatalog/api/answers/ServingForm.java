package dev.imagecatalog.api.answers;

import io.quarkus.arc.DefaultBean;
import jakarta.inject.Singleton;

/**
 * How answers leave the process: through Quarkus's HTTP server here; the {@code lambda} build
 * replaces this bean (src/lambda/java) because AWS Lambda's HTTP adapter has limits of its own.
 */
@Singleton
@DefaultBean
public class ServingForm {

    /** Whether answers go through AWS Lambda's HTTP adapter (6 MB cap, no gzip bodies). */
    public boolean lambda() {
        return false;
    }
}
