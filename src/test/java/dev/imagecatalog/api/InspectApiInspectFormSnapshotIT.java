package dev.imagecatalog.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** Image Inspect on an inspect-form snapshot, against the packaged application (the jar, or the native binary). */
@QuarkusIntegrationTest
@TestProfile(SnapshotCatalogs.VectorsInspect.class)
class InspectApiInspectFormSnapshotIT extends InspectApiInspectFormTest {
}
