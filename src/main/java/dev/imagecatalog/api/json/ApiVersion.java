package dev.imagecatalog.api.json;

import dev.imagecatalog.query.GoNumbers;

/**
 * A Docker API version such as {@code 1.41}, compared as the daemon compares them: numerically,
 * part by part ({@code 1.9 < 1.23}); a missing part is 0 and a part that is not a number counts as 0.
 */
public record ApiVersion(String text) implements Comparable<ApiVersion> {

    public static final ApiVersion MIN = new ApiVersion("1.23");
    /** The version we implement, served for bare paths and advertised in {@code Api-Version}. */
    public static final ApiVersion CURRENT = new ApiVersion("1.51");

    public boolean isBefore(String other) {
        return compareTo(new ApiVersion(other)) < 0;
    }

    @Override
    public int compareTo(ApiVersion other) {
        String[] mine = text.split("\\.", -1);
        String[] theirs = other.text.split("\\.", -1);
        for (int i = 0; i < Math.max(mine.length, theirs.length); i++) {
            long a = i < mine.length ? part(mine[i]) : 0;
            long b = i < theirs.length ? part(theirs[i]) : 0;
            if (a != b) {
                return Long.compare(a, b);
            }
        }
        return 0;
    }

    /** A part as {@code versions.compare} reads it ({@code 1.99999999999999999999} is too new, not too old). */
    static long part(String digits) {
        return GoNumbers.atoiIgnoringError(digits);
    }

    /** The daemon's answer to a version it does not serve, or null when it is in range. */
    public String unsupportedMessage() {
        if (compareTo(MIN) < 0) {
            return "client version " + text + " is too old. Minimum supported API version is " + MIN.text
                    + ", please upgrade your client to a newer version";
        }
        if (compareTo(CURRENT) > 0) {
            return "client version " + text + " is too new. Maximum supported API version is " + CURRENT.text;
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
