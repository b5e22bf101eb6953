package dev.imagecatalog;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogException;
import dev.imagecatalog.catalog.CatalogSource;
import dev.imagecatalog.api.answers.UnfilteredAnswers;
import dev.imagecatalog.catalog.snapshot.Snapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code compile-catalog IN OUT}: checks a catalog file (either form) by every rule of the catalog
 * format and writes it as a snapshot, which the service then opens without parsing JSON, with the
 * answer most first requests ask for (no filters, the current version) rendered into it. A catalog
 * that cannot be served is refused with the same one line as at startup, and exit status 1.
 */
public final class CompileCatalog {

    public static final String COMMAND = "compile-catalog";

    private CompileCatalog() {
    }

    /** Runs the command; returns the exit status (0 compiled, 1 refused, 2 used wrongly). */
    public static int run(String... args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("usage: " + COMMAND + " CATALOG.json SNAPSHOT");
            return 2;
        }
        Path in = Path.of(args[1]);
        Path target = Path.of(args[2]);
        long start = System.nanoTime();
        try {
            Catalog catalog = CatalogSource.loadFile(in);
            long bytes = Snapshot.write(catalog, UnfilteredAnswers.compiledAnswer(catalog), target);
            out.printf("Compiled %d images from %s into %s (%d bytes) in %d ms%n", catalog.size(), in, target, bytes,
                    (System.nanoTime() - start) / 1_000_000);
            return 0;
        } catch (CatalogException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("Cannot write catalog snapshot " + target + ": " + e.getMessage());
            return 1;
        }
    }
}
