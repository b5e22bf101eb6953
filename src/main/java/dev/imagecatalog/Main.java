package dev.imagecatalog;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the service, or runs {@code compile-catalog IN OUT} ({@link CompileCatalog}) without starting it. */
@QuarkusMain
public class Main {

    /**
     * Quarkus's HTTP layer refuses, with an empty {@code 400}, every request target that
     * {@code java.net.URI} cannot parse, before any of our code runs: a raw {@code {} or {@code "} in
     * a query (which the daemon takes), a broken {@code %} escape (which the daemon names in its
     * error). Turned off here, so that such requests reach our own checks and get the daemon's
     * answer or a {@code {"message"}} error ({@code EdgeRoutes}, {@code QueryParameters}).
     */
    public static final String URI_CHECK_OFF = "vertx.disableURIValidation";

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals(CompileCatalog.COMMAND)) {
            System.exit(CompileCatalog.run(args));
        }
        System.setProperty(URI_CHECK_OFF, "true");
        Quarkus.run(args);
    }
}
