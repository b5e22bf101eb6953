package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The index finds exactly the images a full scan would, for labels and reference prefixes. */
class FilterIndexTest {

    private final Catalog catalog = TestCatalogs.load("/catalog/sample-catalog.json");

    private int[] scan(java.util.function.Predicate<CatalogImage> test) {
        List<CatalogImage> images = catalog.images();
        return IntStream.range(0, images.size()).filter(i -> test.test(images.get(i))).toArray();
    }

    @Test
    void labels() {
        for (String key : List.of("com.example.version", "maintainer", "com.example.stage", "absent")) {
            assertArrayEquals(scan(i -> i.labels() != null && i.labels().containsKey(key)), catalog.positionsWithLabel(key), key);
        }
        assertArrayEquals(scan(i -> i.labels() != null && "v1".equals(i.labels().get("com.example.version"))),
                catalog.positionsWithLabel("com.example.version", "v1"));
        assertArrayEquals(new int[0], catalog.positionsWithLabel("com.example.version", "v9"));
    }

    @Test
    void referencePrefixes() {
        for (String prefix : List.of("ubuntu", "ubuntu:12.1", "docker.io/library/", "docker.io/library/ubuntu:", "localhost:5000/",
                "playdate", "acme/", "docker.io/acme/web@", "alpine@sha256:", "zzz", "")) {
            int[] expected = scan(i -> java.util.stream.Stream.concat(i.tags().stream(), i.digests().stream())
                    .anyMatch(r -> r.familiar().startsWith(prefix) || r.canonical().startsWith(prefix)));
            assertArrayEquals(expected, catalog.positionsWithReferencePrefix(prefix), prefix);
        }
    }

    /** First uses at once (several requests of a cold start) all wait for the one reference index, and agree. */
    @Test
    void concurrentFirstUsesGetTheSameIndex() throws Exception {
        Catalog fresh = TestCatalogs.load("/catalog/sample-catalog.json");
        int[] expected = catalog.positionsWithReferencePrefix("ubuntu");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<int[]>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return fresh.positionsWithReferencePrefix("ubuntu");
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<int[]> answer : answers) {
                assertArrayEquals(expected, answer.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** prepareIndex builds ahead what a first filter or short id would wait for; the answers do not change. */
    @Test
    void preparedIndexAnswersTheSame() {
        Catalog prepared = TestCatalogs.load("/catalog/sample-catalog.json");
        assertFalse(prepared.idPrefixesReady());
        prepared.prepareIndex();
        assertTrue(prepared.idPrefixesReady());
        assertArrayEquals(catalog.positionsWithReferencePrefix("docker.io/library/"), prepared.positionsWithReferencePrefix("docker.io/library/"));
    }
}
