package dev.imagecatalog.catalog.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
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
        byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
