package dev.imagecatalog.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * Turns a rendered JSON answer into the HTTP response a client asked for: {@code 304} when its
 * {@code If-None-Match} names our entity tag, gzip when it accepts gzip and the body is large enough
 * to gain (not on AWS Lambda), and a clear error instead of an answer too large for AWS Lambda.
 */
final class HttpAnswers {

    /** AWS Lambda's response payload limit is 6 MB; the rest is kept for the envelope and headers. */
    static final long LAMBDA_PAYLOAD_BYTES = 6_000_000L;

    private HttpAnswers() {
    }

    static Response of(RenderedAnswer answer, String acceptEncoding, String ifNoneMatch, boolean onLambda) {
        if (answer.etag() != null && matches(ifNoneMatch, answer.etag())) {
            return Response.notModified().header("ETag", answer.etag()).header("Vary", "Accept-Encoding").build();
        }
        // Never on Lambda: Quarkus's Lambda HTTP adapter (3.34) picks text or base64 by Content-Type
        // alone, so a gzip body labelled application/json would reach the client corrupted.
        boolean compress = !onLambda && answer.length() >= RenderedAnswer.GZIP_MIN_BYTES && acceptsGzip(acceptEncoding);
        if (onLambda && answer.lambdaPayloadBytes() > LAMBDA_PAYLOAD_BYTES) {
            return Errors.response(500, "the answer is " + answer.length()
                    + " bytes, more than an AWS Lambda response can carry (6 MB): narrow it with filters");
        }
        Response.ResponseBuilder response = Response.ok(answer.entity(compress), MediaType.APPLICATION_JSON_TYPE);
        if (answer.length() >= RenderedAnswer.GZIP_MIN_BYTES) {
            response.header("Vary", "Accept-Encoding");
        }
        if (compress) {
            response.header("Content-Encoding", "gzip");
        }
        if (answer.etag() != null) {
            response.header("ETag", answer.etag());
        }
        return response.build();
    }

    /**
     * The size of a JSON body inside Lambda's JSON response, where it travels as a string: each
     * quote, backslash and newline takes two bytes.
     */
    static long lambdaPayloadBytes(byte[] json) {
        return lambdaPayloadBytes(Unpooled.wrappedBuffer(json));
    }

    static long lambdaPayloadBytes(ByteBuf json) {
        long[] escaped = {0};
        json.forEachByte(json.readerIndex(), json.readableBytes(), b -> {
            if (b == '"' || b == '\\' || b == '\n') {
                escaped[0]++;
            }
            return true;
        });
        return json.readableBytes() + escaped[0];
    }

    /** RFC 9110: {@code *} or a list of tags, compared weakly ({@code W/} ignored). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || (tag.startsWith("W/") && tag.substring(2).equals(etag))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code Accept-Encoding} allows gzip: named (or {@code *}) with a non-zero quality. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean star = null;
        for (String item : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].strip();
            boolean allowed = true;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].strip();
                if (param.startsWith("q=")) {
                    try {
                        allowed = Double.parseDouble(param.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        allowed = false;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return allowed;
            }
            if (coding.equals("*")) {
                star = allowed;
            }
        }
        return Boolean.TRUE.equals(star);
    }
}
