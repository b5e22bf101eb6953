package dev.imagecatalog.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The same HTTP tests against the packaged application (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
@TestProfile(VectorsCatalog.class)
class ImagesApiIT extends ImagesApiTest {
}
