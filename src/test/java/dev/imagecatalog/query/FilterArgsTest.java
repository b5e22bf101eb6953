package dev.imagecatalog.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterArgsTest {

    @Test
    void readsTheMapForm() {
        FilterArgs args = FilterArgs.parse("{\"label\":{\"a=b\":true,\"c\":false},\"dangling\":{\"true\":true}}");
        assertEquals(Set.of("a=b", "c"), args.get("label"), "the booleans are not consulted");
        assertEquals(Set.of("true"), args.get("dangling"));
    }

    @Test
    void readsTheListForm() {
        FilterArgs args = FilterArgs.parse("{\"label\":[\"a=b\",\"c\"],\"dangling\":[\"true\"]}");
        assertEquals(Set.of("a=b", "c"), args.get("label"));
        assertEquals(Set.of("true"), args.get("dangling"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "null"})
    void emptyMeansNoFilters(String json) {
        assertTrue(FilterArgs.parse(json).names().isEmpty());
    }

    @Test
    void aNameWithNoValuesIsPresent() {
        FilterArgs args = FilterArgs.parse("{\"reference\":{}}");
        assertTrue(args.contains("reference"));
        assertTrue(args.get("reference").isEmpty());
        assertFalse(args.contains("label"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oops", "[]", "\"label\"", "42", " ", "{\"label\":\"a\"}", "{\"label\":{\"a\":\"yes\"}}",
        "{\"label\":[1]}", "{\"label\":[\"a\"],\"dangling\":{\"true\":true}}", "{} x", "{\"label\":", "{'label':[]}"})
    void refusesWhatIsNeitherForm(String json) {
        assertEquals("invalid filter", assertThrows(InvalidQueryException.class, () -> FilterArgs.parse(json)).getMessage());
    }

    @Test
    void describesABadValueAsTheDaemonDoes() {
        assertEquals("invalid filter 'dangling=[maybe]'", FilterArgs.parse("{\"dangling\":[\"maybe\"]}").invalidValue("dangling").getMessage());
        assertEquals("invalid filter 'dangling=[false true]'",
                FilterArgs.parse("{\"dangling\":[\"true\",\"false\"]}").invalidValue("dangling").getMessage());
        assertEquals("invalid filter 'dangling'", FilterArgs.parse("{\"dangling\":[]}").invalidValue("dangling").getMessage());
    }
}
