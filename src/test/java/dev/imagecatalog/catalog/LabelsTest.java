package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void iteratesInGosKeyOrderAndFindsEveryKey() {
        Map<String, String> labels = Labels.of(new String[] {"b", EMOJI, "\uFFFD", "a"}, new String[] {"2", "4", "3", "1"});
        assertEquals(List.of("a", "b", "\uFFFD", EMOJI), List.copyOf(labels.keySet()));
        assertEquals(List.of("1", "2", "3", "4"), List.copyOf(labels.values()));
        assertEquals("4", labels.get(EMOJI));
        assertEquals("3", labels.get("\uFFFD"));
        assertTrue(labels.containsKey("a"));
        assertNull(labels.get("c"));
        assertNull(labels.get(42));
        assertEquals(Map.of("a", "1", "b", "2", "\uFFFD", "3", EMOJI, "4"), labels, "equal to any map of the same labels");
    }

    @Test
    void manyLabelsAreSortedToo() {
        String[] keys = new String[40];
        String[] values = new String[40];
        for (int i = 0; i < 40; i++) {
            keys[i] = "k" + (char) ('z' - i % 26) + i;
            values[i] = "v" + i;
        }
        Map<String, String> labels = Labels.of(keys.clone(), values.clone());
        List<String> expected = new java.util.ArrayList<>(List.of(keys));
        expected.sort(CatalogLoader::compareAsGo);
        assertEquals(expected, List.copyOf(labels.keySet()));
        for (int i = 0; i < 40; i++) {
            assertEquals(values[i], labels.get(keys[i]));
        }
    }

    @Test
    void isEmptyAndImmutable() {
        Map<String, String> none = Labels.of(new String[0], new String[0]);
        assertTrue(none.isEmpty());
        assertFalse(none.containsKey("a"));
        Map<String, String> one = Labels.of(new String[] {"a"}, new String[] {"1"});
        assertThrows(UnsupportedOperationException.class, () -> one.put("b", "2"));
        assertThrows(UnsupportedOperationException.class, () -> one.entrySet().iterator().next().setValue("x"));
    }
}
