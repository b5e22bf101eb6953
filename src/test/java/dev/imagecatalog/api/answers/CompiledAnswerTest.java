package dev.imagecatalog.api.answers;

import dev.imagecatalog.api.json.DockerJson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static byte[] gunzip(RenderedAnswer answer) throws java.io.IOException {
        io.vertx.core.buffer.Buffer gzip = (io.vertx.core.buffer.Buffer) answer.entity(true);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip.getBytes()))) {
            return in.readAllBytes();
        }
    }

    /**
     * A client that takes gzip gets the gzip form compiled into the snapshot, read alone: neither
     * the plain body (four times its size) is read for it nor anything compressed; and the other way round.
     */
    @Test
    void eachFormIsReadOnlyForTheClientsThatTakeIt() throws Exception {
        Path json = dev.imagecatalog.http.GeneratedCatalogs.generate(3000, dir.resolve("catalog.json"));
        Catalog catalog = CatalogLoader.load(json);
        Path file = dir.resolve("forms.snapshot");
        Snapshot.write(catalog, UnfilteredAnswers.compiledAnswer(catalog), file);
        byte[] rendered = UnfilteredAnswers.compiledAnswer(catalog).body();
        for (boolean gzipFirst : new boolean[] {true, false}) {
            ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(file)), new CatalogStatus(), task -> { });
            Catalog.CompiledAnswer compiled = served.current().compiledDefaultAnswer();
            RenderedAnswer answer = new UnfilteredAnswers(served, new ServingForm(), false).ifRendered(served.current(),
                    UnfilteredAnswers.DEFAULT_SHAPE, false);
            assertEquals(rendered.length, answer.length(), "known before anything is read");
            assertFalse(answer.ready(true) || answer.ready(false), "nothing read at start");
            answer.prepare(gzipFirst);
            assertTrue(answer.ready(gzipFirst));
            assertFalse(answer.ready(!gzipFirst), "the other form is not read for it");
            if (gzipFirst) {
                assertArrayEquals(rendered, gunzip(answer), "the compiled gzip form is the body's");
                assertFalse(compiled.isBodyRead(), "the plain body is not read for a gzip client");
            } else {
                assertTrue(compiled.isBodyRead());
                assertArrayEquals(rendered, bytes(answer));
            }
            answer.prepare(!gzipFirst);
            assertTrue(answer.ready(true) && answer.ready(false));
            assertArrayEquals(gunzip(answer), bytes(answer));
        }
    }

    private RenderedAnswer defaultAnswerServedFrom(Catalog catalog, String rendering, byte[] body) throws Exception {
        Path file = dir.resolve(rendering.hashCode() + ".snapshot");
        Snapshot.DefaultAnswer real = UnfilteredAnswers.compiledAnswer(catalog);
        Snapshot.write(catalog, new Snapshot.DefaultAnswer(body, RenderedAnswer.gzipOfCompiled(body), "\"compiled\"", rendering, real.positions(), real.ends()), file);
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

        assertArrayEquals(marked, gunzip(stored), "its gzip form, as stored");

        RenderedAnswer renderedHere = defaultAnswerServedFrom(catalog, "GET /images/json V1_40, DockerJson revision 0", marked);
        assertEquals(new String(rendered, StandardCharsets.UTF_8), new String(bytes(renderedHere), StandardCharsets.UTF_8),
                "rendered by this build");
    }
}
