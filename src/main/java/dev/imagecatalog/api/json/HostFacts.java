package dev.imagecatalog.api.json;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What {@code /info} and {@code /version} say of this program's host, read once when the service
 * starts (never at build time: a native image would carry the build machine's), from where the
 * daemon reads them: the kernel's {@code /proc} files and {@code /etc/os-release}, falling back to
 * what the JVM knows where those are missing.
 *
 * The host name ({@code /proc/sys/kernel/hostname}), {@code uname -r}, os-release's
 * {@code PRETTY_NAME} and {@code VERSION_ID}, the architecture as {@code uname -m} names it
 * ({@code x86_64}, {@code /info}'s) and as Go does ({@code amd64}, {@code /version}'s), the processors
 * this process may use, the host's memory ({@code MemTotal} of {@code /proc/meminfo}; 0 unknown), and
 * a daemon id that the same host gets at every start.
 */
@Singleton
public final class HostFacts {

    final String name;
    public final String kernelVersion;
    final String operatingSystem;
    final String osVersion;
    final String unameArch;
    public final String goArch;
    final int cpus;
    final long memTotal;
    final String daemonId;

    /** Facts as given (tests). */
    HostFacts(String name, String kernelVersion, String operatingSystem, String osVersion, String unameArch, String goArch, int cpus,
            long memTotal, String daemonId) {
        this.name = name;
        this.kernelVersion = kernelVersion;
        this.operatingSystem = operatingSystem;
        this.osVersion = osVersion;
        this.unameArch = unameArch;
        this.goArch = goArch;
        this.cpus = cpus;
        this.memTotal = memTotal;
        this.daemonId = daemonId;
    }

    /** The facts of the host this runs on. */
    HostFacts() {
        String javaArch = System.getProperty("os.arch", "");
        name = firstLine(Path.of("/proc/sys/kernel/hostname"), System.getenv().getOrDefault("HOSTNAME", ""));
        kernelVersion = firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version", ""));
        operatingSystem = osRelease("PRETTY_NAME", System.getProperty("os.name", ""));
        osVersion = osRelease("VERSION_ID", "");
        unameArch = unameArch(javaArch);
        goArch = goArch(javaArch);
        cpus = allowedCpus();
        memTotal = memTotal();
        daemonId = UUID.nameUUIDFromBytes(("image-catalog on " + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Docker names architectures as Go does ({@code /version}'s {@code Arch}). */
    static String goArch(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> javaArch;
        };
    }

    /** As {@code uname -m} names it ({@code /info}'s {@code Architecture}). */
    static String unameArch(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "i686";
            default -> javaArch;
        };
    }

    private static String firstLine(Path file, String otherwise) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? otherwise : text;
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
    }

    /** A value of {@code /etc/os-release} (or {@code /usr/lib/os-release}), quotes removed. */
    static String osRelease(String key, String otherwise) {
        for (Path file : new Path[] {Path.of("/etc/os-release"), Path.of("/usr/lib/os-release")}) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith(key + "=")) {
                        String value = line.substring(key.length() + 1).strip();
                        if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'")) && value.endsWith(value.substring(0, 1))) {
                            value = value.substring(1, value.length() - 1);
                        }
                        return value;
                    }
                }
                return otherwise;
            } catch (IOException | RuntimeException e) {
                // the next file, or the fallback
            }
        }
        return otherwise;
    }

    /**
     * The CPUs this process may run on, as Go's {@code runtime.NumCPU} counts them (the affinity
     * mask, {@code Cpus_allowed_list}); not the JVM's figure, which a container's CPU quota lowers.
     */
    private static int allowedCpus() {
        int jvm = Runtime.getRuntime().availableProcessors();
        try {
            return allowedCpus(Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII), jvm);
        } catch (IOException | RuntimeException e) {
            return jvm;
        }
    }

    /** The count of {@code Cpus_allowed_list} ({@code 0-3,8,10-11}) in a {@code /proc/PID/status}; else {@code otherwise}. */
    static int allowedCpus(List<String> status, int otherwise) {
        for (String line : status) {
            if (line.startsWith("Cpus_allowed_list:")) {
                int count = 0;
                for (String range : line.substring("Cpus_allowed_list:".length()).strip().split(",")) {
                    String[] ends = range.strip().split("-");
                    count += ends.length == 2 ? Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1 : 1;
                }
                return count > 0 ? count : otherwise;
            }
        }
        return otherwise;
    }

    private static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemTotal:")) {
                    String[] parts = line.substring("MemTotal:".length()).strip().split("\\s+");
                    return Long.parseLong(parts[0]) * (parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? 1024 : 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return 0;
    }
}
