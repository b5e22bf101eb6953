package dev.imagecatalog.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.http.GeneratedCatalogs;
import dev.imagecatalog.http.PackagedApp;
import dev.imagecatalog.http.RawHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No request waits behind another's one-off work: on 100,000 images, a filter that builds an index
 * on first use and answers tens of megabytes runs for a second or more, and /_ping, asked again and
 * again meanwhile on new connections (which the HTTP server spreads over all of its event loops),
 * is answered at once. Were that work on an event loop, the pings given to it would wait for all of it.
 */
class EventLoopIT {

    @TempDir
    Path dir;

    @Test
    void aLongFilteredAnswerHoldsNoEventLoop() throws Exception {
        Path catalog = GeneratedCatalogs.generate(100_000, dir.resolve("catalog.json"));
        try (PackagedApp app = PackagedApp.start(Map.of("CATALOG_PATH", catalog.toString()))) {
            RawHttp http = app.http();
            assertEquals(200, http.get("/_ping").status());
            AtomicBoolean working = new AtomicBoolean(true);
            AtomicLong longestPingNanos = new AtomicLong();
            AtomicLong pings = new AtomicLong();
            CompletableFuture<Void> pinger = CompletableFuture.runAsync(() -> {
                try {
                    while (working.get()) {
                        long start = System.nanoTime();
                        assertEquals(200, http.get("/_ping").status());
                        longestPingNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                        pings.incrementAndGet();
                        Thread.sleep(2);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            String filters = URLEncoder.encode("{\"reference\":[\"registry.example.com/*/*\"],\"label\":[\"com.example.team\"]}",
                    StandardCharsets.UTF_8);
            RawHttp.Answer answer = http.get("/images/json?all=1&filters=" + filters);
            long workMillis = (System.nanoTime() - start) / 1_000_000;
            working.set(false);
            pinger.get();
            assertEquals(200, answer.status());
            assertTrue(answer.body().length > 10_000_000, "tens of megabytes: " + answer.body().length);
            long longestPing = longestPingNanos.get() / 1_000_000;
            System.out.printf("first-use filter %d ms; %d pings meanwhile, the longest %d ms%n", workMillis, pings.get(), longestPing);
            assertTrue(pings.get() >= 10, "pinged throughout: " + pings.get());
            // Generous against a noisy machine, far below the work: a ping behind it would wait for all of it.
            assertTrue(longestPing < Math.max(250, workMillis / 3),
                    "a /_ping waited " + longestPing + " ms while a filter worked " + workMillis + " ms");
        }
    }
}
