package dev.imagecatalog.query.daemon;

import dev.imagecatalog.query.FilterArgs;
import dev.imagecatalog.query.GoNumbers;
import dev.imagecatalog.query.InvalidQueryException;
import dev.imagecatalog.query.NotFoundException;
import dev.imagecatalog.query.QueryParameters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code GET /networks} and {@code GET /networks/{id}} over the daemon's networks, as the daemon
 * filters and finds them (moby 28.x: api/server/router/network/network_routes.go,
 * daemon/network/filter.go FilterNetworks, libnetwork's FindNetwork).
 */
public final class NetworkQuery {

    static final Set<String> ACCEPTED = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");

    private NetworkQuery() {
    }

    /**
     * The networks a list request names.
     *
     * @throws InvalidQueryException 400 in the daemon's words (moby 28 answers an unknown {@code type} with a 500)
     */
    public static List<DaemonNetwork> select(QueryParameters params, List<DaemonNetwork> networks) {
        FilterArgs filters = FilterArgs.parse(params.first("filters").orElse(""));
        filters.acceptOnly(ACCEPTED);
        if (filters.names().isEmpty()) {
            return networks;
        }
        List<DaemonNetwork> shown = new ArrayList<>();
        for (DaemonNetwork network : networks) {
            if (filters.contains("driver") && !exact(filters, "driver", network.driver())
                    || filters.contains("name") && !match(filters, "name", network.name())
                    || filters.contains("id") && !match(filters, "id", network.id())
                    || filters.contains("label") && !filters.get("label").isEmpty() // no network here has labels
                    || filters.contains("scope") && !exact(filters, "scope", DaemonNetwork.SCOPE)) {
                continue;
            }
            shown.add(network);
        }
        Set<String> dangling = filters.get("dangling");
        if (!dangling.isEmpty()) {
            if (dangling.size() > 1) {
                throw new InvalidQueryException("got more than one value for filter key \"dangling\"");
            }
            boolean danglingOnly = switch (dangling.iterator().next()) {
                case "0", "false" -> false;
                case "1", "true" -> true;
                default -> throw new InvalidQueryException(
                        "invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")");
            };
            // Dangling: not the daemon's own and unused. Every network here is the daemon's own.
            shown = shown.stream().filter(network -> danglingOnly != network.predefined()).toList();
        }
        if (filters.contains("type")) {
            Set<DaemonNetwork> typed = new LinkedHashSet<>();
            for (String type : new TreeSet<>(filters.get("type"))) {
                boolean builtin = switch (type) {
                    case "builtin" -> true;
                    case "custom" -> false;
                    default -> throw new InvalidQueryException("invalid filter: 'type'='" + type + "'");
                };
                shown.stream().filter(network -> network.predefined() == builtin).forEach(typed::add);
            }
            shown = List.copyOf(typed);
        }
        return shown;
    }

    /**
     * {@code GET /networks/{id}} as moby's getNetwork reads it: {@code verbose}, when given, must be one
     * of Go's booleans; a {@code scope} narrows the search, so that no local network is found in another.
     *
     * @throws InvalidQueryException {@code invalid value for verbose: ...}
     * @throws NotFoundException {@code network <term> not found}
     */
    public static DaemonNetwork find(String term, QueryParameters params, List<DaemonNetwork> networks) {
        String verbose = params.first("verbose").orElse("");
        if (!verbose.isEmpty()) {
            try {
                GoNumbers.parseBool(verbose);
            } catch (InvalidQueryException e) {
                throw new InvalidQueryException("invalid value for verbose: " + verbose + ": " + e.getMessage());
            }
        }
        String scope = params.first("scope").orElse("");
        if (!scope.isEmpty() && !scope.equals(DaemonNetwork.SCOPE)) {
            throw new NotFoundException("network " + term + " not found");
        }
        return find(term, networks);
    }

    /**
     * The network a path names: its full id, its name, else a unique id prefix.
     *
     * @throws NotFoundException {@code network <term> not found}
     */
    public static DaemonNetwork find(String term, List<DaemonNetwork> networks) {
        for (DaemonNetwork network : networks) {
            if (network.id().equals(term)) {
                return network;
            }
        }
        for (DaemonNetwork network : networks) {
            if (network.name().equals(term)) {
                return network;
            }
        }
        List<DaemonNetwork> prefixed = term.isEmpty() ? List.of()
                : networks.stream().filter(network -> network.id().startsWith(term)).toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        throw new NotFoundException("network " + term + " not found");
    }

    private static boolean exact(FilterArgs filters, String key, String source) {
        return filters.get(key).isEmpty() || filters.get(key).contains(source);
    }

    /**
     * moby filters.Args.Match: whole, or a regular expression found in the source (a bad expression
     * matches nothing). Go's expressions run in linear time; Java's may backtrack for ever on a hostile
     * one, so the search is given a budget of character reads, and one that spends it is no match.
     */
    private static boolean match(FilterArgs filters, String key, String source) {
        if (exact(filters, key, source)) {
            return true;
        }
        for (String expression : filters.get(key)) {
            try {
                if (Pattern.compile(expression).matcher(new Budgeted(source)).find()) {
                    return true;
                }
            } catch (PatternSyntaxException | Budgeted.Spent e) {
                // as Go's regexp.MatchString fails: not a match
            }
        }
        return false;
    }

    /** A string whose characters may be read a bounded number of times. */
    private static final class Budgeted implements CharSequence {
        private static final int READS = 100_000;

        static final class Spent extends RuntimeException {
            Spent() {
                super("the expression took too long", null, false, false);
            }
        }

        private final String text;
        private int left = READS;

        Budgeted(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new Spent();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
