package dev.imagecatalog.query;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code filters} parameter: filter name to a set of values, read from either wire form.
 * <ul>
 * <li>map form, sent by every current client: {@code {"label":{"a=b":true}}} (the booleans are not
 * consulted);</li>
 * <li>list form, sent by old clients: {@code {"label":["a=b"]}}.</li>
 * </ul>
 * One object is in one form, as the daemon decodes it: a mixture is not a filter set.
 * {@code ""}, {@code {}} and {@code null} mean no filters.
 */
public final class FilterArgs {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final FilterArgs NONE = new FilterArgs(Map.of());

    private final Map<String, Set<String>> values;

    private FilterArgs(Map<String, Set<String>> values) {
        this.values = values;
    }

    /** @throws InvalidQueryException {@code invalid filter} when the text is neither form */
    public static FilterArgs parse(String json) {
        if (json == null || json.isEmpty()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw invalid();
        }
        if (root == null || root.isMissingNode()) {
            throw invalid(); // blank: not JSON
        }
        if (root.isNull()) {
            return NONE;
        }
        if (!root.isObject()) {
            throw invalid();
        }
        Map<String, Set<String>> mapForm = readMapForm(root);
        Map<String, Set<String>> values = mapForm != null ? mapForm : readListForm(root);
        if (values == null) {
            throw invalid();
        }
        return new FilterArgs(Collections.unmodifiableMap(values));
    }

    /** {@code {"name":{"value":true}}}; null when the object is not in this form. */
    private static Map<String, Set<String>> readMapForm(JsonNode root) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> filter = it.next();
            JsonNode set = filter.getValue();
            Set<String> names = new LinkedHashSet<>();
            if (set.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> v = set.fields(); v.hasNext();) {
                    Map.Entry<String, JsonNode> value = v.next();
                    if (!value.getValue().isBoolean() && !value.getValue().isNull()) {
                        return null;
                    }
                    names.add(value.getKey());
                }
            } else if (!set.isNull()) {
                return null;
            }
            values.put(filter.getKey(), names);
        }
        return values;
    }

    /** {@code {"name":["value"]}}; null when the object is not in this form. */
    private static Map<String, Set<String>> readListForm(JsonNode root) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> filter = it.next();
            JsonNode list = filter.getValue();
            Set<String> names = new LinkedHashSet<>();
            if (list.isArray()) {
                for (JsonNode value : list) {
                    if (value.isTextual()) {
                        names.add(value.textValue());
                    } else if (value.isNull()) {
                        names.add(""); // as Go decodes a null string
                    } else {
                        return null;
                    }
                }
            } else if (!list.isNull()) {
                return null;
            }
            values.put(filter.getKey(), names);
        }
        return values;
    }

    private static InvalidQueryException invalid() {
        return new InvalidQueryException("invalid filter");
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The values of a filter, empty when absent. */
    public Set<String> get(String name) {
        return values.getOrDefault(name, Set.of());
    }

    public Set<String> names() {
        return values.keySet();
    }

    /**
     * The daemon's error for a filter with a value it cannot take:
     * {@code invalid filter 'dangling=[maybe]'}, values sorted, as Go prints a string slice.
     */
    public InvalidQueryException invalidValue(String name) {
        Set<String> given = get(name);
        String shown = given.isEmpty() ? "" : "=" + String.join(" ", new TreeSet<>(given)).transform(s -> "[" + s + "]");
        return new InvalidQueryException("invalid filter '" + name + shown + "'");
    }

    /**
     * moby's {@code Args.Validate}: every filter name must be one the route accepts, else
     * {@code invalid filter 'name'} (of several unknown names the daemon names one at random; here the
     * first in order).
     */
    public void acceptOnly(Set<String> accepted) {
        for (String name : new TreeSet<>(names())) {
            if (!accepted.contains(name)) {
                throw new InvalidQueryException("invalid filter '" + name + "'");
            }
        }
    }

    /**
     * moby's {@code Args.GetBoolOrDefault}: {@code true}/{@code 1} or {@code false}/{@code 0}; none of
     * them, both, or no value at all is the daemon's {@code invalid filter} error.
     */
    public boolean boolOrDefault(String name, boolean defaultValue) {
        if (!contains(name)) {
            return defaultValue;
        }
        Set<String> given = get(name);
        if (given.isEmpty()) {
            throw new InvalidQueryException("invalid filter '" + name + "'");
        }
        boolean isFalse = given.contains("0") || given.contains("false");
        boolean isTrue = given.contains("1") || given.contains("true");
        if (isFalse == isTrue) {
            throw invalidValue(name);
        }
        return isTrue;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
