package dev.imagecatalog.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged application (the native binary when the native profile built one, else the jar),
 * started as a user starts it, on a free port. Its log is kept, to check what it said.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: https?://[^:]+:(\\d+)");
    private static final Pattern TLS = Pattern.compile("https://[^:]+:(\\d+)");
    private static final Pattern MANAGEMENT = Pattern.compile("Management interface listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final List<String> log;
    private final int port;
    private final int managementPort;
    private final int tlsPort;

    private PackagedApp(Process process, List<String> log, int port, int managementPort, int tlsPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
        this.tlsPort = tlsPort;
    }

    /** Starts the application with these environment variables and waits until it listens. */
    public static PackagedApp start(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(launchCommand()).redirectErrorStream(true);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        int[] management = {0};
        int[] tls = {0};
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    log.add(line);
                    Matcher listening = LISTENING.matcher(line);
                    Matcher managing = MANAGEMENT.matcher(line);
                    Matcher secured = TLS.matcher(line);
                    if (line.contains("Listening on") && secured.find()) {
                        tls[0] = Integer.parseInt(secured.group(1)); // (written before the port is handed over)
                    }
                    if (managing.find()) {
                        management[0] = Integer.parseInt(managing.group(1)); // (written before the port is handed over)
                    }
                    if (listening.find()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.complete(0);
        }, "packaged-app-log");
        reader.setDaemon(true);
        reader.start();
        int listening;
        try {
            listening = port.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            listening = 0;
        }
        if (listening == 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the application did not start: " + log);
        }
        return new PackagedApp(process, log, listening, management[0], tls[0]);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public RawHttp http() {
        return new RawHttp("127.0.0.1", port);
    }

    /** The TLS port (api.tls.cert-path), with this client's context; the plain port is {@link #http()}. */
    public RawHttp https(javax.net.ssl.SSLContext client) {
        if (tlsPort == 0) {
            throw new IllegalStateException("no TLS port: " + log);
        }
        return new RawHttp("localhost", tlsPort, client.getSocketFactory());
    }

    /** The management interface (health, metrics); 0 when it did not start. */
    public int managementPort() {
        return managementPort;
    }

    public RawHttp management() {
        if (managementPort == 0) {
            throw new IllegalStateException("no management interface: " + log);
        }
        return new RawHttp("127.0.0.1", managementPort);
    }

    /** What the application has logged so far. */
    public List<String> log() {
        return new ArrayList<>(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The native binary when the native profile built one, else the jar, run by this JVM's java. */
    private static List<String> launchCommand() {
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
            return List.of(nativeImage);
        }
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("package the application first: " + jar.toAbsolutePath());
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
    }
}
