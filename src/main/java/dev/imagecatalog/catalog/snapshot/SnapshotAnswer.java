package dev.imagecatalog.catalog.snapshot;

import dev.imagecatalog.catalog.Catalog;
import java.nio.ByteBuffer;

/** The default answer compiled into a snapshot: its sections read on first use. */
final class SnapshotAnswer implements Catalog.CompiledAnswer {

    private final Sections sections;
    private final String tag;
    private final String rendering;
    private final int catalogSize;
    private volatile Catalog.AnswerCuts cuts;

    SnapshotAnswer(Sections sections, String tag, String rendering, int catalogSize) {
        this.sections = sections;
        this.tag = tag;
        this.rendering = rendering;
        this.catalogSize = catalogSize;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public int length() {
        return (int) sections.length(Layout.ANSWER);
    }

    @Override
    public int gzipLength() {
        return (int) sections.length(Layout.GZIP_ANSWER);
    }

    @Override
    public ByteBuffer body() {
        return sections.get(Layout.ANSWER).duplicate();
    }

    @Override
    public ByteBuffer gzipBody() {
        return sections.get(Layout.GZIP_ANSWER).duplicate();
    }

    /** Both the body and the cuts: nothing left to read for its fragments (the gzip form is read apart). */
    @Override
    public boolean isRead() {
        return sections.isRead(Layout.ANSWER) && sections.isRead(Layout.CUTS);
    }

    @Override
    public boolean isBodyRead() {
        return sections.isRead(Layout.ANSWER);
    }

    @Override
    public Catalog.Pieces pieces(boolean gzip) {
        int section = gzip ? Layout.GZIP_ANSWER : Layout.ANSWER;
        if (sections.isRead(section)) {
            return null; // in memory: sent whole
        }
        int count = (int) Layout.pieces(sections.length(section));
        return new Catalog.Pieces(count, Layout.PIECE_BYTES, (index, into) -> sections.readPiece(section, index, into));
    }

    @Override
    public String rendering() {
        return rendering;
    }

    /** {@code [count, positions..., ends...]}, checked to fit the answer and the catalog. */
    @Override
    public Catalog.AnswerCuts cuts() {
        Catalog.AnswerCuts read = cuts;
        if (read == null) {
            ByteBuffer section = sections.get(Layout.CUTS);
            try {
                int count = section.getInt(0);
                if (count < 0 || count > catalogSize || section.capacity() != 4 + 8L * count) {
                    throw new IllegalArgumentException(count + " images listed");
                }
                int[] positions = new int[count];
                int[] ends = new int[count];
                long answerLength = sections.length(Layout.ANSWER);
                for (int i = 0; i < count; i++) {
                    positions[i] = section.getInt(4 + 4 * i);
                    ends[i] = section.getInt(4 + 4 * (count + i));
                    boolean ordered = i == 0 ? positions[i] >= 0 && ends[i] > 1
                            : positions[i] > positions[i - 1] && ends[i] > ends[i - 1] + 1;
                    if (!ordered || positions[i] >= catalogSize || ends[i] >= answerLength) {
                        throw new IllegalArgumentException("image " + i + " out of place");
                    }
                }
                read = new Catalog.AnswerCuts(positions, ends);
            } catch (RuntimeException e) {
                throw sections.corrupted(Layout.CUTS, e);
            }
            cuts = read;
        }
        return read;
    }
}
