package dev.imagecatalog.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that sends exactly the bytes it is given: broken escapes, raw braces, bytes
 * that are not UTF-8, oversized lines. HTTP client libraries repair or refuse such requests, and
 * those are the requests to test.
 */
public final class RawHttp {

    private final String host;
    private final int port;
    /** TLS on top of the connection, or null for plain HTTP. */
    private final javax.net.ssl.SSLSocketFactory tls;

    public RawHttp(String host, int port) {
        this(host, port, null);
    }

    /** Over TLS with this client's context (its certificate and the CA it trusts). */
    public RawHttp(String host, int port, javax.net.ssl.SSLSocketFactory tls) {
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    /** An answer; {@code status} is 0 when the server closed the connection without one. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            String text = text();
            return status + " " + headers + " " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    /** {@code GET target} with a Host header and nothing else. */
    public Answer get(byte[] target) throws IOException {
        return request("GET", target, "");
    }

    /** {@code GET target} with a Host header and these header lines (each ending with CRLF). */
    public Answer get(byte[] target, String extraHeaders) throws IOException {
        return request("GET", target, extraHeaders);
    }

    public Answer get(String target) throws IOException {
        return get(target.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** One request on a new connection ({@code Connection: close}); extra header lines end with CRLF. */
    public Answer request(String method, byte[] target, String extraHeaders) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        request.write(target);
        request.write((" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return exchange(request.toByteArray());
    }

    /** Sends the bytes as they are and reads the answer until the server closes the connection. */
    public Answer exchange(byte[] request) throws IOException {
        try (Socket plain = new Socket(); Socket socket = secured(plain)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may refuse mid-request (a line too long) and close: read what it said.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    /** Connects, and for TLS shakes hands on top of the connection. */
    private Socket secured(Socket plain) throws IOException {
        plain.connect(new InetSocketAddress(host, port), 5_000);
        if (tls == null) {
            return plain;
        }
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.createSocket(plain, host, port, true);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        return socket;
    }

    /** Opens a connection, sends the bytes, and reports whether the server closes it within the time. */
    public boolean closedWithin(byte[] partialRequest, int millis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write(partialRequest);
            InputStream in = socket.getInputStream();
            try {
                while (in.read() >= 0) {
                    // an answer (e.g. 408) may come first; the close is what counts
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // a reset after the answer: keep what arrived
        }
        return all.toByteArray();
    }

    static Answer parse(byte[] raw) {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (raw.length == 0 || headEnd < 0) {
            return new Answer(0, Map.of(), raw);
        }
        String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) {
            try (java.util.zip.GZIPInputStream gzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = gzip.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("a gzip body that does not decompress", e);
            }
        }
        return new Answer(status, headers, body);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {'\r', '\n'});
            int size = Integer.parseInt(new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, at + lineEnd + 2, size);
            at += lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    /** Where {@code needle} first occurs in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
