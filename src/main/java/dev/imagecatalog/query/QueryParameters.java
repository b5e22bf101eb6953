package dev.imagecatalog.query;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The query string as Go's {@code url.ParseQuery} reads it: pairs split on {@code &}, {@code +} is a
 * space, percent escapes must be well formed, and for a repeated key the first value counts.
 */
public final class QueryParameters {

    private final Map<String, String> first;
    private final String rawQuery;

    private QueryParameters(Map<String, String> first, String rawQuery) {
        this.first = first;
        this.rawQuery = rawQuery;
    }

    /** @param rawQuery the undecoded query string, or null */
    public static QueryParameters parse(String rawQuery) {
        Map<String, String> first = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                first.putIfAbsent(key, value);
            }
        }
        return new QueryParameters(first, rawQuery);
    }

    public Optional<String> first(String key) {
        return Optional.ofNullable(first.get(key));
    }

    /** Every value of a repeated key, in the order sent (read again from the query: few keys repeat). */
    public List<String> all(String key) {
        if (!first.containsKey(key)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (!pair.isEmpty() && decode(eq < 0 ? pair : pair.substring(0, eq)).equals(key)) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    /**
     * The daemon's boolean: after trimming and lower-casing, {@code ""}, {@code 0}, {@code no},
     * {@code false} and {@code none} are false, anything else is true; a missing key is false.
     */
    public boolean bool(String key) {
        String value = first.get(key);
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "0", "no", "false", "none" -> false;
            default -> true;
        };
    }

    private static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= in.length || hex(in[i + 1]) < 0 || hex(in[i + 2]) < 0) {
                    String escape = new String(in, i, Math.min(3, in.length - i), StandardCharsets.UTF_8);
                    throw new InvalidQueryException("invalid URL escape \"" + escape + "\"");
                }
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        // Invalid UTF-8 becomes U+FFFD: such a value can still be matched (and fail to), never crash us.
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return b >= 0 && b < 128 ? Character.digit((char) b, 16) : -1;
    }
}
