package dev.imagecatalog.catalog;

import java.util.Arrays;
import java.util.List;

/**
 * The index of a catalog loaded from JSON: the loader's hash tables (by id key and canonical
 * reference, load positions), the ids sorted on first use of a short id, and the label and
 * reference {@link FilterIndex}.
 */
final class MemoryIndex implements CatalogIndex {

    private final PositionIndex byId;
    private final PositionIndex byReference;
    /** Load position -> answer position. */
    private final int[] answerPosition;
    private final FilterIndex filterIndex;
    /** Id keys in order, for short ids: sorted on first use (most catalogs never need it). */
    private volatile String[] sortedIds;

    MemoryIndex(List<CatalogImage> inAnswerOrder, PositionIndex byId, PositionIndex byReference, int[] answerPosition) {
        this.byId = byId;
        this.byReference = byReference;
        this.answerPosition = answerPosition;
        this.filterIndex = new FilterIndex(inAnswerOrder);
    }

    @Override
    public int positionOfId(String idKey) {
        return inAnswerOrder(byId.get(idKey));
    }

    @Override
    public int positionOfReference(String canonical) {
        return inAnswerOrder(byReference.get(canonical));
    }

    private int inAnswerOrder(int loadPosition) {
        return loadPosition < 0 ? -1 : answerPosition[loadPosition];
    }

    /** A binary search in the sorted ids: no scan of the catalog. */
    @Override
    public int positionOfUniqueIdPrefix(String prefix) {
        String[] sorted = sortedIds();
        int at = Arrays.binarySearch(sorted, prefix);
        int first = at >= 0 ? at : -at - 1;
        if (first >= sorted.length || !sorted[first].startsWith(prefix)) {
            return -1;
        }
        boolean ambiguous = first + 1 < sorted.length && sorted[first + 1].startsWith(prefix);
        return ambiguous ? -1 : positionOfId(sorted[first]);
    }

    @Override
    public boolean lookupsReady() {
        return true;
    }

    @Override
    public boolean idPrefixesReady() {
        return sortedIds != null;
    }

    private String[] sortedIds() {
        String[] sorted = sortedIds;
        if (sorted == null) {
            // Two first uses may both sort; the result is the same.
            sorted = byId.keys();
            Arrays.sort(sorted);
            sortedIds = sorted;
        }
        return sorted;
    }

    @Override
    public void prepare() {
        sortedIds();
        filterIndex.prepare();
    }

    @Override
    public int[] withLabel(String key) {
        return filterIndex.withLabel(key);
    }

    @Override
    public int[] withLabel(String key, String value) {
        return filterIndex.withLabel(key, value);
    }

    @Override
    public int[] withReferencePrefix(String prefix) {
        return filterIndex.withReferencePrefix(prefix);
    }
}
