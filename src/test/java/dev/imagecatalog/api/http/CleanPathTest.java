package dev.imagecatalog.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code path.Clean} with the trailing slash kept, and the 301 target built from it. */
class CleanPathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        /images/json         | /images/json
        //images/json        | /images/json
        /images//json        | /images/json
        /images/./json       | /images/json
        /images/x/../json    | /images/json
        /../images/json      | /images/json
        /images/json/        | /images/json/
        /images/json//       | /images/json/
        /                    | /
        //                   | /
        /.                   | /
        /..                  | /
        /a/b/../../..        | /
        /a/./b/.             | /a/b
        /a/...               | /a/...
        """)
    void cleansAsGoDoesKeepingATrailingSlash(String path, String clean) {
        assertEquals(clean, CleanPath.clean(path));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
        /images/json                | null        | null
        /images/ubuntu%3A1/json     | null        | null
        /images/a%2Fb/json          | null        | null
        //images/json               | all=1       | /images/json?all=1
        /images/a%2F%2Fb/json       | null        | /images/a/b/json
        /images/%2E/json            | ''          | /images/json
        /images/a%20b/./json        | x=%7B       | /images/a%20b/json?x=%7B
        /images/a%3Fb/./json        | null        | /images/a%3Fb/json
        /v1.41/images//ubuntu:1/json | null       | /v1.41/images/ubuntu:1/json
        /images/%C3%A9/./json       | null        | /images/%C3%A9/json
        *                           | null        | null
        /images/Ã©/./json          | null        | /images/%C3%A9/json
        """)
    void theMoveKeepsTheQueryAndEscapesThePath(String rawPath, String query, String location) {
        String target = EdgeRoutes.cleanTarget(rawPath, query);
        if (location == null) {
            assertNull(target);
        } else {
            assertEquals(location, target);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        /images/json            | /images/json
        /images/a%2Fb/json      | /images/a/b/json
        /images/u%40sha256:1/x  | /images/u@sha256:1/x
        /a+b                    | /a+b
        /%e2%82%ac              | /\u20ac
        /%ff                    | /\ufffd
        """)
    void decodesPercentEscapesButNotPlus(String raw, String decoded) {
        assertEquals(decoded, CleanPath.decode(raw));
    }
}
