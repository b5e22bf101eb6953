package dev.imagecatalog.catalog.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link DataOutputStream} wrote, from a shared section with absolute gets (several
 * requests read the same section at once), and writes strings as it reads them: a length, then
 * UTF-8 bytes. Reading past the end throws {@link IndexOutOfBoundsException}.
 */
final class Cursor {

    private final ByteBuffer data;
    private int at;

    Cursor(ByteBuffer data, int at) {
        this.data = data;
        this.at = at;
    }

    int position() {
        return at;
    }

    byte get() {
        return data.get(at++);
    }

    boolean getBoolean() {
        return get() != 0;
    }

    int getInt() {
        int value = data.getInt(at);
        at += 4;
        return value;
    }

    long getLong() {
        long value = data.getLong(at);
        at += 8;
        return value;
    }

    String string() {
        int length = getInt();
        if (length < 0 || length > data.capacity() - at) {
            throw new IllegalArgumentException("a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        data.get(at, bytes);
        at += length;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeString(DataOutputStream out, String string) throws IOException {
        byte[] bytes = utf8(string);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /**
     * The string in UTF-8, as a snapshot stores it; a string that UTF-8 cannot hold (a lone UTF-16
     * surrogate, which a JSON escape can make) is refused rather than stored as something else.
     */
    static byte[] utf8(String string) throws CharacterCodingException {
        byte[] bytes = utf8OrNull(string);
        if (bytes == null) {
            throw new CharacterCodingException() {
                @Override
                public String getMessage() {
                    return "a string with a lone UTF-16 surrogate cannot be stored in a snapshot: "
                            + string.codePoints().limit(40).collect(StringBuilder::new,
                                    (b, c) -> b.append(c <= 0xffff && Character.isSurrogate((char) c) ? String.format("\\u%04x", c) : Character.toString(c)),
                                    StringBuilder::append);
                }
            };
        }
        return bytes;
    }

    /** The string in UTF-8, or null when it has a lone surrogate (then no stored string equals it). */
    static byte[] utf8OrNull(String string) {
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < string.length() && Character.isLowSurrogate(string.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return null;
            }
        }
        return string.getBytes(StandardCharsets.UTF_8);
    }
}
