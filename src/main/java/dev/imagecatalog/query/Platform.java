package dev.imagecatalog.query;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code platform} parameter of Image Inspect: an OCI platform as JSON
 * ({@code {"os":"linux","architecture":"arm64"}}), read and checked as moby's
 * {@code httputils.DecodePlatform} does, and compared with an image's platform.
 */
public record Platform(String os, String architecture, String variant) {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.)'|Unrecognized token '(.)");

    /** @throws InvalidQueryException a value that is not an OCI platform (400, moby's wording) */
    public static Platform parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidQueryException("failed to parse platform: " + goSyntaxError(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidQueryException("failed to parse platform: unexpected end of JSON input");
        }
        String os = "";
        String architecture = "";
        String variant = "";
        boolean optional = false;
        if (!root.isNull()) { // Go leaves the struct as it was for null
            if (!root.isObject()) {
                throw new InvalidQueryException("failed to parse platform: json: cannot unmarshal " + goKind(root)
                        + " into Go value of type v1.Platform");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                String key = member.getKey().toLowerCase(Locale.ROOT); // Go matches field names case-insensitively
                JsonNode value = member.getValue();
                switch (key) {
                    case "os" -> os = string(key, value);
                    case "architecture" -> architecture = string(key, value);
                    case "variant" -> variant = string(key, value);
                    case "os.version" -> optional |= !string(key, value).isEmpty();
                    case "os.features" -> {
                        if (!value.isNull() && !value.isArray()) {
                            throw new InvalidQueryException("failed to parse platform: json: cannot unmarshal " + goKind(value)
                                    + " into Go struct field Platform.os.features of type []string");
                        }
                        optional |= value.isArray() && !value.isEmpty();
                    }
                    default -> {
                        // other members are ignored, as Go ignores them
                    }
                }
            }
        }
        optional |= !variant.isEmpty();
        if (os.isEmpty() && architecture.isEmpty() && optional) {
            throw new InvalidQueryException("optional platform fields provided, but OS and Architecture are missing");
        }
        if (os.isEmpty() || architecture.isEmpty()) {
            throw new InvalidQueryException("both OS and Architecture must be provided");
        }
        return new Platform(os, architecture, variant);
    }

    /**
     * Whether an image of this OS and architecture matches: compared lower-cased, with the usual
     * aliases ({@code x86_64} is {@code amd64}, {@code aarch64} is {@code arm64}), the variant
     * ignored. An image whose architecture is unknown ({@code ""}) never mismatches.
     */
    public boolean matches(String imageOs, String imageArchitecture) {
        if (imageArchitecture.isEmpty()) {
            return true;
        }
        return imageOs.toLowerCase(Locale.ROOT).equals(os.toLowerCase(Locale.ROOT))
                && normalArchitecture(imageArchitecture).equals(normalArchitecture(architecture));
    }

    /** {@code os/architecture}, as the daemon's error names a platform. */
    public String format() {
        return os + "/" + architecture;
    }

    static String normalArchitecture(String architecture) {
        return switch (architecture.toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "i386", "386" -> "386";
            case "armhf", "armel", "arm" -> "arm";
            default -> architecture.toLowerCase(Locale.ROOT);
        };
    }

    private static String string(String key, JsonNode value) {
        if (value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new InvalidQueryException("failed to parse platform: json: cannot unmarshal " + goKind(value)
                    + " into Go struct field Platform." + key + " of type " + (key.equals("os.features") ? "[]string" : "string"));
        }
        return value.textValue();
    }

    private static String goKind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case NUMBER -> "number";
            case BOOLEAN -> "bool";
            default -> "string";
        };
    }

    /** Go's words for the commonest syntax errors. */
    private static String goSyntaxError(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message.contains("end-of-input")) {
            return "unexpected end of JSON input";
        }
        Matcher m = UNEXPECTED.matcher(message);
        if (m.find()) {
            String c = m.group(1) != null ? m.group(1) : m.group(2);
            return "invalid character '" + c + "' looking for beginning of value";
        }
        return "invalid JSON";
    }
}
