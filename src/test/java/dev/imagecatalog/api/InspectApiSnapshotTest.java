package dev.imagecatalog.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same HTTP tests on the same catalog compiled into a snapshot: the answers must not change. */
@QuarkusTest
@TestProfile(SnapshotCatalogs.Vectors.class)
class InspectApiSnapshotTest extends InspectApiTest {
}
