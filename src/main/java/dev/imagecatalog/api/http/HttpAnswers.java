package dev.imagecatalog.api.http;

import dev.imagecatalog.api.answers.RenderedAnswer;
import dev.imagecatalog.api.json.DockerJson;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * Turns a rendered JSON answer into the HTTP response a client asked for: {@code 304} when its
 * {@code If-None-Match} names our entity tag, gzip when it accepts gzip and the body is large enough
 * to gain (on AWS Lambda as a binary body, where the way of sending allows it), and a clear error
 * instead of an answer too large for AWS Lambda.
 */
public final class HttpAnswers {

    /** AWS Lambda's response payload limit is 6 MB; the rest is kept for the envelope and headers. */
    static final long LAMBDA_PAYLOAD_BYTES = 6_000_000L;

    private HttpAnswers() {
    }

    /**
     * What to send for a rendered answer: the rules of entity tags, compression and AWS Lambda's
     * limits, in one place for both ways an answer leaves (a JAX-RS {@link Response}, or written
     * straight to Vert.x by the stored-answer route).
     *
     * @param status  200, 304, or 500 (an answer AWS Lambda cannot carry)
     * @param headers header names and values, in pairs
     * @param body    the entity (bytes or a buffer), or null for none
     */
    record Plan(int status, List<String> headers, Object body) {
    }

    /**
     * @param binaryOnLambda whether this way of sending can have AWS Lambda's adapter carry a gzip
     *                       body as binary (the stored-answer route can; a JAX-RS response cannot)
     */
    static Plan plan(RenderedAnswer answer, String acceptEncoding, String ifNoneMatch, boolean onLambda, boolean binaryOnLambda) {
        boolean compress = compresses(answer, acceptEncoding, onLambda, binaryOnLambda);
        if (notModified(answer, ifNoneMatch)) {
            return new Plan(304, List.of("ETag", etag(answer, compress), "Vary", "Accept-Encoding"), null);
        }
        if (onLambda) {
            long payload = compress ? base64Length(answer.gzipLength()) : answer.lambdaPayloadBytes();
            if (payload > LAMBDA_PAYLOAD_BYTES) {
                return new Plan(500, List.of("Content-Type", MediaType.APPLICATION_JSON), DockerJson.error("the answer is "
                        + answer.length() + " bytes" + (compress ? " (" + answer.gzipLength() + " gzipped)" : "")
                        + ", more than an AWS Lambda response can carry (6 MB): narrow it with filters"));
            }
        }
        return new Plan(200, okHeaders(answer, compress, onLambda), answer.entity(compress));
    }

    /** The headers of a {@code 200} with the answer's plain or gzip form (its length aside). */
    private static List<String> okHeaders(RenderedAnswer answer, boolean compress, boolean onLambda) {
        List<String> headers = new ArrayList<>(8);
        // Quarkus's Lambda adapter (3.34) sends a body as text when it finds a text Content-Type under
        // exactly that name, and as base64 (binary) otherwise: a gzip body must go as binary.
        headers.add(compress && onLambda ? "content-type" : "Content-Type");
        headers.add(MediaType.APPLICATION_JSON);
        if (answer.length() >= RenderedAnswer.GZIP_MIN_BYTES) {
            headers.add("Vary");
            headers.add("Accept-Encoding");
        }
        if (compress) {
            headers.add("Content-Encoding");
            headers.add("gzip");
        }
        if (answer.etag() != null) {
            headers.add("ETag");
            headers.add(etag(answer, compress));
        }
        return headers;
    }

    /**
     * The entity tag of a form of the answer: the plain form's is strong (its bytes' checksums); the gzip
     * form, other bytes of the same content, gets the weak one (RFC 9110 8.8.1: a strong tag names one
     * representation's bytes), as nginx weakens a tag when it compresses. If-None-Match compares weakly:
     * either tag matches either form.
     */
    static String etag(RenderedAnswer answer, boolean gzip) {
        return gzip ? "W/" + answer.etag() : answer.etag();
    }

    /** Whether the client has this answer already ({@code If-None-Match} names its tag): a {@code 304}, no body. */
    static boolean notModified(RenderedAnswer answer, String ifNoneMatch) {
        return answer.etag() != null && matches(ifNoneMatch, answer.etag());
    }

    /** Whether the answer goes gzipped: the client accepts gzip, the body is large enough to gain, and the way of sending allows it. */
    static boolean compresses(RenderedAnswer answer, String acceptEncoding, boolean onLambda, boolean binaryOnLambda) {
        return (!onLambda || binaryOnLambda) && answer.length() >= RenderedAnswer.GZIP_MIN_BYTES && acceptsGzip(acceptEncoding);
    }

    /** As a JAX-RS response to this request (its Accept-Encoding and If-None-Match). */
    public static Response of(RenderedAnswer answer, RoutingContext routing, boolean onLambda) {
        var headers = routing.request().headers();
        return of(answer, headers.get("Accept-Encoding"), headers.get("If-None-Match"), onLambda);
    }

    /** As a JAX-RS response (the resources' way). */
    static Response of(RenderedAnswer answer, String acceptEncoding, String ifNoneMatch, boolean onLambda) {
        Plan plan = plan(answer, acceptEncoding, ifNoneMatch, onLambda, false);
        Response.ResponseBuilder response = Response.status(plan.status()).entity(plan.body());
        for (int i = 0; i < plan.headers().size(); i += 2) {
            String name = plan.headers().get(i);
            if (name.equalsIgnoreCase("Content-Type")) {
                response.type(plan.headers().get(i + 1));
            } else {
                response.header(name, plan.headers().get(i + 1));
            }
        }
        return response.build();
    }

    /**
     * A rendered answer written straight to the HTTP response (the stored-answer route's way), with
     * the Docker headers. A {@code 200} off AWS Lambda (nearly every such request) takes its response
     * head as made once for the answer ({@link Heads}); anything else is planned per request.
     */
    static void send(RoutingContext routing, RenderedAnswer answer, String acceptEncoding, String ifNoneMatch, boolean onLambda,
            DockerHeaders dockerHeaders) {
        if (onLambda || notModified(answer, ifNoneMatch)) {
            send(routing, plan(answer, acceptEncoding, ifNoneMatch, onLambda, true), dockerHeaders);
            return;
        }
        boolean gzip = compresses(answer, acceptEncoding, false, true);
        end(okHead(routing, answer, gzip, dockerHeaders), answer.entity(gzip));
    }

    /** Sets the {@code 200} head of an answer's form off AWS Lambda, as made once for the answer ({@link Heads}). */
    static HttpServerResponse okHead(RoutingContext routing, RenderedAnswer answer, boolean gzip, DockerHeaders dockerHeaders) {
        CharSequence[] head = answer.sendForm(made -> new Heads(made, dockerHeaders)).of(gzip);
        HttpServerResponse response = routing.response();
        response.setStatusCode(200);
        MultiMap headers = response.headers();
        for (int i = 0; i < head.length; i += 2) {
            headers.set(head[i], head[i + 1]);
        }
        return response;
    }

    /**
     * The response heads of an answer sent with a {@code 200} off AWS Lambda: every header name and
     * value, the Docker headers and {@code Content-Length} included, encoded for Vert.x (ASCII strings
     * it checks and copies without decoding them) once per answer and form (plain, gzip) instead of
     * being planned, checked and encoded per request. The headers themselves are {@link #plan}'s.
     */
    static final class Heads {
        private final RenderedAnswer answer;
        private final DockerHeaders docker;
        private volatile CharSequence[] plain;
        private volatile CharSequence[] gzip;

        Heads(RenderedAnswer answer, DockerHeaders docker) {
            this.answer = answer;
            this.docker = docker;
        }

        /** @param compressed the gzip form, or the plain one: either ready ({@link RenderedAnswer#ready}) or compiled (its length known) */
        CharSequence[] of(boolean compressed) {
            CharSequence[] head = compressed ? gzip : plain;
            if (head == null) {
                head = make(compressed);
                if (compressed) {
                    gzip = head;
                } else {
                    plain = head;
                }
            }
            return head;
        }

        private CharSequence[] make(boolean compressed) {
            List<CharSequence> head = new ArrayList<>(docker.encoded());
            for (String nameOrValue : okHeaders(answer, compressed, false)) {
                head.add(io.vertx.core.http.HttpHeaders.createOptimized(nameOrValue));
            }
            head.add(io.vertx.core.http.HttpHeaders.CONTENT_LENGTH);
            head.add(io.vertx.core.http.HttpHeaders.createOptimized(Long.toString(compressed ? answer.gzipLength() : answer.length())));
            return head.toArray(CharSequence[]::new);
        }
    }

    /** Written straight to the HTTP response (the stored-answer route's way), with the Docker headers. */
    static void send(RoutingContext routing, Plan plan, DockerHeaders dockerHeaders) {
        HttpServerResponse response = routing.response();
        response.setStatusCode(plan.status());
        dockerHeaders.applyTo(response);
        for (int i = 0; i < plan.headers().size(); i += 2) {
            response.putHeader(plan.headers().get(i), plan.headers().get(i + 1));
        }
        end(response, plan.body());
    }

    private static void end(HttpServerResponse response, Object body) {
        if (body == null) {
            response.end();
        } else if (body instanceof Buffer buffer) {
            response.end(buffer);
        } else {
            response.end(Buffer.buffer((byte[]) body));
        }
    }

    /** The length of base64 text for this many bytes. */
    static long base64Length(long bytes) {
        return (bytes + 2) / 3 * 4;
    }

    /** RFC 9110: {@code *} or a list of tags, compared weakly ({@code W/} ignored on both sides). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(opaque) || (tag.startsWith("W/") && tag.substring(2).equals(opaque))) {
                return true;
            }
        }
        return false;
    }

    /** The last {@code Accept-Encoding} read and what it allows: a client sends the same one with every request. */
    private record Accepted(String acceptEncoding, boolean gzip) {
    }

    private static volatile Accepted lastAccepted = new Accepted("", false);

    /** Whether {@code Accept-Encoding} allows gzip: named (or {@code *}) with a non-zero quality. */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Accepted last = lastAccepted;
        if (last.acceptEncoding().equals(acceptEncoding)) {
            return last.gzip();
        }
        boolean gzip = readsGzip(acceptEncoding);
        lastAccepted = new Accepted(acceptEncoding, gzip);
        return gzip;
    }

    private static boolean readsGzip(String acceptEncoding) {
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
