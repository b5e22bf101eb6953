package dev.imagecatalog.query;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time of an {@code until} filter, read as the docker daemon reads it ({@code GetTimestamp}):
 * a Go duration back from now ({@code 10m}, {@code 1h30m}, {@code 1.5h}); Unix seconds with an
 * optional fraction ({@code 1700000000.5}); or RFC 3339 and its short forms ({@code 2024-01-02},
 * {@code 2024-01-02T15}, {@code 2024-01-02T15:04}, {@code 2024-01-02T15:04:05Z}), with an offset
 * or without one, which then means UTC.
 */
public final class UntilTime {

    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})"
                    + "(?:T(\\d{2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?)?"
                    + "(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern UNIX = Pattern.compile("(\\d+)(?:\\.(\\d{1,9}))?");
    private static final BigDecimal MAX_DURATION_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private UntilTime() {
    }

    /**
     * @param now the reference for durations
     * @throws InvalidQueryException {@code invalid value for 'until' filter: ...}
     */
    public static Instant parse(String value, Instant now) {
        if (!value.equals("0")) { // Go reads "0" as a duration, but the daemon takes it as Unix time 0
            Long nanos = durationNanos(value);
            if (nanos != null) {
                return now.minusNanos(nanos);
            }
        }
        Matcher date = DATE_TIME.matcher(value);
        if (date.matches()) {
            return dateTime(value, date);
        }
        Matcher unix = UNIX.matcher(value);
        if (unix.matches()) {
            try {
                long seconds = Long.parseLong(unix.group(1));
                String fraction = unix.group(2) == null ? "" : unix.group(2);
                long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9));
                return Instant.ofEpochSecond(seconds, nanos);
            } catch (NumberFormatException | DateTimeException e) {
                throw invalid(value, "out of range");
            }
        }
        throw invalid(value, "not a time, a Unix timestamp or a duration");
    }

    /** The cut-off in whole seconds: an image created in second {@code s} is before {@code t} iff {@code s < ceil(t)}. */
    public static long ceilSeconds(Instant time) {
        return time.getNano() == 0 ? time.getEpochSecond() : time.getEpochSecond() + 1;
    }

    private static Instant dateTime(String value, Matcher m) {
        try {
            String fraction = m.group(7) == null ? "" : m.group(7);
            LocalDateTime local = LocalDateTime.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                    fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9)));
            ZoneOffset offset = m.group(8) == null || m.group(8).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            throw invalid(value, outOfRange(e.getMessage()));
        }
    }

    /** Go's words for a field out of range ({@code time.Parse}), not Java's, which name its own field classes. */
    private static String outOfRange(String javaMessage) {
        String message = javaMessage == null ? "" : javaMessage;
        String field = message.contains("MonthOfYear") ? "month"
                : message.contains("HourOfDay") ? "hour"
                : message.contains("MinuteOfHour") ? "minute"
                : message.contains("SecondOfMinute") ? "second"
                : message.contains("Offset") || message.contains("offset") ? "time zone offset"
                : "day"; // DayOfMonth, or a date the month does not have (February 30)
        return field + " out of range";
    }

    /** Go's {@code time.ParseDuration}; null when the text is not a duration. */
    static Long durationNanos(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0L;
        }
        if (s.isEmpty()) {
            return null;
        }
        Matcher part = DURATION_PART.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!part.find(at) || part.start() != at) {
                return null;
            }
            String number = part.group(1);
            if (number.isEmpty() || number.equals(".")) {
                return null;
            }
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
            if (total.compareTo(MAX_DURATION_NANOS) > 0) {
                return null; // Go: invalid duration (overflow)
            }
            at = part.end();
        }
        long nanos = total.longValue(); // Go truncates fractions of a nanosecond
        return negative ? -nanos : nanos;
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L; // h
        };
    }

    private static InvalidQueryException invalid(String value, String why) {
        return new InvalidQueryException("invalid value for 'until' filter: \"" + value + "\": " + why);
    }
}
