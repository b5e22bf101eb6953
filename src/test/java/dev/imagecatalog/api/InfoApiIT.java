package dev.imagecatalog.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP tests against the packaged application (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class InfoApiIT extends InfoApiTest {
}
