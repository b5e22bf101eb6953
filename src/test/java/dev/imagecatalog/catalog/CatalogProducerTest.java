package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogProducerTest {

    @Test
    void aRelativePathIsInTheLambdaTaskRoot() {
        assertEquals(Path.of("/var/task/catalog.json"), CatalogProducer.resolve(Path.of("catalog.json"), "/var/task"));
    }

    @Test
    void otherPathsAreTakenAsGiven() {
        assertEquals(Path.of("/data/catalog.json"), CatalogProducer.resolve(Path.of("/data/catalog.json"), "/var/task"));
        assertEquals(Path.of("catalog.json"), CatalogProducer.resolve(Path.of("catalog.json"), null));
        assertEquals(Path.of("catalog.json"), CatalogProducer.resolve(Path.of("catalog.json"), " "));
    }
}
