package dev.imagecatalog.api.json;

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
            int a = i < mine.length ? part(mine[i]) : 0;
            int b = i < theirs.length ? part(theirs[i]) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    private static int part(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0; // as Go's strconv.Atoi error in versions.compare
        }
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
