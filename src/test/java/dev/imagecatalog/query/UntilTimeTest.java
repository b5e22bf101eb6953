package dev.imagecatalog.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UntilTimeTest {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "10m,                        2024-06-01T11:50:00Z",
        "1h30m,                      2024-06-01T10:30:00Z",
        "1.5h,                       2024-06-01T10:30:00Z",
        "90s,                        2024-06-01T11:58:30Z",
        "-1h,                        2024-06-01T13:00:00Z",
        "500ms,                      2024-06-01T11:59:59.5Z",
        "1700000000,                 2023-11-14T22:13:20Z",
        "1700000000.5,               2023-11-14T22:13:20.5Z",
        "0,                          1970-01-01T00:00:00Z",
        "2024-01-02,                 2024-01-02T00:00:00Z",
        "2024-01-02T15,              2024-01-02T15:00:00Z",
        "2024-01-02T15:04,           2024-01-02T15:04:00Z",
        "2024-01-02T15:04:05,        2024-01-02T15:04:05Z",
        "2024-01-02T15:04:05Z,       2024-01-02T15:04:05Z",
        "2024-01-02T15:04:05.25Z,    2024-01-02T15:04:05.25Z",
        "2024-01-02T15:04:05+02:00,  2024-01-02T13:04:05Z",
        "2024-01-02T15:04-01:00,     2024-01-02T16:04:00Z",
        "2024-01-02Z,                2024-01-02T00:00:00Z",
    })
    void readsDurationsTimestampsAndDates(String value, String expected) {
        assertEquals(Instant.parse(expected), UntilTime.parse(value, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "10", "1h-", "2024-13-01", "2024-02-30", "2024-01-02T25", "2024-1-2",
        "-5", "1.2.3", "99999999999999999999", "2024-01-02T15:04:05+0200", "h", "1e9", " 10m"})
    void refusesWhatIsNoTime(String value) {
        if (value.equals("10")) {
            // "10" is not a duration (no unit) but it is a Unix timestamp.
            assertEquals(Instant.ofEpochSecond(10), UntilTime.parse(value, NOW));
            return;
        }
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> UntilTime.parse(value, NOW));
        assertTrue(e.getMessage().startsWith("invalid value for 'until' filter: "), e.getMessage());
    }

    /** Go's time.Parse names the field out of range; Java's words (its field classes) never reach a client. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"2024-13-01,month", "2024-02-30,day", "2024-01-32,day", "2024-01-02T25,hour",
        "2024-01-02T15:61,minute", "2024-01-02T15:04:61,second", "2024-01-02T15:04:05+25:00,time zone offset hour",
        "2024-01-02T15:04:05-05:61,time zone offset minute", "2024-02-30T25,hour", "2023-02-29,day"})
    void aFieldOutOfRangeIsNamedAsGoNamesIt(String value, String field) {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> UntilTime.parse(value, NOW));
        assertEquals("invalid value for 'until' filter: \"" + value + "\": " + field + " out of range", e.getMessage());
    }

    /** Go takes an offset's hour up to 24 and its minute up to 60, past Java's own bounds (18:00). */
    @Test
    void offsetsAsFarAsGoTakesThem() {
        assertEquals(Instant.parse("2024-01-01T20:04:05Z"), UntilTime.parse("2024-01-02T15:04:05+19:00", NOW));
        assertEquals(Instant.parse("2024-01-02T16:05:05Z"), UntilTime.parse("2024-01-02T15:04:05-01:01", NOW));
        assertEquals(Instant.parse("2024-01-02T14:04:05Z"), UntilTime.parse("2024-01-02T15:04:05+00:60", NOW));
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), UntilTime.parse("2024-02-29", NOW), "a leap day");
    }

    @Test
    void durationsFollowGo() {
        assertEquals(3_600_000_000_000L, UntilTime.durationNanos("1h"));
        assertEquals(1_000L, UntilTime.durationNanos("1µs"));
        assertEquals(1_000L, UntilTime.durationNanos("1us"));
        assertEquals(1_500_000_000L, UntilTime.durationNanos("1.5s"));
        assertEquals(500_000_000L, UntilTime.durationNanos(".5s"));
        assertNull(UntilTime.durationNanos("1"));
        assertNull(UntilTime.durationNanos("1d"));
        assertNull(UntilTime.durationNanos("3000000h"), "overflows Go's int64 nanoseconds");
    }

    @Test
    void cutOffInWholeSeconds() {
        assertEquals(10, UntilTime.ceilSeconds(Instant.ofEpochSecond(10)));
        assertEquals(11, UntilTime.ceilSeconds(Instant.ofEpochSecond(10, 1)));
    }
}
