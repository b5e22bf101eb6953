package dev.imagecatalog.catalog;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A Docker image reference ({@code name[:tag][@digest]}), parsed and normalised the way the docker
 * daemon does (the distribution "reference" grammar and its {@code ParseNormalizedNamed}).
 *
 * <p>All four spellings that a {@code reference} filter may match are computed once, here:
 * familiar ({@code ubuntu:22.04}) and canonical ({@code docker.io/library/ubuntu:22.04}), each with
 * and without tag/digest. A catalog keeps hundreds of thousands of references, so the tag and the
 * digest are not stored apart: they are read from the familiar string when asked for.
 */
public final class ImageReference {

    private final String familiarName;  // ubuntu, acme/app, localhost:5000/test/busybox
    private final String canonicalName; // docker.io/library/ubuntu
    private final String familiar;      // familiar name with tag and/or digest
    private final String canonical;     // canonical name with tag and/or digest
    private final int tagStart;         // in familiar, after the ':' of the tag; -1 without a tag
    private final int digestStart;      // in familiar, after the '@' of the digest; -1 without a digest

    private ImageReference(String familiarName, String canonicalName, String familiar, String canonical,
            int tagStart, int digestStart) {
        this.familiarName = familiarName;
        this.canonicalName = canonicalName;
        this.familiar = familiar;
        this.canonical = canonical;
        this.tagStart = tagStart;
        this.digestStart = digestStart;
    }

    private static final String DEFAULT_DOMAIN = "docker.io";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_REPO_PREFIX = "library/";
    private static final int NAME_TOTAL_LENGTH_MAX = 255;

    /** Parses a reference as the daemon does for names given by users: a bare name stays untagged. */
    public static ImageReference parse(String text) {
        return parse(text, UnaryOperator.identity());
    }

    /**
     * Parses a reference; {@code names} gives the copy of a repository name to keep (the loader
     * shares one copy among every reference to a repository across a whole catalog).
     */
    static ImageReference parse(String text, UnaryOperator<String> names) {
        if (text.isEmpty()) {
            throw new InvalidReferenceException("invalid reference format: repository name must have at least one component");
        }
        if (isHex(text, 0, 64)) {
            throw new InvalidReferenceException(
                    "invalid repository name (" + text + "), cannot specify 64-byte hexadecimal strings");
        }
        int slash = text.indexOf('/');
        String domain;
        String remainder;
        if (slash < 0 || isPathComponentNotDomain(text.substring(0, slash))) {
            domain = DEFAULT_DOMAIN;
            remainder = text;
        } else {
            domain = text.substring(0, slash);
            remainder = text.substring(slash + 1);
        }
        if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
            remainder = OFFICIAL_REPO_PREFIX + remainder;
        }
        int colon = remainder.indexOf(':');
        String remote = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
            throw new InvalidReferenceException(
                    "invalid reference format: repository name (" + remote + ") must be lowercase");
        }
        // The grammar, checked by hand: this runs for every reference of a catalog at load.
        String digest = null;
        int at = remainder.indexOf('@');
        String name = remainder;
        if (at >= 0) {
            digest = remainder.substring(at + 1);
            name = remainder.substring(0, at);
        }
        String tag = null;
        int colon2 = name.lastIndexOf(':');
        if (colon2 > name.lastIndexOf('/')) {
            tag = name.substring(colon2 + 1);
            name = name.substring(0, colon2);
        }
        if (!(domain.equals(DEFAULT_DOMAIN) || isDomain(domain)) || !isPath(name)
                || (tag != null && !isTag(tag))) {
            throw new InvalidReferenceException("invalid reference format: \"" + text + "\"");
        }
        if (domain.length() + 1 + name.length() > NAME_TOTAL_LENGTH_MAX) {
            throw new InvalidReferenceException(
                    "invalid reference format: repository name must not be more than 255 characters");
        }
        if (digest != null) {
            checkDigest(digest);
        }
        return of(domain, name, tag, digest, names);
    }

    /** Path components separated by {@code /}: {@code [a-z0-9]+} joined by {@code .}, {@code _}, {@code __} or dashes. */
    private static boolean isPath(String path) {
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (!isPathComponent(path, start, end)) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            start = slash + 1;
        }
    }

    private static boolean isPathComponent(String s, int from, int to) {
        if (from >= to || !isLowerAlnum(s.charAt(from)) || !isLowerAlnum(s.charAt(to - 1))) {
            return false;
        }
        int i = from;
        while (i < to) {
            if (isLowerAlnum(s.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < to && !isLowerAlnum(s.charAt(j))) {
                j++;
            }
            if (!isSeparator(s, i, j)) {
                return false;
            }
            i = j;
        }
        return true;
    }

    /** {@code .}, {@code _}, {@code __}, or one or more {@code -}. */
    private static boolean isSeparator(String s, int from, int to) {
        char first = s.charAt(from);
        if (to - from == 1) {
            return first == '.' || first == '_' || first == '-';
        }
        if (to - from == 2 && first == '_') {
            return s.charAt(from + 1) == '_';
        }
        for (int k = from; k < to; k++) {
            if (s.charAt(k) != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}. */
    private static boolean isTag(String tag) {
        if (tag.isEmpty() || tag.length() > 128 || tag.charAt(0) == '.' || tag.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!word && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Parses a reference and applies the daemon's default tag when it names neither tag nor digest. */
    public static ImageReference parseWithDefaultTag(String text) {
        ImageReference ref = parse(text);
        return !ref.isTagged() && !ref.isDigested() ? ref.withTag("latest") : ref;
    }

    /** True when the text is a full image id (64 hex digits), with or without {@code sha256:}. */
    public static boolean isFullImageId(String text) {
        return isHex(text, 0, 64) || (text.startsWith("sha256:") && isHex(text, 7, 64));
    }

    /** Whether the text, from {@code from} to its end, is exactly {@code count} lower-case hex digits. */
    private static boolean isHex(String text, int from, int count) {
        if (text.length() - from != count) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The domain grammar of github.com/distribution/reference: host components
     * ({@code [a-zA-Z0-9]} or {@code [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]}) joined by dots, or an IPv6
     * address in brackets ({@code [a-fA-F0-9:]+}); then an optional {@code :port} of digits.
     */
    static boolean isDomain(String domain) {
        int end = domain.length();
        int colon = domain.lastIndexOf(':');
        if (colon >= 0 && colon > domain.lastIndexOf(']')) {
            if (colon == end - 1) {
                return false;
            }
            for (int i = colon + 1; i < end; i++) {
                if (domain.charAt(i) < '0' || domain.charAt(i) > '9') {
                    return false;
                }
            }
            end = colon;
        }
        if (end > 0 && domain.charAt(0) == '[') {
            if (end < 3 || domain.charAt(end - 1) != ']') {
                return false;
            }
            for (int i = 1; i < end - 1; i++) {
                char c = domain.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':')) {
                    return false;
                }
            }
            return true;
        }
        int start = 0;
        while (true) {
            int dot = domain.indexOf('.', start);
            int to = dot < 0 || dot > end ? end : dot;
            if (!isHostComponent(domain, start, to)) {
                return false;
            }
            if (to == end) {
                return true;
            }
            start = to + 1;
        }
    }

    private static boolean isHostComponent(String s, int from, int to) {
        if (from >= to || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public String familiarName() {
        return familiarName;
    }

    public String canonicalName() {
        return canonicalName;
    }

    public String familiar() {
        return familiar;
    }

    public String canonical() {
        return canonical;
    }

    /** The tag, or null. */
    public String tag() {
        return tagStart < 0 ? null : familiar.substring(tagStart, digestStart < 0 ? familiar.length() : digestStart - 1);
    }

    /** The digest ({@code sha256:...}), or null. */
    public String digest() {
        return digestStart < 0 ? null : familiar.substring(digestStart);
    }

    public boolean isTagged() {
        return tagStart >= 0;
    }

    public boolean isDigested() {
        return digestStart >= 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageReference ref && ref.canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return familiar;
    }

    private ImageReference withTag(String newTag) {
        String domain = canonicalName.substring(0, canonicalName.indexOf('/'));
        String path = canonicalName.substring(canonicalName.indexOf('/') + 1);
        return of(domain, path, newTag, null, UnaryOperator.identity());
    }

    private static ImageReference of(String domain, String path, String tag, String digest, UnaryOperator<String> names) {
        String canonicalName = names.apply(domain + "/" + path);
        String familiarName = canonicalName;
        if (domain.equals(DEFAULT_DOMAIN)) {
            familiarName = names.apply(path.startsWith(OFFICIAL_REPO_PREFIX) && path.indexOf('/', OFFICIAL_REPO_PREFIX.length()) < 0
                    ? path.substring(OFFICIAL_REPO_PREFIX.length())
                    : path);
        }
        String suffix = (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
        String familiar = familiarName + suffix;
        int tagStart = tag == null ? -1 : familiarName.length() + 1;
        int digestStart = digest == null ? -1 : familiar.length() - digest.length();
        // Outside Docker Hub both spellings are one: share the strings (a large catalog keeps many).
        String canonical = familiarName.equals(canonicalName) ? familiar : canonicalName + suffix;
        return new ImageReference(familiarName, canonicalName, familiar, canonical, tagStart, digestStart);
    }

    /** Docker takes the first path element as a registry only if it looks like a host. */
    private static boolean isPathComponentNotDomain(String first) {
        return first.indexOf('.') < 0 && first.indexOf(':') < 0 && !first.equals("localhost")
                && first.toLowerCase(Locale.ROOT).equals(first);
    }

    private static void checkDigest(String digest) {
        int colon = digest.indexOf(':');
        if (colon < 0) {
            throw new InvalidReferenceException("invalid reference format: invalid checksum digest \"" + digest + "\"");
        }
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> throw new InvalidReferenceException(
                    "invalid reference format: unsupported digest algorithm \"" + algorithm + "\"");
        };
        if (!isHex(hex, 0, expected)) {
            throw new InvalidReferenceException("invalid reference format: invalid checksum digest \"" + digest + "\"");
        }
    }
}
