package dev.imagecatalog.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** List Images on a snapshot, against the packaged application (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
@TestProfile(SnapshotCatalogs.Vectors.class)
class ImagesApiSnapshotIT extends ImagesApiTest {
}
