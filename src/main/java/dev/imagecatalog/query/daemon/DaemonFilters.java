package dev.imagecatalog.query.daemon;

import dev.imagecatalog.query.FilterArgs;
import dev.imagecatalog.query.InvalidQueryException;
import java.util.Set;
import java.util.TreeSet;

/** The checks moby's {@code filters.Args} makes, shared by the routes that read a filter set. */
final class DaemonFilters {

    private DaemonFilters() {
    }

    /**
     * {@code Args.Validate}: every filter name must be one the route accepts, else
     * {@code invalid filter 'name'} (of several unknown names, the daemon names one at random; here the first in order).
     */
    static void acceptOnly(FilterArgs filters, Set<String> accepted) {
        for (String name : new TreeSet<>(filters.names())) {
            if (!accepted.contains(name)) {
                throw new InvalidQueryException("invalid filter '" + name + "'");
            }
        }
    }

    /**
     * {@code Args.GetBoolOrDefault}: {@code true}/{@code 1} or {@code false}/{@code 0}; none of them,
     * both, or no value at all is the daemon's {@code invalid filter} error.
     */
    static boolean boolOrDefault(FilterArgs filters, String name, boolean defaultValue) {
        if (!filters.contains(name)) {
            return defaultValue;
        }
        Set<String> values = filters.get(name);
        if (values.isEmpty()) {
            throw new InvalidQueryException("invalid filter '" + name + "'");
        }
        boolean isFalse = values.contains("0") || values.contains("false");
        boolean isTrue = values.contains("1") || values.contains("true");
        if (isFalse == isTrue) {
            throw filters.invalidValue(name);
        }
        return isTrue;
    }
}
