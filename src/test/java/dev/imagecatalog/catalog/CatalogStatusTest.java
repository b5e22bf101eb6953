package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What operators see of the file on disk: refused, gone, back, fixed. */
class CatalogStatusTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRefusalLastsUntilAGoodReloadAndKeepsItsFirstTime() {
        CatalogStatus status = new CatalogStatus();
        status.started("c.json", 3, T0);
        assertNull(status.outOfSync());
        status.refused("c.json", "image 0, field Id: bad", T0.plusSeconds(10));
        status.refused("c.json", "image 1, field RepoTags[0]: bad", T0.plusSeconds(20));
        assertEquals(new CatalogStatus.OutOfSync("c.json", "image 1, field RepoTags[0]: bad", T0.plusSeconds(10)), status.outOfSync(),
                "the latest problem, out of sync since the first");
        assertEquals(2, status.reloadsRefused());
        assertEquals(3, status.loaded().images(), "the last good catalog is what is served");
        status.reloaded("c.json", 5, T0.plusSeconds(30));
        assertNull(status.outOfSync());
        assertEquals(1, status.reloadsLoaded());
        assertEquals(new CatalogStatus.Loaded("c.json", 5, T0.plusSeconds(30)), status.loaded());
    }

    @Test
    void aFileThatIsGoneAndBackIsAsInSyncAsBefore() {
        CatalogStatus status = new CatalogStatus();
        status.started("c.json", 3, T0);
        status.gone("c.json", T0.plusSeconds(1));
        assertEquals("the file is gone", status.outOfSync().problem());
        status.back();
        assertNull(status.outOfSync(), "the same good file is back");

        status.refused("c.json", "broken", T0.plusSeconds(2));
        status.gone("c.json", T0.plusSeconds(3));
        assertEquals("the file is gone", status.outOfSync().problem());
        status.back();
        assertEquals("broken", status.outOfSync().problem(), "the same broken file is back");
    }
}
