package dev.imagecatalog.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same abuse against the packaged application, started through dev.imagecatalog.Main as users start it. */
@QuarkusIntegrationTest
class HttpAbuseIT extends HttpAbuseTest {
}
