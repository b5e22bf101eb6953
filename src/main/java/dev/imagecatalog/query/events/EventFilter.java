package dev.imagecatalog.query.events;

import dev.imagecatalog.catalog.ImageReference;
import dev.imagecatalog.catalog.InvalidReferenceException;
import dev.imagecatalog.catalog.events.ImageEvent;
import dev.imagecatalog.query.FilterArgs;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which events a watcher's {@code filters} let through, as the daemon decides (moby:
 * daemon/events/filter.go Include): names are not checked (an unknown one is ignored, and an
 * unknown {@code type} matches nothing); different names must all match, the values of one name
 * are alternatives.
 */
public final class EventFilter {

    /** The event type every event here has. */
    public static final String TYPE = "image";
    /** The scope of a daemon's own events. */
    public static final String SCOPE = "local";
    /** Names matched against the start of the actor's id or name (the daemon's fuzzyMatchName). */
    private static final List<String> BY_NAME_PREFIX = List.of("daemon", "container", "plugin", "volume", "network", "node",
            "service", "secret", "config");
    /** {@code event} values that make the whole {@code event} filter match by prefix (moby #25798). */
    private static final Set<String> PREFIX_EVENTS = Set.of("health_status", "exec_create", "exec_start");

    private final FilterArgs filters;

    public EventFilter(FilterArgs filters) {
        this.filters = filters;
    }

    public boolean includes(ImageEvent event) {
        if (filters.names().isEmpty()) {
            return true; // most watchers: nothing to look at
        }
        String id = event.actorId();
        String name = event.attributes().get("name");
        return matchesAction(event.action())
                && exact("type", TYPE)
                && (!filters.contains("scope") || exact("scope", SCOPE))
                && BY_NAME_PREFIX.stream().allMatch(key -> prefix(key, id) || (name != null && prefix(key, name)))
                && matchesImage(id, name)
                && matchesLabels(event.attributes());
    }

    private boolean matchesAction(String action) {
        boolean byPrefix = filters.get("event").stream().anyMatch(PREFIX_EVENTS::contains);
        return byPrefix ? prefix("event", action) : exact("event", action);
    }

    /** {@code image}: the id, the name, or either without its tag, each compared whole. */
    private boolean matchesImage(String id, String name) {
        if (!filters.contains("image") || filters.get("image").isEmpty()) {
            return true;
        }
        return exact("image", id) || (name != null && exact("image", name))
                || exact("image", stripTag(id)) || (name != null && exact("image", stripTag(name)));
    }

    /** {@code label}: {@code key} or {@code key=value}, every one of them, among the attributes. */
    private boolean matchesLabels(Map<String, String> attributes) {
        Set<String> wanted = filters.get("label");
        if (wanted.isEmpty()) {
            return true;
        }
        if (attributes.isEmpty()) {
            return false;
        }
        for (String label : wanted) {
            int eq = label.indexOf('=');
            String key = eq < 0 ? label : label.substring(0, eq);
            String value = attributes.get(key);
            if (value == null || (eq >= 0 && !value.equals(label.substring(eq + 1)))) {
                return false;
            }
        }
        return true;
    }

    /** moby filters.Args.ExactMatch: no filter (or no value) matches everything. */
    private boolean exact(String key, String source) {
        Set<String> values = filters.get(key);
        return values.isEmpty() || values.contains(source);
    }

    /** moby filters.Args.FuzzyMatch: whole, or a value the source starts with. */
    private boolean prefix(String key, String source) {
        Set<String> values = filters.get(key);
        if (values.isEmpty() || values.contains(source)) {
            return true;
        }
        for (String value : values) {
            if (source.startsWith(value)) {
                return true;
            }
        }
        return false;
    }

    /** The familiar name of a reference ({@code alpine:3} → {@code alpine}); the text itself when it is none. */
    static String stripTag(String text) {
        try {
            return ImageReference.parse(text).familiarName();
        } catch (InvalidReferenceException | IllegalArgumentException e) {
            return text;
        }
    }
}
