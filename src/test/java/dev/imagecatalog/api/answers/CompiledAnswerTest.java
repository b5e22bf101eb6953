package dev.imagecatalog.api.answers;

import dev.imagecatalog.api.json.DockerJson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.CatalogSource;
import dev.imagecatalog.catalog.CatalogStatus;
import dev.imagecatalog.catalog.ServedCatalog;
import dev.imagecatalog.catalog.snapshot.Snapshot;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot's compiled answer is served as stored only by a build that renders it the same way. */
class CompiledAnswerTest {

    @TempDir
    Path dir;

    private static byte[] bytes(RenderedAnswer answer) {
        ByteBuf body = answer.storedBuffer();
        byte[] bytes = new byte[body.readableBytes()];
        body.getBytes(body.readerIndex(), bytes);
        return bytes;
    }

    private RenderedAnswer defaultAnswerServedFrom(Catalog catalog, String rendering, byte[] body) throws Exception {
        Path file = dir.resolve(rendering.hashCode() + ".snapshot");
        Snapshot.DefaultAnswer real = UnfilteredAnswers.compiledAnswer(catalog);
        Snapshot.write(catalog, new Snapshot.DefaultAnswer(body, "\"compiled\"", rendering, real.positions(), real.ends()), file);
        ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(file)), new CatalogStatus(), Runnable::run);
        return new UnfilteredAnswers(served, new ServingForm(), false).get(served.current(), UnfilteredAnswers.DEFAULT_SHAPE, false);
    }

    @Test
    void servedAsStoredWhenRenderedTheSameWayElseRenderedAgain() throws Exception {
        Catalog catalog = CatalogLoader.load(Path.of("src/test/resources/catalogs/vectors.json"));
        byte[] rendered = UnfilteredAnswers.compiledAnswer(catalog).body();
        // The same bytes with one changed: which of the two is served shows where the answer came from.
        byte[] marked = rendered.clone();
        marked[marked.length - 3] = (byte) (marked[marked.length - 3] == '1' ? '2' : '1');

        RenderedAnswer stored = defaultAnswerServedFrom(catalog, UnfilteredAnswers.RENDERING, marked);
        assertArrayEquals(marked, bytes(stored), "the compiled bytes, as stored");
        assertEquals("\"compiled\"", stored.etag());

        RenderedAnswer renderedHere = defaultAnswerServedFrom(catalog, "GET /images/json V1_40, DockerJson revision 0", marked);
        assertEquals(new String(rendered, StandardCharsets.UTF_8), new String(bytes(renderedHere), StandardCharsets.UTF_8),
                "rendered by this build");
    }
}
