package dev.imagecatalog.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The inspect-form Image Inspect tests against the packaged application (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
@TestProfile(VectorsInspectCatalog.class)
class InspectApiInspectFormIT extends InspectApiInspectFormTest {
}
