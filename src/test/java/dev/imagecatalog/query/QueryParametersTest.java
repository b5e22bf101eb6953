package dev.imagecatalog.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersTest {

    @ParameterizedTest
    @ValueSource(strings = {"all=", "all=0", "all=no", "all=false", "all=none", "all=FALSE", "all=%20No%20", "x=1", "all"})
    void falseBooleans(String query) {
        assertFalse(QueryParameters.parse(query).bool("all"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"all=1", "all=true", "all=yes", "all=2", "all=anything", "all=True"})
    void trueBooleans(String query) {
        assertTrue(QueryParameters.parse(query).bool("all"));
    }

    @Test
    void theFirstOfARepeatedKeyCounts() {
        QueryParameters params = QueryParameters.parse("all=0&all=1&filter=a&filter=b");
        assertFalse(params.bool("all"));
        assertEquals(Optional.of("a"), params.first("filter"));
    }

    @Test
    void decodesPercentEscapesAndPlus() {
        QueryParameters params = QueryParameters.parse("filters=%7B%22label%22%3A%5B%22a%3Db+c%22%5D%7D&k%20y=%E2%98%BA");
        assertEquals(Optional.of("{\"label\":[\"a=b c\"]}"), params.first("filters"));
        assertEquals(Optional.of("☺"), params.first("k y"));
    }

    @Test
    void refusesBrokenEscapes() {
        assertEquals("invalid URL escape \"%zz\"",
                assertThrows(InvalidQueryException.class, () -> QueryParameters.parse("filters=%zz")).getMessage());
        assertEquals("invalid URL escape \"%4\"",
                assertThrows(InvalidQueryException.class, () -> QueryParameters.parse("filter=%4")).getMessage());
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        assertTrue(QueryParameters.parse("filter=%ff").first("filter").orElseThrow().contains("\uFFFD"));
    }

    @Test
    void emptyAndMissingQueries() {
        assertTrue(QueryParameters.parse(null).first("all").isEmpty());
        assertTrue(QueryParameters.parse("").first("all").isEmpty());
        assertTrue(QueryParameters.parse("&&").first("all").isEmpty());
    }
}
