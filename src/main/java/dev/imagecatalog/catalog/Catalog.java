package dev.imagecatalog.catalog;

import dev.imagecatalog.catalog.memory.OffHeap;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The loaded catalog: images in answer order (newest first, ties by id) and the indexes that
 * requests need (by id, by reference, by id prefix). Built once; immutable afterwards.
 */
public final class Catalog {

    /** Answer order: {@code Created} descending; ties by id so that the order is stable. */
    static final Comparator<CatalogImage> ANSWER_ORDER = Comparator.comparingLong(CatalogImage::created).reversed()
            .thenComparing(CatalogImage::idKey);

    private final List<CatalogImage> images;
    private final CatalogIndex index;
    /** What other layers derive from this catalog (stored answers): it lives and goes with the catalog. */
    private final ConcurrentHashMap<Class<?>, Object> derived = new ConcurrentHashMap<>(4);
    private final CompiledAnswer compiledDefaultAnswer;

    private Catalog(List<CatalogImage> images, CatalogIndex index, CompiledAnswer compiledDefaultAnswer) {
        this.images = images;
        this.index = index;
        this.compiledDefaultAnswer = compiledDefaultAnswer;
    }

    /**
     * Indexes images that the loader validated, given in load order with the loader's indexes (load
     * positions by {@link CatalogImage#idKey() id key} and by canonical reference, both unique) and
     * the id keys that images name as their parent, from which children are derived.
     */
    static Catalog of(List<CatalogImage> loaded, PositionIndex byId, PositionIndex byReference,
            Set<String> parentIds) {
        CatalogImage[] ordered = new CatalogImage[loaded.size()];
        for (int i = 0; i < ordered.length; i++) {
            CatalogImage image = loaded.get(i);
            ordered[i] = image.withChildren(parentIds.contains(image.idKey()));
        }
        Arrays.sort(ordered, ANSWER_ORDER);
        int[] answerPosition = new int[ordered.length];
        for (int i = 0; i < ordered.length; i++) {
            answerPosition[byId.get(ordered[i].idKey())] = i; // ids are unique
        }
        // A view, not List.of's copy: the sorted array is this catalog's own.
        List<CatalogImage> images = Collections.unmodifiableList(Arrays.asList(ordered));
        return new Catalog(images, new MemoryIndex(images, byId, byReference, answerPosition), null);
    }

    /**
     * A catalog compiled into a snapshot: its images in answer order (read on first use), its index
     * and the default answer rendered when it was compiled (or null).
     */
    public static Catalog compiled(List<CatalogImage> inAnswerOrder, CatalogIndex index, CompiledAnswer defaultAnswer) {
        return new Catalog(inAnswerOrder, index, defaultAnswer);
    }

    /**
     * Something derived from this catalog, made once on first use and kept with it, so that a
     * reloaded catalog never serves what was made from the one before.
     */
    public <T> T derived(Class<T> kind, Function<Catalog, T> make) {
        return kind.cast(derived.computeIfAbsent(kind, k -> make.apply(this)));
    }

    /**
     * An answer compiled into a snapshot: its body, gzip form and entity tag, opaque to this layer,
     * and where each image it lists lies in it. Each part is read (and checked) on first use.
     */
    public interface CompiledAnswer {

        String tag();

        /** The body's length in bytes (known without reading it). */
        int length();

        /** The gzip form's length in bytes (known without reading it). */
        int gzipLength();

        /** The body, read-only; read from the snapshot on the first call. */
        ByteBuffer body();

        /** The body gzipped, read-only; read from the snapshot on the first call. */
        ByteBuffer gzipBody();

        /** Whether {@link #body()} and {@link #cuts()} answer without reading the file. */
        boolean isRead();

        /** Whether {@link #body()} answers without reading the file. */
        boolean isBodyRead();

        /**
         * The body, or its gzip form, as pieces that are read from the snapshot and checked one at a
         * time, and kept by no one: for sending a form while it is read, before all of it is; null
         * when that form is in memory already (read whole: send it so).
         */
        Pieces pieces(boolean gzip);

        /** What rendered it (opaque to this layer): the answer is served only by a build that renders the same way. */
        String rendering();

        /** Where each listed image's object ends in the body, and its position in the catalog. */
        AnswerCuts cuts();
    }

    /**
     * A form of a compiled answer in pieces ({@link CompiledAnswer#pieces}): {@code count} of them
     * (none for an empty form), each of at most {@code pieceBytes} (the last may hold fewer).
     */
    public record Pieces(int count, int pieceBytes, Reader reader) {

        /**
         * Reads piece {@code index} into {@code into} from its position on, and checks it: when it
         * returns, the position has moved past the piece and its bytes are sound. When it throws,
         * whatever it wrote there is unchecked and must not be used (the position has not moved); a
         * damaged piece is reported once. A piece read whole since is taken from memory.
         *
         * @throws CatalogException the piece is damaged, or the file cannot be read any more
         */
        public void read(int index, ByteBuffer into) {
            reader.read(index, into);
        }

        /**
         * Reads the pieces that {@code wanted} names, two at a time (this thread and one of its
         * own), each into a buffer its reader reuses, and hands each one read and checked to {@code
         * use} on its reader's thread (so {@code use} must be safe from two threads, and keep nothing
         * of the buffer). Nothing of the form is kept, and no memory is taken for all of it. Returns
         * once every wanted piece is used; after a failure, none more is read, and the failure is
         * thrown once both readers have stopped.
         *
         * @throws CatalogException a piece is damaged, or the file cannot be read any more
         */
        public void forEach(IntPredicate wanted, Use use) {
            int[] todo = IntStream.range(0, count).filter(wanted).toArray();
            if (todo.length == 0) {
                return;
            }
            // Two buffers in one mapping: one huge page in the native image (fresh 4 KiB pages are slow to fault in).
            ByteBuffer memory = OffHeap.buffer((todo.length == 1 ? 1 : 2) * pieceBytes);
            AtomicInteger next = new AtomicInteger();
            AtomicBoolean failed = new AtomicBoolean();
            TwoThreads.Work<RuntimeException> first = () -> readEach(todo, next, failed, memory.slice(0, pieceBytes), use);
            if (todo.length == 1) {
                first.run();
            } else {
                TwoThreads.run("piece-reader", first, () -> readEach(todo, next, failed, memory.slice(pieceBytes, pieceBytes), use));
            }
        }

        private void readEach(int[] todo, AtomicInteger next, AtomicBoolean failed,
                ByteBuffer buffer, Use use) {
            try {
                for (int at = next.getAndIncrement(); at < todo.length && !failed.get(); at = next.getAndIncrement()) {
                    read(todo[at], buffer.clear());
                    use.accept(todo[at], buffer.flip());
                }
            } catch (RuntimeException | Error e) {
                failed.set(true); // the other reader stops too
                throw e;
            }
        }

        /** How a piece is read and checked ({@link #read}). */
        @FunctionalInterface
        public interface Reader {
            void read(int index, ByteBuffer into);
        }

        /** What is done with a piece read and checked: its bytes from position 0 to its limit, valid until this returns. */
        @FunctionalInterface
        public interface Use {
            void accept(int index, ByteBuffer piece);
        }
    }

    /**
     * The images a compiled answer lists, in its order: the i-th has catalog position
     * {@code positions[i]} (ascending) and its object ends (exclusive) at {@code ends[i]}, starting
     * after the byte before it ({@code [} or {@code ,}).
     */
    public record AnswerCuts(int[] positions, int[] ends) {
    }

    /**
     * The answer of List Images without filters at the current API version, as compiled into the
     * snapshot this catalog was read from; null otherwise.
     */
    public CompiledAnswer compiledDefaultAnswer() {
        return compiledDefaultAnswer;
    }

    /** All images, newest first. */
    public List<CatalogImage> images() {
        return images;
    }

    public int size() {
        return images.size();
    }

    /** Positions in {@link #images()}, ascending, of the images that have this label key. */
    public int[] positionsWithLabel(String key) {
        return index.withLabel(key);
    }

    /** Positions in {@link #images()}, ascending, of the images that have this label value. */
    public int[] positionsWithLabel(String key, String value) {
        return index.withLabel(key, value);
    }

    /**
     * Positions in {@link #images()}, ascending, of the images with a reference whose familiar or
     * canonical string starts with the prefix (a name is a prefix of its reference strings, so this
     * covers names too).
     */
    public int[] positionsWithReferencePrefix(String prefix) {
        return index.withReferencePrefix(prefix);
    }

    /** The image with this id (written with or without {@code sha256:}), or null. */
    public CatalogImage byId(String id) {
        return at(index.positionOfId(CatalogImage.keyOf(id)));
    }

    /** The image that has this reference, given in its canonical form ({@link ImageReference#canonical()}), or null. */
    public CatalogImage byReference(String canonical) {
        return at(index.positionOfReference(canonical));
    }

    /**
     * The one image whose id key starts with the prefix ({@code sha256:} and some hex digits), or
     * null when none or several do.
     */
    public CatalogImage byUniqueIdPrefix(String prefix) {
        return at(index.positionOfUniqueIdPrefix(prefix));
    }

    /** Whether an image is found by id or reference without a one-off cost first (a snapshot's index sections read). */
    public boolean lookupsReady() {
        return index.lookupsReady();
    }

    /** Builds now the indexes that a first filter or short id would otherwise wait for ({@link CatalogIndex#prepare()}). */
    public void prepareIndex() {
        index.prepare();
    }

    /** Whether a short id can be looked up without sorting the ids first. */
    public boolean idPrefixesReady() {
        return index.idPrefixesReady();
    }

    private CatalogImage at(int position) {
        return position < 0 ? null : images.get(position);
    }
}
