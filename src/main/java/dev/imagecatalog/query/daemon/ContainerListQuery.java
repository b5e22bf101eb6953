package dev.imagecatalog.query.daemon;

import dev.imagecatalog.query.FilterArgs;
import dev.imagecatalog.query.GoNumbers;
import dev.imagecatalog.query.InvalidQueryException;
import dev.imagecatalog.query.NotFoundException;
import dev.imagecatalog.query.QueryParameters;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /containers/json} on a daemon without containers: nothing to list, but every parameter
 * is checked as the daemon checks it before it looks at a container (moby 28.x:
 * api/server/router/container/container_routes.go getContainersJSON, daemon/list.go foldFilter), in
 * its order, so that a request the daemon refuses is refused here in its words.
 */
public final class ContainerListQuery {

    static final Set<String> ACCEPTED = Set.of("ancestor", "before", "exited", "id", "isolation", "label", "name", "status",
            "health", "since", "volume", "network", "is-task", "publish", "expose");
    private static final List<String> STATES = List.of("created", "running", "paused", "restarting", "removing", "exited", "dead");
    private static final List<String> HEALTH = List.of("none", "starting", "healthy", "unhealthy");

    private ContainerListQuery() {
    }

    /**
     * @throws InvalidQueryException 400, for what the daemon refuses as a bad parameter (and, here,
     *         for a bad {@code limit}, {@code publish} or {@code expose}, which moby 28 answers with a 500)
     * @throws NotFoundException 404, for a {@code before} or {@code since} container: none exists
     */
    public static void check(QueryParameters params) {
        FilterArgs filters = FilterArgs.parse(params.first("filters").orElse(""));
        String limit = params.first("limit").orElse("");
        if (!limit.isEmpty()) {
            GoNumbers.atoi(limit);
        }
        filters.acceptOnly(ACCEPTED);
        for (String exited : sorted(filters, "exited")) {
            try {
                GoNumbers.atoi(exited);
            } catch (InvalidQueryException e) {
                throw new InvalidQueryException("invalid filter 'exited=" + exited + "': " + e.getMessage());
            }
        }
        for (String status : sorted(filters, "status")) {
            if (!STATES.contains(status)) {
                throw new InvalidQueryException("invalid filter 'status=" + status + "': invalid value for state (" + status
                        + "): must be one of " + String.join(", ", STATES));
            }
        }
        filters.boolOrDefault("is-task", false);
        for (String health : sorted(filters, "health")) {
            if (!HEALTH.contains(health)) {
                throw new InvalidQueryException("invalid filter 'health=" + health + "': invalid value for health (" + health
                        + "): must be one of " + String.join(", ", HEALTH));
            }
        }
        for (String name : List.of("before", "since")) {
            for (String container : sorted(filters, name)) {
                throw new NotFoundException("No such container: " + container); // no container exists to name
            }
        }
        // ancestor: an image that is not there is only logged by the daemon; nothing to check.
        for (String name : List.of("publish", "expose")) {
            for (String port : sorted(filters, name)) {
                checkPort(name, port);
            }
        }
    }

    /** daemon/list.go portOp: {@code <port>[/<proto>]} or {@code <start>-<end>[/<proto>]}. */
    static void checkPort(String filter, String value) {
        if (value.contains(":")) {
            throw new InvalidQueryException("filter for '" + filter + "' should not contain ':': " + value);
        }
        String port = splitProtoPort(value);
        try {
            parsePortRange(port);
        } catch (InvalidQueryException e) {
            throw new InvalidQueryException("error while looking up for " + filter + " " + port + ": " + e.getMessage());
        }
    }

    /** go-connections nat.SplitProtoPort: the port part of {@code port/proto}. */
    private static String splitProtoPort(String raw) {
        String[] parts = raw.split("/", -1);
        if (raw.isEmpty() || parts[0].isEmpty()) {
            return "";
        }
        return parts[0];
    }

    /** go-connections nat.ParsePortRange. */
    private static void parsePortRange(String ports) {
        if (ports.isEmpty()) {
            throw new InvalidQueryException("empty string specified for ports");
        }
        if (!ports.contains("-")) {
            GoNumbers.parseUint16(ports);
            return;
        }
        String[] parts = ports.split("-", -1);
        int start = GoNumbers.parseUint16(parts[0]);
        int end = GoNumbers.parseUint16(parts[1]);
        if (end < start) {
            throw new InvalidQueryException("invalid range specified for port: " + ports);
        }
    }

    private static Set<String> sorted(FilterArgs filters, String name) {
        return new TreeSet<>(filters.get(name));
    }
}
