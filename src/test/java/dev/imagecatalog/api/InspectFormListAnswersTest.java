package dev.imagecatalog.api;

import dev.imagecatalog.api.json.DockerJson;
import dev.imagecatalog.api.json.ResponseShape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.TestCatalogs;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.ImageSelector;
import dev.imagecatalog.query.QueryParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A daemon lists an image the same whether the catalog holds its List Images entry or its inspect
 * entry: a pair of files of the same images, made by the contract's rules (daemon-list.json and
 * daemon-inspect.json, which mixes both forms), answers every List Images request byte for byte alike.
 */
class InspectFormListAnswersTest {

    private static final Catalog LIST = TestCatalogs.load("/catalogs/daemon-list.json");
    private static final Catalog INSPECT = TestCatalogs.load("/catalogs/daemon-inspect.json");
    private static final String[] QUERIES = {
        "", "all=1", "all=1&" + filters("{\"dangling\":[\"true\"]}"), filters("{\"dangling\":[\"false\"]}"),
        filters("{\"label\":[\"maintainer\"]}"), filters("{\"label\":{\"com.example.version=v1\":true}}"),
        filters("{\"label!\":[\"old\"]}"), filters("{\"reference\":[\"acme/*\"]}"), "filter=ubuntu",
        "all=1&" + filters("{\"before\":[\"acme/web:latest\"]}"), filters("{\"since\":[\"ubuntu:quantal\"]}"),
        "all=1&" + filters("{\"until\":[\"2000-01-01\"]}"), filters("{\"since\":[\"3c3c\"]}"),
    };

    private static String filters(String json) {
        return "filters=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(ResponseShape.class)
    void everyListAnswerIsTheSameForBothForms(ResponseShape shape) {
        for (String query : QUERIES) {
            String fromList = answer(LIST, query, shape);
            assertEquals(fromList, answer(INSPECT, query, shape), shape + " " + query);
        }
    }

    private static String answer(Catalog catalog, String query, ResponseShape shape) {
        ImageQuery parsed = ImageQuery.from(QueryParameters.parse(query), catalog, Instant.parse("2026-01-01T00:00:00Z"));
        return new String(DockerJson.images(ImageSelector.select(catalog, parsed), shape), StandardCharsets.UTF_8);
    }
}
