package dev.imagecatalog.catalog.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reload's changes as the daemon's image events, in its order and shape (issue 24). */
class CatalogChangesTest {

    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final String C = "c".repeat(64);
    static final String D = "d".repeat(64);
    static final String E = "e".repeat(64);

    static Catalog catalog(String json) throws java.io.IOException {
        return CatalogLoader.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }

    static String image(String id, String tags, String digests, String labels) {
        return "{\"Id\":\"sha256:" + id + "\",\"RepoTags\":" + tags + ",\"RepoDigests\":" + digests + ",\"Labels\":" + labels + ",\"Created\":1}";
    }

    private static List<String> lines(List<CatalogChanges.Change> changes) {
        return changes.stream().map(c -> c.action() + " " + c.actorId() + " " + c.attributes()).toList();
    }

    @Test
    void arrivalsRetagsAndRemovalsInTheDaemonsShape() throws Exception {
        Catalog before = catalog("[" + image(A, "[\"app:1\"]", "null", "{\"team\":\"x\"}") + ","
                + image(B, "[\"db:1\",\"db:latest\"]", "null", "null") + ","
                + image(C, "[\"old:1\"]", "[\"old@sha256:" + "1".repeat(64) + "\"]", "null") + ","
                + image(E, "null", "null", "null") + "]");
        Catalog after = catalog("[" + image(A, "[\"app:1\",\"app:2\"]", "null", "{\"team\":\"x\"}") + ","
                + image(B, "[\"db:1\"]", "null", "null") + ","
                + image(D, "[\"docker.io/library/new:1\"]", "null", "{\"name\":\"label\"}") + "]");
        assertEquals(List.of(
                "pull new:1 {name=new}", // the reference pulled, named by its repository; name wins over the label
                "tag sha256:" + A + " {name=app:2, team=x}",
                "untag sha256:" + B + " {name=sha256:" + B + "}",
                "untag sha256:" + C + " {name=sha256:" + C + "}", // a tag
                "untag sha256:" + C + " {name=sha256:" + C + "}", // and a digest
                "delete sha256:" + C + " {name=sha256:" + C + "}",
                "delete sha256:" + E + " {name=sha256:" + E + "}"), lines(CatalogChanges.between(before, after)));
    }

    @Test
    void aTagMovedToAnotherImageIsOnlyTaggedAndAnImageWithoutReferencesIsLoaded() throws Exception {
        Catalog before = catalog("[" + image(A, "[\"app:latest\"]", "null", "null") + "]");
        Catalog after = catalog("[" + image(A, "null", "null", "null") + "," + image(B, "[\"app:latest\"]", "null", "null") + ","
                + image(C, "null", "null", "null") + "]");
        assertEquals(List.of(
                "pull app:latest {name=app}",
                "load sha256:" + C + " {name=sha256:" + C + "}"), lines(CatalogChanges.between(before, after)));
        assertEquals(List.of(), CatalogChanges.between(after, after));
    }

    @Test
    void theLogKeepsTheLastEventsWithDistinctIncreasingTimes() {
        EventLog log = new EventLog(3, Clock.fixed(Instant.ofEpochSecond(1_700_000_000, 5), ZoneOffset.UTC));
        List<List<ImageEvent>> seen = new java.util.ArrayList<>();
        EventLog.Subscription subscription = log.subscribe(seen::add);
        assertEquals(List.of(), subscription.kept());
        List<CatalogChanges.Change> changes = List.of(
                new CatalogChanges.Change("pull", "a:1", Map.of("name", "a")),
                new CatalogChanges.Change("pull", "b:1", Map.of("name", "b")));
        log.publish(changes);
        log.publish(changes);
        assertEquals(2, seen.size());
        List<ImageEvent> kept = log.kept();
        assertEquals(3, kept.size(), "the oldest dropped");
        assertEquals(1_700_000_000_000_000_006L, kept.get(0).timeNano());
        assertEquals(1_700_000_000_000_000_008L, kept.get(2).timeNano(), "a nanosecond apart, also across batches at the same instant");
        assertEquals(1_700_000_000L, kept.get(2).time());
        subscription.cancel().run();
        log.publish(changes);
        assertEquals(2, seen.size(), "a watcher that left gets nothing more");
        assertEquals(0, log.watchers());
    }
}
