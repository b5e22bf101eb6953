package dev.imagecatalog.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell pattern with the semantics of Go's {@code path.Match}, which the daemon uses for
 * {@code reference} filters: {@code *} and {@code ?} never match {@code /}; {@code [...]} classes
 * with ranges and {@code ^} negation; {@code \} escapes. The pattern is compiled once and checked
 * whole, so a malformed pattern is refused whatever the catalog holds.
 */
public final class GoGlob {

    /** Go's {@code path.ErrBadPattern}. */
    public static final String BAD_PATTERN = "syntax error in pattern";

    private sealed interface Token permits Literal, AnyChar, CharClass {
    }

    private record Literal(int codePoint) implements Token {
    }

    private record AnyChar() implements Token {
    }

    private record CharClass(boolean negated, int[] ranges) implements Token {
        boolean matches(int c) {
            boolean in = false;
            for (int i = 0; i < ranges.length; i += 2) {
                if (ranges[i] <= c && c <= ranges[i + 1]) {
                    in = true;
                    break;
                }
            }
            return in != negated;
        }
    }

    /** A run of tokens, preceded by a {@code *} or not. */
    private record Chunk(boolean star, List<Token> tokens) {
    }

    private final String pattern;
    private final List<Chunk> chunks;
    /** The literal characters every match starts with. */
    private final String literalPrefix;

    private GoGlob(String pattern, List<Chunk> chunks) {
        this.pattern = pattern;
        this.chunks = chunks;
        StringBuilder prefix = new StringBuilder();
        if (!chunks.isEmpty() && !chunks.get(0).star()) {
            for (Token token : chunks.get(0).tokens()) {
                if (!(token instanceof Literal literal)) {
                    break;
                }
                prefix.appendCodePoint(literal.codePoint());
            }
        }
        this.literalPrefix = prefix.toString();
    }

    /** @throws InvalidQueryException {@value #BAD_PATTERN} for a malformed pattern */
    public static GoGlob compile(String pattern) {
        int[] p = pattern.codePoints().toArray();
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        while (i < p.length) {
            boolean star = false;
            while (i < p.length && p[i] == '*') {
                star = true;
                i++;
            }
            List<Token> tokens = new ArrayList<>();
            while (i < p.length && p[i] != '*') {
                switch (p[i]) {
                    case '?' -> {
                        tokens.add(new AnyChar());
                        i++;
                    }
                    case '[' -> i = readClass(p, i + 1, tokens);
                    case '\\' -> {
                        if (i + 1 >= p.length) {
                            throw bad();
                        }
                        tokens.add(new Literal(p[i + 1]));
                        i += 2;
                    }
                    default -> {
                        tokens.add(new Literal(p[i]));
                        i++;
                    }
                }
            }
            chunks.add(new Chunk(star, List.copyOf(tokens)));
        }
        return new GoGlob(pattern, List.copyOf(chunks));
    }

    /** Reads a class after its {@code [}; returns the index after its {@code ]}. */
    private static int readClass(int[] p, int i, List<Token> tokens) {
        boolean negated = i < p.length && p[i] == '^';
        if (negated) {
            i++;
        }
        List<Integer> ranges = new ArrayList<>();
        while (true) {
            if (i < p.length && p[i] == ']' && !ranges.isEmpty()) {
                i++;
                break;
            }
            int[] lo = classChar(p, i);
            int[] hi = lo;
            i = lo[1];
            if (p[i] == '-') {
                hi = classChar(p, i + 1);
                i = hi[1];
            }
            ranges.add(lo[0]);
            ranges.add(hi[0]);
        }
        tokens.add(new CharClass(negated, ranges.stream().mapToInt(Integer::intValue).toArray()));
        return i;
    }

    /** Go's getEsc: one possibly escaped class character; returns {char, next index}. */
    private static int[] classChar(int[] p, int i) {
        if (i >= p.length || p[i] == '-' || p[i] == ']') {
            throw bad();
        }
        if (p[i] == '\\') {
            i++;
            if (i >= p.length) {
                throw bad();
            }
        }
        if (i + 1 >= p.length) {
            throw bad(); // the class is never closed
        }
        return new int[] {p[i], i + 1};
    }

    private static InvalidQueryException bad() {
        return new InvalidQueryException(BAD_PATTERN);
    }

    public String pattern() {
        return pattern;
    }

    /** The literal text every matching name starts with ({@code ""} when the pattern starts with a wildcard). */
    public String literalPrefix() {
        return literalPrefix;
    }

    /** Whether the whole name matches, as {@code path.Match(pattern, name)}. Allocates nothing. */
    public boolean matches(String s) {
        return matches(s, s.length());
    }

    /**
     * Whether the first {@code length} characters of {@code s} match (a reference's name without
     * cutting it out of the reference); {@code length} must not split a surrogate pair.
     */
    public boolean matches(String s, int length) {
        if (literalPrefix.length() > length || !s.startsWith(literalPrefix)) {
            return false; // the cheap test that rejects most names
        }
        int pos = 0;
        chunks:
        for (int c = 0; c < chunks.size(); c++) {
            Chunk chunk = chunks.get(c);
            boolean last = c == chunks.size() - 1;
            if (chunk.star() && chunk.tokens().isEmpty()) {
                // A trailing star matches the rest unless it holds a '/'.
                int slash = s.indexOf('/', pos);
                return slash < 0 || slash >= length;
            }
            int end = matchChunk(chunk.tokens(), s, pos, length);
            if (end >= 0 && (end == length || !last)) {
                pos = end;
                continue;
            }
            if (chunk.star()) {
                // Try again after skipping 1, 2, ... characters; a star cannot skip a '/'.
                for (int skip = pos; skip < length && s.charAt(skip) != '/'; skip += Character.charCount(s.codePointAt(skip))) {
                    end = matchChunk(chunk.tokens(), s, skip + Character.charCount(s.codePointAt(skip)), length);
                    if (end >= 0) {
                        if (last && end < length) {
                            continue;
                        }
                        pos = end;
                        continue chunks;
                    }
                }
            }
            return false;
        }
        return pos == length;
    }

    /** Matches the tokens at index {@code pos}, before {@code length}; returns the index after them, or -1. */
    private static int matchChunk(List<Token> tokens, String s, int pos, int length) {
        for (Token token : tokens) {
            if (pos >= length) {
                return -1;
            }
            int c = s.codePointAt(pos);
            boolean ok;
            if (token instanceof Literal literal) {
                ok = literal.codePoint() == c;
            } else if (token instanceof CharClass cls) {
                ok = cls.matches(c);
            } else {
                ok = c != '/';
            }
            if (!ok) {
                return -1;
            }
            pos += Character.charCount(c);
        }
        return pos;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** Globs are equal when their patterns are: the pattern alone decides what matches (a query is a cache key). */
    @Override
    public boolean equals(Object other) {
        return other instanceof GoGlob glob && glob.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }
}
