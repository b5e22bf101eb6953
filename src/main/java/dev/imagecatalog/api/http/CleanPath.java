package dev.imagecatalog.api.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The daemon's router (gorilla/mux) answers a request whose path is not clean with
 * {@code 301 Moved Permanently} to the clean one, before any route: the percent-decoded path is
 * cleaned as Go's {@code path.Clean} does (empty segments, {@code .} and {@code ..} removed) and a
 * trailing slash is kept. {@code //images/json} moves to {@code /images/json}.
 */
public final class CleanPath {

    private CleanPath() {
    }

    /**
     * The percent-decoded path of a request target's raw path ({@code +} stays {@code +}); the
     * escapes were checked before. The HTTP layer gives one character per byte of the target, so
     * the bytes are taken back as they came and decoded as UTF-8 with the escaped ones.
     */
    public static String decode(String rawPath) {
        boolean ascii = true;
        for (int i = 0; i < rawPath.length() && ascii; i++) {
            ascii = rawPath.charAt(i) < 0x80;
        }
        if (ascii && rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        byte[] in = rawPath.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8); // invalid UTF-8 becomes U+FFFD, never a failure
    }

    /** Go's {@code path.Clean} of a rooted path, keeping a trailing slash (as gorilla/mux's {@code cleanPath}). */
    static String clean(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        Deque<String> kept = new ArrayDeque<>();
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            if (segment.equals("..")) {
                kept.pollLast(); // ".." at the root stays at the root
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                kept.addLast(segment);
            }
            start = end + 1;
        }
        StringBuilder cleaned = new StringBuilder(path.length());
        for (String segment : kept) {
            cleaned.append('/').append(segment);
        }
        if (cleaned.isEmpty()) {
            return "/";
        }
        if (path.endsWith("/")) {
            cleaned.append('/');
        }
        return cleaned.toString();
    }

    /**
     * The path as Go's {@code url.URL.String()} writes it into {@code Location}: bytes outside the
     * characters a path may hold are percent-encoded, upper-case hex.
     */
    static String escape(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~$&+,/:;=@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static int hex(byte b) {
        return b >= 0 ? Character.digit((char) b, 16) : -1;
    }
}
