package dev.imagecatalog.api.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a request may be, checked before routing so that a refusal is the daemon's {@code {"message"}}
 * JSON with the Docker headers like every other error. The HTTP server's own limits
 * ({@code quarkus.http.limits.*}, set higher) stay as a backstop: they answer without a body, which
 * a client then only meets far beyond these.
 */
@Singleton
public class RequestLimits {

    /** A refusal: its status and message. */
    record Refusal(int status, String message) {
    }

    private final int maxRequestLine;
    private final long maxHeaderBytes;
    private final long maxBodyBytes;

    RequestLimits(@ConfigProperty(name = "api.limits.max-request-line", defaultValue = "16384") int maxRequestLine,
            @ConfigProperty(name = "api.limits.max-header-size", defaultValue = "16K") MemorySize maxHeaderSize,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderBytes = maxHeaderSize.asLongValue();
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    /** Why the request is refused, or null when it is within every limit. */
    Refusal check(HttpServerRequest request) {
        // As the HTTP codec counts: the request line without its line end; each header line without its line end.
        long requestLine = request.method().name().length() + 1L + request.uri().length() + 1 + "HTTP/1.1".length();
        if (requestLine > maxRequestLine) {
            return new Refusal(414, "request line too long: " + requestLine + " bytes, more than " + maxRequestLine);
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + 2L + header.getValue().length();
        }
        if (headerBytes > maxHeaderBytes) {
            return new Refusal(431, "request header fields too large: " + headerBytes + " bytes, more than " + maxHeaderBytes);
        }
        String length = request.getHeader("Content-Length");
        if (length != null) {
            long bodyBytes;
            try {
                bodyBytes = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                return new Refusal(400, "invalid Content-Length");
            }
            if (bodyBytes < 0) {
                return new Refusal(400, "invalid Content-Length");
            }
            if (bodyBytes > maxBodyBytes) {
                return new Refusal(413, "request body too large: " + bodyBytes + " bytes, more than " + maxBodyBytes);
            }
        }
        return null;
    }
}
