package dev.imagecatalog.tls;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Certificates replaced on disk (cert-manager renewing a Secret, a mounted Secret updated) are taken
 * up by the running service: the files are polled every {@code api.tls.reload-period}; once they
 * changed and settled, they are checked ({@link TlsFiles}) and put in place of the ones before
 * ({@link RotatingCredentials}), for the handshakes that come next (open ones keep their session). Files
 * that cannot be served are refused with one WARN line, and the certificates before go on serving.
 */
@Singleton
public class CertificateRotation {

    private static final Logger LOG = Logger.getLogger(CertificateRotation.class);

    private final Optional<TlsFiles> files;
    private final Duration period;
    private final TlsStart tls;
    private ScheduledExecutorService poller;
    private List<Object> seen;

    CertificateRotation(@ConfigProperty(name = "api.tls.cert-path") Optional<String> certPath,
            @ConfigProperty(name = "api.tls.reload-period", defaultValue = "10S") Duration period, TlsStart tls) {
        this.files = certPath.filter(path -> !path.isBlank()).map(path -> new TlsFiles(Path.of(path)));
        this.period = period;
        this.tls = tls;
    }

    void start(@Observes StartupEvent start) {
        if (files.isEmpty() || period.isZero() || period.isNegative()) {
            return;
        }
        seen = stamps(files.get());
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tls-rotation");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void poll() {
        List<Object> now = stamps(files.get());
        if (now.equals(seen)) {
            return;
        }
        try {
            Thread.sleep(Math.min(200, period.toMillis())); // a file being written is not read half-way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!now.equals(stamps(files.get()))) {
            return; // still changing: the next poll looks again
        }
        seen = now;
        TlsFiles.Loaded loaded;
        try {
            loaded = files.get().load();
        } catch (TlsFiles.Refused e) {
            LOG.warnf("Kept the TLS certificates being served: %s", e.getMessage());
            return;
        }
        tls.credentials().orElseThrow().use(loaded);
        LOG.infof("Took up the TLS certificates replaced in %s", files.get().directory());
    }

    /** What identifies the files' versions: each one's identity, time and size (a Secret update swaps a symlinked folder). */
    private static List<Object> stamps(TlsFiles tls) {
        List<Object> stamps = new ArrayList<>();
        for (Path file : new Path[] {tls.cert(), tls.key(), tls.ca()}) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size()));
            } catch (IOException e) {
                stamps.add("absent");
            }
        }
        return stamps;
    }
}
