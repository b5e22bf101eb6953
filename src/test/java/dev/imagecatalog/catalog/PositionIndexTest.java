package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PositionIndexTest {

    @Test
    void keepsTheFirstPositionOfEachKey() {
        PositionIndex index = new PositionIndex(2);
        assertEquals(-1, index.putIfAbsent("sha256:a", 0));
        assertEquals(-1, index.putIfAbsent("ubuntu:22.04", 1));
        assertEquals(0, index.putIfAbsent("sha256:a", 5), "a duplicate gets the first position back");
        assertEquals(0, index.get("sha256:a"));
        assertEquals(1, index.get("ubuntu:22.04"));
        assertEquals(-1, index.get("sha256:b"));
        assertEquals(2, index.size());
    }

    @Test
    void keysWithTheSameHashAreKeptApart() {
        PositionIndex index = new PositionIndex(4);
        assertEquals("Aa".hashCode(), "BB".hashCode());
        index.putIfAbsent("Aa", 1);
        index.putIfAbsent("BB", 2);
        index.putIfAbsent("AaBB", 3);
        index.putIfAbsent("BBAa", 4);
        assertEquals(1, index.get("Aa"));
        assertEquals(2, index.get("BB"));
        assertEquals(3, index.get("AaBB"));
        assertEquals(4, index.get("BBAa"));
        assertEquals(-1, index.get("AaAa"));
    }

    @Test
    void answersAsAHashMapWhenItGrowsFarBeyondItsExpectedSize() {
        PositionIndex index = new PositionIndex(1);
        Map<String, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            String key = Integer.toString(random.nextInt(30_000), 36);
            Integer first = expected.putIfAbsent(key, i);
            assertEquals(first == null ? -1 : first, index.putIfAbsent(key, i), key);
        }
        assertEquals(expected.size(), index.size());
        expected.forEach((key, position) -> assertEquals(position, index.get(key), key));
        String[] keys = index.keys();
        Arrays.sort(keys);
        assertEquals(expected.keySet().stream().sorted().toList(), Arrays.asList(keys));
    }
}
