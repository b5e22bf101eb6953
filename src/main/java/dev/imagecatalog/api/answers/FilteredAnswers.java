package dev.imagecatalog.api.answers;

import dev.imagecatalog.api.json.DockerJson;
import dev.imagecatalog.api.json.ImageFragments;
import dev.imagecatalog.api.json.ResponseShape;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.ServedCatalog;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.ImageSelector;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Filtered List Images answers, kept per catalog in a cache bounded by bytes
 * ({@code api.answer-cache-size}; {@code 0}: none): a catalog is fixed while it is served, so the
 * answer to the same shape and query is the same bytes, made once, with its entity tag and (for the
 * first client that accepts gzip) its gzip form, all inside the bound.
 *
 * <p>The key is the query as parsed and resolved ({@link ImageQuery}: {@code before}/{@code since}
 * names resolved), so spellings of one query share an entry. A query with an {@code until} filter is
 * not kept: its time moves with the clock. A query string names one answer for the catalog: it is
 * also kept as an alias (at most a few per entry), so that the
 * stored-answer route finds the answer by the query as sent, on the event loop, without parsing.
 * The cache lives with its catalog ({@link Catalog#derived}): a reload starts an empty one and the
 * old one goes with the old catalog. Least recently used entries go first (at most 4,096 entries, each
 * counted with what it holds besides its bytes); an answer larger than a quarter of the bound is
 * made for its request only. A query without filters after all ({@code filters={}}) gets the stored
 * unfiltered answer.
 */
@Singleton
public class FilteredAnswers {

    /**
     * A query of labels alone that lists at least one image in this many is cut from the snapshot's
     * compiled answer: spread over the answer's order, that many images lie in nearly every block
     * of 256, and the blocks hold three quarters of the answer's bytes but must be decoded and written.
     */
    static final int READ_COMPILED_FROM = 32;

    private final long bound;
    private final ServedCatalog served;
    private final UnfilteredAnswers unfiltered;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    FilteredAnswers(@ConfigProperty(name = "api.answer-cache-size") MemorySize bound, ServedCatalog served, UnfilteredAnswers unfiltered) {
        this.bound = bound.asLongValue();
        this.served = served;
        this.unfiltered = unfiltered;
    }

    private record Key(ResponseShape shape, ImageQuery query) {
    }

    /** A query as sent (undecoded), for one response shape. */
    private record Alias(ResponseShape shape, String rawQuery) {
    }

    /** One catalog's entries, least recently used first, and the query strings that name them. */
    static final class Cache {
        /** What an entry holds besides its bytes (key, query, wrappers, map entry): counted in the bound. */
        static final long ENTRY_OVERHEAD = 1024;
        /** At most this many entries, whatever their size (each miss looks at all of them once). */
        static final int MAX_ENTRIES = 4096;
        /** At most this many query strings name one entry (junk parameters make endless spellings). */
        static final int MAX_ALIASES = 8;
        private final long bound;
        private final LinkedHashMap<Key, RenderedAnswer> entries = new LinkedHashMap<>(16, 0.75f, true);
        private final Map<Alias, Key> aliases = new HashMap<>();
        private final Map<Key, List<Alias>> aliasesOf = new HashMap<>();
        private long aliasBytes;

        Cache(long bound) {
            this.bound = bound;
        }

        synchronized RenderedAnswer get(Key key) {
            return entries.get(key);
        }

        synchronized RenderedAnswer get(Alias alias) {
            Key key = aliases.get(alias);
            return key == null ? null : entries.get(key);
        }

        synchronized void put(Key key, RenderedAnswer answer) {
            entries.put(key, answer);
            trim(answer);
        }

        /** Names a kept entry by a query string too (its characters count in the bound). */
        synchronized void alias(Alias alias, Key key) {
            List<Alias> named = aliasesOf.get(key);
            if (entries.containsKey(key) && !aliases.containsKey(alias) && (named == null || named.size() < MAX_ALIASES)) {
                aliases.put(alias, key);
                aliasesOf.computeIfAbsent(key, k -> new ArrayList<>(1)).add(alias);
                aliasBytes += aliasCost(alias);
                trim(entries.get(key));
            }
        }

        /** Lets the least recently used entries go (never {@code keep}) until the cache is within its bound. */
        synchronized void trim(RenderedAnswer keep) {
            long total = bytes();
            int count = entries.size();
            for (Iterator<Map.Entry<Key, RenderedAnswer>> eldest = entries.entrySet().iterator();
                    (total > bound || count > MAX_ENTRIES) && eldest.hasNext();) {
                Map.Entry<Key, RenderedAnswer> entry = eldest.next();
                if (entry.getValue() != keep) {
                    total -= entry.getValue().storedBytes() + ENTRY_OVERHEAD;
                    count--;
                    for (Alias alias : aliasesOf.getOrDefault(entry.getKey(), List.of())) {
                        aliases.remove(alias);
                        aliasBytes -= aliasCost(alias);
                        total -= aliasCost(alias);
                    }
                    aliasesOf.remove(entry.getKey());
                    eldest.remove();
                }
            }
        }

        private static long aliasCost(Alias alias) {
            return 256 + 2L * alias.rawQuery().length();
        }

        /** The bytes held: bodies, the gzip forms made so far, what each entry costs besides, and the aliases. */
        synchronized long bytes() {
            long total = aliasBytes;
            for (RenderedAnswer answer : entries.values()) {
                total += answer.storedBytes() + ENTRY_OVERHEAD;
            }
            return total;
        }

        synchronized int size() {
            return entries.size();
        }
    }

    /**
     * The answer to a filtered query: from the cache, or made now (and kept, within the bound).
     *
     * @param rawQuery the query string as sent, kept as an alias when it fixes the answer; or null
     * @param gzip     whether the client takes gzip: the gzip form is made here, inside the bound
     */
    public RenderedAnswer answer(Catalog catalog, ResponseShape shape, ImageQuery query, String rawQuery, boolean gzip) {
        if (query.unfiltered()) {
            return unfiltered.get(catalog, shape, query.all()); // filters={} or null: the stored answer itself
        }
        if (bound <= 0 || query.untilFilter()) {
            // (until: a time that moves with the clock; each second would make another entry)
            return RenderedAnswer.once(body(catalog, shape, query).bytes());
        }
        Cache cache = cacheOf(catalog);
        Key key = new Key(shape, query);
        RenderedAnswer answer = cache.get(key);
        if (answer != null) {
            hits.incrementAndGet();
        } else {
            misses.incrementAndGet();
            Body body = body(catalog, shape, query);
            if (body.length() > bound / 4) {
                return RenderedAnswer.once(body.bytes());
            }
            answer = RenderedAnswer.storedOfLength(body.length(), body::writeTo); // put straight where it is kept
            cache.put(key, answer);
        }
        if (rawQuery != null) {
            cache.alias(new Alias(shape, rawQuery), key);
        }
        if (gzip && answer.length() >= RenderedAnswer.GZIP_MIN_BYTES && !answer.gzipReady()) {
            answer.gzipLength(); // made once, then the cache is trimmed to its bound with it
            cache.trim(answer);
        }
        return answer;
    }

    /**
     * A kept answer named by the query string as sent, or null; its gzip form must be ready when
     * the client takes gzip (else the worker's way makes it, inside the bound).
     */
    public RenderedAnswer ifKept(Catalog catalog, ResponseShape shape, String rawQuery, boolean gzip) {
        if (bound <= 0) {
            return null;
        }
        RenderedAnswer answer = cacheOf(catalog).get(new Alias(shape, rawQuery));
        if (answer == null || (gzip && answer.length() >= RenderedAnswer.GZIP_MIN_BYTES && !answer.gzipReady())) {
            return null;
        }
        hits.incrementAndGet();
        return answer;
    }

    /**
     * The answer's bytes: assembled from the stored default answer's images where there is one, else
     * written whole. A query of label conditions alone needs no image looked at (the index finds its
     * images, the stored answer has their bytes): when it lists many, they are cut from a snapshot's
     * compiled answer (its pieces read for them if it is not in memory) rather than written from the
     * blocks of the images it lists.
     */
    private Body body(Catalog catalog, ResponseShape shape, ImageQuery query) {
        ImageFragments fragments = unfiltered.fragmentsIfRendered(catalog, shape);
        int[] labelled = ImageSelector.labelledAlone(catalog, query);
        if (labelled != null && fragments == null && (long) labelled.length * READ_COMPILED_FROM >= catalog.size()) {
            fragments = unfiltered.fragmentsIfStored(catalog, shape);
        }
        if (labelled != null && fragments != null) {
            return new Body(null, fragments.assemble(ImageSelector.listedByLabels(labelled, query, fragments::lists),
                    position -> ImageSelector.summaryOf(catalog, position), shape));
        }
        var images = ImageSelector.select(catalog, query);
        return new Body(fragments != null ? fragments.assemble(images, shape) : DockerJson.images(images, shape), null);
    }

    /** An answer's bytes, made already or assembled when written: written once, where they are kept. */
    private record Body(byte[] made, ImageFragments.Assembly assembly) {
        int length() {
            return made != null ? made.length : assembly.length();
        }

        byte[] bytes() {
            return made != null ? made : assembly.bytes();
        }

        void writeTo(java.nio.ByteBuffer into) {
            if (made != null) {
                into.put(made);
            } else {
                assembly.writeTo(into);
            }
        }
    }

    Cache cacheOf(Catalog catalog) {
        return catalog.derived(Cache.class, c -> new Cache(bound));
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    /** The bytes the cache of the catalog being served holds (0 before there is one). */
    public long bytes() {
        return bound <= 0 ? 0 : cacheOf(served.current()).bytes();
    }
}
