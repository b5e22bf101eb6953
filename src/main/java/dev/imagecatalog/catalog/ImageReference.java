package dev.imagecatalog.catalog;

import java.util.Locale;

/**
 * A Docker image reference ({@code name[:tag][@digest]}), parsed and normalised the way the docker
 * daemon does (the distribution "reference" grammar and its {@code ParseNormalizedNamed}).
 *
 * <p>All four spellings that a {@code reference} filter may match are known here: familiar
 * ({@code ubuntu:22.04}) and canonical ({@code docker.io/library/ubuntu:22.04}), each with and
 * without tag/digest. A catalog keeps hundreds of thousands of references, so only the two full
 * strings are stored (one string outside Docker Hub, where both spellings are the same); the
 * names, the tag and the digest are parts of them, read when asked for.
 */
public final class ImageReference {

    private final String familiar;  // ubuntu:22.04, acme/app@sha256:..., localhost:5000/test/busybox:1
    private final String canonical; // docker.io/library/ubuntu:22.04; the same string outside Docker Hub
    private final int tagStart;     // in familiar, after the ':' of the tag; -1 without a tag
    private final int digestStart;  // in familiar, after the '@' of the digest; -1 without a digest

    private ImageReference(String familiar, String canonical, int tagStart, int digestStart) {
        this.familiar = familiar;
        this.canonical = canonical;
        this.tagStart = tagStart;
        this.digestStart = digestStart;
    }

    private static final String DEFAULT_DOMAIN = "docker.io";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_REPO_PREFIX = "library/";
    private static final int NAME_TOTAL_LENGTH_MAX = 255;
    /** distribution/reference's words for text outside the grammar. */
    private static final String INVALID_FORMAT = "invalid reference format";

    /**
     * Parses a reference as the daemon does for names given by users: a bare name stays untagged.
     *
     * <p>This runs for every reference of a catalog at load, so the grammar is checked on index
     * ranges of the text, without cutting it into pieces, and the text itself is kept when it is
     * already the familiar spelling (as a daemon writes it).
     */
    public static ImageReference parse(String text) {
        if (text.isEmpty()) {
            throw new InvalidReferenceException(INVALID_FORMAT); // as ParseNormalizedNamed("") fails
        }
        if (isHex(text, 0, 64)) {
            throw new InvalidReferenceException(
                    "invalid repository name (" + text + "), cannot specify 64-byte hexadecimal strings");
        }
        // text = [domain "/"] path [":" tag] ["@" digest]; "start" is where the path starts.
        int slash = text.indexOf('/');
        boolean domainGiven = slash >= 0 && !isPathComponentNotDomain(text, slash);
        int start = domainGiven ? slash + 1 : 0;
        boolean hub = !domainGiven || isDockerHub(text, slash);
        boolean official = hub && text.indexOf('/', start) < 0; // Docker Hub's official images: library/<name>
        int colon = text.indexOf(':', start);
        int remoteEnd = colon < 0 ? text.length() : colon;
        if (!isLowerCase(text, start, remoteEnd)) {
            throw new InvalidReferenceException("invalid reference format: repository name ("
                    + (official ? OFFICIAL_REPO_PREFIX : "") + text.substring(start, remoteEnd) + ") must be lowercase");
        }
        int at = text.indexOf('@', start);
        int beforeDigest = at < 0 ? text.length() : at;
        int tagColon = text.lastIndexOf(':', beforeDigest - 1);
        boolean tagged = tagColon >= start && tagColon > text.lastIndexOf('/', beforeDigest - 1);
        int pathEnd = tagged ? tagColon : beforeDigest;
        if (!(hub || isDomain(text, 0, slash)) || !isPath(text, start, pathEnd)
                || (tagged && !isTag(text, tagColon + 1, beforeDigest))) {
            throw new InvalidReferenceException(INVALID_FORMAT);
        }
        if (at >= 0 && !DIGEST_GRAMMAR.matcher(text).region(at + 1, text.length()).matches()) {
            throw new InvalidReferenceException(INVALID_FORMAT);
        }
        // As distribution/reference: the path (after the domain; library/ included) is what is limited.
        int pathLength = pathEnd - start + (official ? OFFICIAL_REPO_PREFIX.length() : 0);
        if (pathLength > NAME_TOTAL_LENGTH_MAX) {
            throw new InvalidReferenceException("repository name must not be more than 255 characters");
        }
        if (at >= 0) {
            checkDigest(text, at + 1);
        }

        // Tag and digest follow the name as written; the text is the familiar spelling when its name is.
        String familiar = text;
        String canonical = text;
        if (hub) {
            String suffix = text.substring(pathEnd);
            String path = (official ? OFFICIAL_REPO_PREFIX : "") + text.substring(start, pathEnd);
            String familiarName = path.startsWith(OFFICIAL_REPO_PREFIX) && path.indexOf('/', OFFICIAL_REPO_PREFIX.length()) < 0
                    ? path.substring(OFFICIAL_REPO_PREFIX.length())
                    : path;
            boolean textIsFamiliar = pathEnd == familiarName.length() && text.startsWith(familiarName);
            familiar = textIsFamiliar ? text : familiarName + suffix;
            canonical = DEFAULT_DOMAIN + "/" + path + suffix;
        }
        int nameLength = familiar.length() - (text.length() - pathEnd);
        int tagStart = tagged ? nameLength + 1 : -1;
        int digestStart = at < 0 ? -1 : familiar.length() - (text.length() - at - 1);
        return new ImageReference(familiar, canonical, tagStart, digestStart);
    }

    /** Path components separated by {@code /}: {@code [a-z0-9]+} joined by {@code .}, {@code _}, {@code __} or dashes. */
    private static boolean isPath(String s, int from, int to) {
        return everyPart(s, from, to, '/', ImageReference::isPathComponent);
    }

    /** A check of the characters from {@code from} to {@code to}. */
    @FunctionalInterface
    private interface RangeCheck {
        boolean test(String s, int from, int to);
    }

    /** Whether every part of the range, split at {@code separator}, passes the check (an empty part too). */
    private static boolean everyPart(String s, int from, int to, char separator, RangeCheck part) {
        int start = from;
        while (true) {
            int at = s.indexOf(separator, start);
            int end = at < 0 || at > to ? to : at;
            if (!part.test(s, start, end)) {
                return false;
            }
            if (end == to) {
                return true;
            }
            start = end + 1;
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
    private static boolean isTag(String s, int from, int to) {
        if (from >= to || to - from > 128 || s.charAt(from) == '.' || s.charAt(from) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!word && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** A reference as a snapshot stored it: already checked when its catalog was compiled. */
    public static ImageReference restore(String familiar, String canonical, int tagStart, int digestStart) {
        return new ImageReference(familiar, canonical, tagStart, digestStart);
    }

    /** Where the tag starts in {@link #familiar()}, or -1: what a snapshot stores beside the strings. */
    public int tagStart() {
        return tagStart;
    }

    /** Where the digest starts in {@link #familiar()}, or -1. */
    public int digestStart() {
        return digestStart;
    }

    /** Parses a reference and applies the daemon's default tag when it names neither tag nor digest. */
    public static ImageReference parseWithDefaultTag(String text) {
        ImageReference ref = parse(text);
        // The canonical name, unlike the familiar one, always reads back as the same repository.
        return !ref.isTagged() && !ref.isDigested() ? parse(ref.canonicalName() + ":latest") : ref;
    }

    /** True when the text is a full image id (64 hex digits), with or without {@code sha256:}. */
    public static boolean isFullImageId(String text) {
        return isHex(text, 0, 64) || (text.startsWith("sha256:") && isHex(text, 7, 64));
    }

    /** True when the text is a short image id: lower-case hex digits, at least one, optionally after {@code sha256:}. */
    public static boolean isImageIdPrefix(String text) {
        int from = text.startsWith("sha256:") ? 7 : 0;
        return from < text.length() && isHex(text, from, text.length() - from);
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
        return isDomain(domain, 0, domain.length());
    }

    /** {@link #isDomain(String)} for the characters from {@code from} to {@code to}. */
    private static boolean isDomain(String s, int from, int to) {
        int end = to;
        int colon = lastIndexOf(s, ':', from, end);
        if (colon >= 0 && colon > lastIndexOf(s, ']', from, end)) {
            if (colon == end - 1) {
                return false;
            }
            for (int i = colon + 1; i < end; i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return false;
                }
            }
            end = colon;
        }
        if (end > from && s.charAt(from) == '[') {
            if (end - from < 3 || s.charAt(end - 1) != ']') {
                return false;
            }
            for (int i = from + 1; i < end - 1; i++) {
                char c = s.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':')) {
                    return false;
                }
            }
            return true;
        }
        return everyPart(s, from, end, '.', ImageReference::isHostComponent);
    }

    /** The last {@code c} from {@code from} to {@code to}, or -1. */
    private static int lastIndexOf(String s, char c, int from, int to) {
        int i = to - 1 < from ? -1 : s.lastIndexOf(c, to - 1);
        return i >= from ? i : -1;
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

    /** The familiar name: {@code ubuntu}, {@code acme/app}, {@code localhost:5000/test/busybox}. */
    public String familiarName() {
        return familiar.substring(0, familiarNameLength());
    }

    /** The canonical name: {@code docker.io/library/ubuntu}. */
    public String canonicalName() {
        return canonical.substring(0, canonicalNameLength());
    }

    /** The length of the familiar name at the start of {@link #familiar()}. */
    public int familiarNameLength() {
        return tagStart >= 0 ? tagStart - 1 : digestStart >= 0 ? digestStart - 1 : familiar.length();
    }

    /** The length of the canonical name at the start of {@link #canonical()}: tag and digest are the same in both. */
    public int canonicalNameLength() {
        return canonical.length() - (familiar.length() - familiarNameLength());
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

    /** Docker takes the first path element (up to {@code slash}) as a registry only if it looks like a host. */
    private static boolean isPathComponentNotDomain(String text, int slash) {
        int dot = text.indexOf('.');
        int colon = text.indexOf(':');
        return (dot < 0 || dot > slash) && (colon < 0 || colon > slash)
                && !(slash == "localhost".length() && text.startsWith("localhost"))
                && isLowerCase(text, 0, slash);
    }

    /** Whether the domain up to {@code slash} is Docker Hub's, by either of its names. */
    private static boolean isDockerHub(String text, int slash) {
        return (slash == DEFAULT_DOMAIN.length() && text.startsWith(DEFAULT_DOMAIN))
                || (slash == LEGACY_DEFAULT_DOMAIN.length() && text.startsWith(LEGACY_DEFAULT_DOMAIN));
    }

    /** Whether lower-casing the characters from {@code from} to {@code to} would leave them as they are. */
    private static boolean isLowerCase(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
            if (c >= 0x80) { // beyond ASCII: as Java's own lower-casing says
                String part = s.substring(from, to);
                return part.toLowerCase(Locale.ROOT).equals(part);
            }
        }
        return true;
    }

    /** The digest part of the reference grammar: an algorithm, {@code :}, and at least 32 hex digits of either case. */
    private static final java.util.regex.Pattern DIGEST_GRAMMAR =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    /**
     * The digest from {@code from} to the end of the text, checked as go-digest checks it, with its
     * words: the algorithm must be known, the hex of its length, and lower case.
     */
    private static void checkDigest(String text, int from) {
        String digest = text.substring(from); // within the grammar (checked before)
        int colon = digest.indexOf(':');
        int expected;
        if (isAlgorithm(digest, 0, colon, "sha256")) {
            expected = 64;
        } else if (isAlgorithm(digest, 0, colon, "sha384")) {
            expected = 96;
        } else if (isAlgorithm(digest, 0, colon, "sha512")) {
            expected = 128;
        } else {
            boolean wellFormed = digest.substring(0, colon).matches("[a-z0-9]+(?:[.+_-][a-z0-9]+)*");
            throw new InvalidReferenceException(wellFormed ? "unsupported digest algorithm" : "invalid checksum digest format");
        }
        if (digest.length() - colon - 1 != expected) {
            throw new InvalidReferenceException("invalid checksum digest length");
        }
        if (!isHex(digest, colon + 1, expected)) {
            throw new InvalidReferenceException("invalid checksum digest format");
        }
    }

    private static boolean isAlgorithm(String text, int from, int to, String algorithm) {
        return to - from == algorithm.length() && text.startsWith(algorithm, from);
    }
}
