package dev.imagecatalog.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The AWS Lambda Runtime API (2018-06-01) as a function process sees it: it polls
 * {@code GET /runtime/invocation/next} for events and posts each answer to
 * {@code /runtime/invocation/{id}/response} or {@code .../error}, or reports a failed start to
 * {@code /runtime/init/error}. Enough of it to drive a packaged function here, without AWS.
 */
final class LambdaRuntimeEmulator implements AutoCloseable {

    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:image-catalog";
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the function answered: its response document, or an error document. */
    record Outcome(boolean error, String errorType, String body) {
    }

    private record Invocation(String requestId, String event) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final CompletableFuture<Outcome> initError = new CompletableFuture<>();
    private volatile boolean closed;

    LambdaRuntimeEmulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} for the function process. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one event and waits for the function's outcome. */
    Outcome invoke(String event, Duration timeout) throws Exception {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        outcomes.put(id, outcome);
        pending.add(new Invocation(id, event));
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the function did not answer within " + timeout, e);
        }
    }

    /** The error the function reported while starting, if it reports one within the timeout. */
    Outcome awaitInitError(Duration timeout) throws Exception {
        return initError.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError.complete(new Outcome(true, errorType(exchange), body(exchange)));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.matches("invocation/[^/]+/(response|error)")) {
                String[] parts = path.split("/");
                CompletableFuture<Outcome> outcome = outcomes.remove(parts[1]);
                if (outcome == null) {
                    reply(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                outcome.complete(new Outcome(parts[2].equals("error"), errorType(exchange), body(exchange)));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"not found\"}");
            }
        }
    }

    /** Long-polls as the real API does: the answer comes when there is an event. */
    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        while (invocation == null && !closed) {
            try {
                invocation = pending.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (invocation == null) {
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
        reply(exchange, 200, invocation.event());
    }

    private static String errorType(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
