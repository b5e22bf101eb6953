package dev.imagecatalog.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A JSON answer ready to send: its bytes, and, for answers that are served again and again, its
 * gzip form and entity tag, computed once.
 *
 * @param body    the JSON
 * @param gzipped the gzip form, or null when compressing would not pay (small bodies) or was not done
 * @param etag    a strong entity tag of the body, or null
 */
public record RenderedAnswer(byte[] body, byte[] gzipped, String etag) {

    /** Below this size gzip saves too little to be worth a client's and our CPU. */
    static final int GZIP_MIN_BYTES = 1024;

    /** An answer made for one request: compressed later only if the client asks and it is large. */
    static RenderedAnswer once(byte[] body) {
        return new RenderedAnswer(body, null, null);
    }

    /** An answer that will be served many times: tagged, and compressed ahead when large enough. */
    static RenderedAnswer reusable(byte[] body) {
        return new RenderedAnswer(body, body.length >= GZIP_MIN_BYTES ? gzip(body) : null, etagOf(body));
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
        return out.toByteArray();
    }

    private static String etagOf(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
