package dev.imagecatalog.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The packaged application listens on its HTTP port and its management port (health, metrics), and
 * nothing else: no debug or other port, no UDP.
 */
@EnabledOnOs(OS.LINUX)
class ListeningPortsIT {

    @Test
    void onlyTheHttpAndManagementPortsAreOpen() throws Exception {
        try (PackagedApp app = PackagedApp.start(Map.of())) {
            Set<String> sockets = socketInodes(app.pid());
            assertEquals(Set.of(app.port(), app.managementPort()), listeningPorts(sockets, "tcp", "tcp6"), "TCP ports listening");
            assertEquals(Set.of(), listeningPorts(sockets, "udp", "udp6"), "UDP sockets bound");
        }
    }

    /** The inodes of the sockets the process holds open ({@code /proc/PID/fd/N -> socket:[INODE]}). */
    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new TreeSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return inodes;
    }

    /** Local ports of the process's sockets that listen (TCP state 0A) or are bound at all (UDP). */
    private static Set<Integer> listeningPorts(Set<String> inodes, String... tables) throws IOException {
        Set<Integer> ports = new TreeSet<>();
        for (String table : tables) {
            Path file = Path.of("/proc/net", table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file); // read once: the table changes as connections come and go
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                boolean tcp = table.startsWith("tcp");
                if (inodes.contains(f[9]) && (!tcp || f[3].equals("0A"))) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
