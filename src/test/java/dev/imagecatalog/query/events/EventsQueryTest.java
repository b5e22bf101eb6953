package dev.imagecatalog.query.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.catalog.events.ImageEvent;
import dev.imagecatalog.query.FilterArgs;
import dev.imagecatalog.query.InvalidQueryException;
import dev.imagecatalog.query.QueryParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /events' parameters and filters, as moby 28.x reads and applies them. */
class EventsQueryTest {

    private static final String ID = "sha256:" + "a".repeat(64);
    private static final ImageEvent PULL = new ImageEvent("pull", "alpine:3", Map.of("name", "alpine", "team", "x"), 10);
    private static final ImageEvent TAG = new ImageEvent("tag", ID, Map.of("name", "docker.io/acme/app:1"), 20);
    private static final ImageEvent UNTAG = new ImageEvent("untag", ID, Map.of("name", ID), 30);
    private static final ImageEvent DELETE = new ImageEvent("delete", ID, Map.of("name", ID), 40);

    private static EventsQuery query(String query) {
        return EventsQuery.from(QueryParameters.parse(query));
    }

    private static boolean includes(String filters, ImageEvent event) {
        return new EventFilter(FilterArgs.parse(filters)).includes(event);
    }

    @Test
    void timesAreUnixSecondsWithAnOptionalFraction() {
        assertEquals(1_700_000_000_000_000_000L, EventsQuery.timestamp("1700000000"));
        assertEquals(1_700_000_000_500_000_000L, EventsQuery.timestamp("1700000000.5"));
        assertEquals(1_700_000_000_000_000_001L, EventsQuery.timestamp("1700000000.000000001"));
        assertEquals(0L, EventsQuery.timestamp("0"));
        assertNull(EventsQuery.timestamp(""));
        assertNull(EventsQuery.timestamp("-1"), "the daemon's 'not set'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "since=10m|strconv.ParseInt: parsing \"10m\": invalid syntax",
        "until=2024-01-01T00:00:00Z|strconv.ParseInt: parsing \"2024-01-01T00:00:00Z\": invalid syntax",
        "since=1.x|strconv.ParseInt: parsing \"x\": invalid syntax",
        "since=99999999999999999999|strconv.ParseInt: parsing \"99999999999999999999\": value out of range",
        "since=20&until=10|`since` time (20) cannot be after `until` time (10)",
        "filters=oops|invalid filter"})
    void badParametersAreRefusedInTheDaemonsWords(String query, String message) {
        String[] pairs = query.split("&");
        StringBuilder encoded = new StringBuilder();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            encoded.append(encoded.isEmpty() ? "" : "&").append(pair, 0, eq + 1)
                    .append(URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        assertEquals(message, assertThrows(InvalidQueryException.class, () -> query(encoded.toString())).getMessage());
    }

    @Test
    void keptEventsAreReplayedOnlyWithSinceOrUntilWithinBoth() {
        List<ImageEvent> kept = List.of(PULL, TAG, UNTAG, DELETE);
        assertEquals(List.of(), query("").replay(kept));
        assertEquals(kept, query("since=0").replay(kept));
        assertEquals(List.of(PULL, TAG), query("until=0.000000020").replay(kept));
        assertEquals(List.of(TAG, UNTAG), query("since=0.00000002&until=0.00000003").replay(kept));
        assertTrue(query("until=1").onlyPast(2_000_000_000L));
        assertFalse(query("until=3").onlyPast(2_000_000_000L));
        assertFalse(query("since=1").onlyPast(2_000_000_000L));
    }

    @Test
    void filtersMatchAsTheDaemonsDo() {
        assertTrue(includes("{\"type\":[\"image\"]}", PULL));
        assertFalse(includes("{\"type\":{\"container\":true}}", PULL));
        assertFalse(includes("{\"type\":[\"bogus\"]}", PULL), "an unknown type is no error and matches nothing");
        assertTrue(includes("{\"foo\":[\"bar\"]}", PULL), "an unknown filter is ignored");
        assertTrue(includes("{\"event\":[\"tag\",\"untag\"]}", UNTAG));
        assertFalse(includes("{\"event\":[\"tag\"]}", UNTAG), "exact, no prefix");
        assertTrue(includes("{\"image\":[\"alpine\"]}", PULL), "the name without its tag");
        assertTrue(includes("{\"image\":[\"alpine:3\"]}", PULL));
        assertTrue(includes("{\"image\":[\"acme/app\"]}", TAG), "the tagged name, familiar, without its tag");
        assertFalse(includes("{\"image\":[\"alpine\"]}", UNTAG), "an untag is named by the id");
        assertTrue(includes("{\"image\":[\"" + ID + "\"]}", DELETE));
        assertTrue(includes("{\"label\":[\"team=x\"]}", PULL));
        assertTrue(includes("{\"label\":[\"team\",\"name=alpine\"]}", PULL), "every label, and name counts as one");
        assertFalse(includes("{\"label\":[\"team=y\"]}", PULL));
        assertFalse(includes("{\"container\":[\"web\"]}", PULL), "a container filter applies to image events too");
        assertTrue(includes("{\"container\":[\"alp\"]}", PULL), "by prefix of the id or name");
        assertTrue(includes("{\"scope\":[\"local\"]}", PULL));
        assertFalse(includes("{\"scope\":[\"swarm\"]}", PULL));
    }
}
