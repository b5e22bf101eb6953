package dev.imagecatalog.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The cases of Go's own path.Match tests, plus the reference names the daemon matches. */
class GoGlobTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
        abc         | abc             | true
        *           | abc             | true
        *c          | abc             | true
        a*          | a               | true
        a*          | abc             | true
        a*          | ab/c            | false
        a*/b        | abc/b           | true
        a*/b        | a/c/b           | false
        a*b*c*d*e*/f | axbxcxdxe/f    | true
        a*b*c*d*e*/f | axbxcxdxexxx/f | true
        a*b*c*d*e*/f | axbxcxdxe/xxx/f | false
        a*b*c*d*e*/f | axbxcxdxexxx/fff | false
        a*b?c*x     | abxbbxdbxebxczzx | true
        a*b?c*x     | abxbbxdbxebxczzy | false
        ab[c]       | abc             | true
        ab[b-d]     | abc             | true
        ab[e-g]     | abc             | false
        ab[^c]      | abc             | false
        ab[^b-d]    | abc             | false
        ab[^e-g]    | abc             | true
        a\\*b       | a*b             | true
        a\\*b       | ab              | false
        a?b         | a☺b             | true
        a[^a]b      | a☺b             | true
        a???b       | a☺b             | false
        a[^a][^a][^a]b | a☺b          | false
        [a-ζ]*      | α               | true
        *[a-ζ]      | A               | false
        a?b         | a/b             | false
        a*b         | a/b             | false
        [\\]a]      | ]               | true
        [\\-]       | -               | true
        [x\\-]      | x               | true
        [x\\-]      | -               | true
        [x\\-]      | z               | false
        [\\-x]      | x               | true
        [\\-x]      | a               | false
        *x          | xxx             | true
        ubuntu      | ubuntu          | true
        ubuntu      | ubuntu:14.04    | false
        ubuntu*     | ubuntu:14.04    | true
        */*         | library/ubuntu  | true
        */*         | docker.io/library/ubuntu | false
        ubuntu:1?.04 | ubuntu:14.04   | true
        """)
    void matchesAsGoDoes(String pattern, String name, boolean expected) {
        assertEquals(expected, GoGlob.compile(pattern).matches(name));
        // The same answer for the name at the start of a longer string (a reference's name, matched in place).
        assertEquals(expected, GoGlob.compile(pattern).matches(name + ":tag/x", name.length()));
        assertEquals(expected, GoGlob.compile(pattern).matches(name + "@sha256:0", name.length()));
    }

    @Test
    void matchingTheStartOfAStringIsMatchingThatPrefix() {
        String[] patterns = {"*", "a*", "*b", "a?c", "a*/b", "[a-c]*", "ab", "a", "", "*/*", "a\\*", "?*?"};
        String text = "abc/b:ab*";
        for (String pattern : patterns) {
            GoGlob glob = GoGlob.compile(pattern);
            for (int length = 0; length <= text.length(); length++) {
                String prefix = text.substring(0, length);
                assertEquals(glob.matches(prefix), glob.matches(text, length), pattern + " ~ " + prefix);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "a[\\", "[a-", "*[", "ok[", "[\\"})
    void refusesMalformedPatternsWhateverTheName(String pattern) {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> GoGlob.compile(pattern));
        assertEquals("syntax error in pattern", e.getMessage());
    }
}
