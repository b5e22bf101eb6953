package dev.imagecatalog.query.daemon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A network the daemon has: here only the ones every Linux daemon creates at start and cannot
 * remove (moby: daemon/daemon_unix.go configureNetworking; {@code IsPredefined}), none of them in use.
 *
 * @param id 64 hex digits, the same at every start (derived from the name: a client may keep it)
 */
public record DaemonNetwork(String name, String id, String driver, Instant created) {

    /** The names the daemon treats as its own ({@code IsPredefined} on Linux). */
    static final Set<String> PREDEFINED = Set.of("bridge", "host", "none", "default");

    public static final String SCOPE = "local";

    /** {@code bridge}, {@code host} and {@code none}, in the order {@code docker network ls} shows them. */
    public static List<DaemonNetwork> defaults(Instant created) {
        return List.of(
                new DaemonNetwork("bridge", idOf("bridge"), "bridge", created),
                new DaemonNetwork("host", idOf("host"), "host", created),
                new DaemonNetwork("none", idOf("none"), "null", created));
    }

    private static String idOf(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("image-catalog network " + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public boolean predefined() {
        return PREDEFINED.contains(name);
    }
}
