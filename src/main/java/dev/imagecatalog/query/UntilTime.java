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

    /**
     * As Go's {@code time.Parse} checks the fields: in the layout's order (month, hour, minute, second, the
     * offset's hour up to 24 and minute up to 60), the day of the month last; the first out of range is named.
     */
    private static Instant dateTime(String value, Matcher m) {
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        String fraction = m.group(7) == null ? "" : m.group(7);
        String zone = m.group(8) == null ? "Z" : m.group(8);
        int offsetHours = zone.equals("Z") ? 0 : Integer.parseInt(zone.substring(1, 3));
        int offsetMinutes = zone.equals("Z") ? 0 : Integer.parseInt(zone.substring(4, 6));
        String outOfRange = month < 1 || month > 12 ? "month"
                : hour > 23 ? "hour"
                : minute > 59 ? "minute"
                : second > 59 ? "second"
                : offsetHours > 24 ? "time zone offset hour"
                : offsetMinutes > 60 ? "time zone offset minute"
                : day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth() ? "day"
                : null;
        if (outOfRange != null) {
            throw invalid(value, outOfRange + " out of range");
        }
        long offsetSeconds = (zone.startsWith("-") ? -1L : 1L) * (offsetHours * 3600L + offsetMinutes * 60L);
        long local = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        return Instant.ofEpochSecond(local - offsetSeconds, nanos);
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
