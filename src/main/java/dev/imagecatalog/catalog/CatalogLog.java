package dev.imagecatalog.catalog;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The catalog's log lines (loaded, reloaded, refused, gone), in one place. Each line's facts are
 * also set as fields (the MDC: {@code file}, {@code images}, {@code ms}, {@code change},
 * {@code problem}) while it is written, so that JSON logs ({@code QUARKUS_LOG_CONSOLE_JSON=true})
 * carry them as fields a log search can filter on; the text form shows the sentence alone.
 *
 * <p>Numbers are joined in, never {@code %d}-formatted: the first {@code %d} of a process loads the
 * locale's number formats, which the native binary's start would wait for (6.6% of its main thread in
 * a profile of the start: more than loading the catalog).
 */
final class CatalogLog {

    private static final Logger LOG = Logger.getLogger("dev.imagecatalog.catalog");

    private CatalogLog() {
    }

    static void loaded(String file, int images, long ms, String how) {
        with(() -> LOG.info("Loaded " + images + " images from " + file + how + " in " + ms + " ms"),
                "file", file, "images", images, "ms", ms);
    }

    static void reloaded(String file, String why, int images, int change, long ms) {
        with(() -> LOG.info("Reloaded " + file + " (" + why + "): " + images + " images (" + (change < 0 ? "" : "+") + change + ") in " + ms + " ms"),
                "file", file, "images", images, "change", change, "ms", ms);
    }

    static void refused(String file, String why, String problem) {
        with(() -> LOG.warn("Catalog not reloaded (" + why + "), the last good one goes on serving: " + file + ": " + problem),
                "file", file, "problem", problem);
    }

    static void gone(String file) {
        with(() -> LOG.warn("Catalog " + file + " is gone; serving the last good catalog until it is back"),
                "file", file, "problem", "the file is gone");
    }

    /** Writes a line with these fields (name, value pairs) set, and only for that line. */
    private static void with(Runnable line, Object... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            MDC.put((String) fields[i], fields[i + 1]);
        }
        try {
            line.run();
        } finally {
            for (int i = 0; i < fields.length; i += 2) {
                MDC.remove((String) fields[i]);
            }
        }
    }
}
