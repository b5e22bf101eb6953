package dev.imagecatalog.catalog;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of one catalog entry as the stream gave them, before any rule is checked: a string, a
 * {@code Long}, a list, label pairs, a JSON tree, or {@link Found} when the value has another kind;
 * null when absent or JSON null.
 *
 * <p>The list form's fields are read into plain values. Every other member is kept as a tree in
 * {@link #others}, because an entry of the inspect form (recognised only once the whole object is
 * read: a string {@code Created} or a {@code Config} member) is served as given; for a list-form
 * entry they are dropped again by the checker.
 */
final class EntryFields {

    /** What was in a field that has the wrong kind of value, as the messages name it ("a string", "the number 5"). */
    record Found(String description) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    Object kind;
    Object id;
    Object parentId;
    Object tags;
    Object digests;
    /** A {@code Long} (list form), a {@code String} (inspect form), or {@link Found}. */
    Object created;
    Object size;
    Object virtualSize;
    Object containers;
    Object labels;
    /** Whether the entry has a {@code Config} member (even null): then it is of the inspect form. */
    boolean hasConfig;
    /** Every member not read above, in the file's order (a repeated one: the last counts, as in Go). */
    ObjectNode others;

    /** Whether the entry is an element of {@code docker image inspect} rather than of a List Images answer. */
    boolean inspectForm() {
        return created instanceof String || hasConfig;
    }

    /** Reads the value at the parser's current token (the start of an array element). */
    static EntryFields read(JsonParser parser, CatalogLoader.Indexes indexes) throws IOException {
        EntryFields fields = new EntryFields();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            fields.kind = describeAndSkip(parser);
            return fields;
        }
        int seen = 0;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            int field = switch (name) {
                case "Id" -> 0;
                case "ParentId" -> 1;
                case "RepoTags" -> 2;
                case "RepoDigests" -> 3;
                case "Created" -> 4;
                case "Size" -> 5;
                case "VirtualSize" -> 6;
                case "Containers" -> 7;
                case "Labels" -> 8;
                default -> -1;
            };
            if (field >= 0) {
                if ((seen & 1 << field) != 0) {
                    throw duplicate(parser, name);
                }
                seen |= 1 << field;
            }
            parser.nextToken();
            switch (field) {
                case 0 -> fields.id = string(parser);
                case 1 -> fields.parentId = string(parser);
                case 2 -> fields.tags = strings(parser);
                case 3 -> fields.digests = strings(parser);
                case 4 -> fields.created = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : number(parser);
                case 5 -> fields.size = number(parser);
                case 6 -> fields.virtualSize = number(parser);
                case 7 -> fields.containers = number(parser);
                case 8 -> fields.labels = labels(parser, indexes);
                default -> {
                    if (name.equals("Config")) {
                        fields.hasConfig = true;
                    }
                    if (fields.others == null) {
                        fields.others = NODES.objectNode();
                    }
                    fields.others.set(name, tree(parser));
                }
            }
        }
        return fields;
    }

    /** The value at the current token as a tree: numbers keep their exact text, keys their order. */
    static JsonNode tree(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                    parser.nextToken();
                    object.set(key, tree(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? NODES.numberNode(parser.getBigIntegerValue()) : NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }

    /** As Jackson words it, at the start of the repeated key. */
    private static JsonParseException duplicate(JsonParser parser, String name) {
        return new JsonParseException(parser, "Duplicate field '" + name + "'", parser.currentTokenLocation());
    }

    private static Object string(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getText();
            default -> describeAndSkip(parser);
        };
    }

    private static Object number(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        return describeAndSkip(parser);
    }

    private static Object strings(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>(2);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText()
                            : describeAndSkip(parser));
                }
                yield items;
            }
            default -> describeAndSkip(parser);
        };
    }

    /** Label pairs in the file's order: key, value (a string or {@link Found}), key, value... */
    private static Object labels(JsonParser parser, CatalogLoader.Indexes indexes) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case START_OBJECT -> {
                List<Object> pairs = new ArrayList<>(8);
                Set<String> many = null; // past a few keys, duplicates are found by a set
                for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                    if (pairs.size() < 16) {
                        for (int i = 0; i < pairs.size(); i += 2) {
                            if (pairs.get(i).equals(key)) {
                                throw duplicate(parser, key);
                            }
                        }
                    } else {
                        if (many == null) {
                            many = new HashSet<>();
                            for (int i = 0; i < pairs.size(); i += 2) {
                                many.add((String) pairs.get(i));
                            }
                        }
                        if (!many.add(key)) {
                            throw duplicate(parser, key);
                        }
                    }
                    pairs.add(key);
                    pairs.add(parser.nextToken() == JsonToken.VALUE_STRING ? indexes.shared(parser.getText())
                            : describeAndSkip(parser));
                }
                yield pairs;
            }
            default -> describeAndSkip(parser);
        };
    }

    /** Names the value at the parser's current token for a message, and moves past it. */
    static Found describeAndSkip(JsonParser parser) throws IOException {
        Found found = new Found(describe(parser));
        parser.skipChildren();
        return found;
    }

    /** Names a value of a tree for a message. */
    static Found describe(JsonNode node) {
        return new Found(switch (node.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING, BINARY -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "the number " + node.asText() : "the fraction " + node.asText();
            case BOOLEAN -> "a boolean";
            default -> "null";
        });
    }

    private static String describe(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT -> "the number " + parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> "the fraction " + parser.getDoubleValue();
            default -> CatalogLoader.kind(parser.currentToken());
        };
    }
}
