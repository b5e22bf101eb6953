package dev.imagecatalog.api.json;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.query.ImageSummary;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * A stored default answer (no filters, no {@code all}) of one response shape, cut into its images:
 * the byte range of each image's object in answer order. A filtered answer lists a subset of the
 * same images in the same order, so it is assembled from these ranges, one copy each; only an image
 * whose object differs is written anew: one a {@code reference} filter lists with fewer references,
 * and an intermediate image (listed with {@code all} only, so not in the default answer).
 */
public final class ImageFragments {

    /** The stored answer in memory; or null: {@link #pieces} */
    private final ByteBuf body;
    /** The stored answer read a piece at a time while an answer is assembled from it; or null: {@link #body} */
    private final Catalog.Pieces pieces;
    /** The end (exclusive) of the i-th listed image's object; it starts after the byte before (a '[' or a ','). */
    private final int[] ends;
    /** The catalog position of an image -> its index in {@link #ends}, or -1 when the answer does not list it. */
    private final int[] indexOf;

    /**
     * @param body        the stored answer
     * @param cuts        the catalog positions of the images it lists, in order, and where each one's object ends in it
     * @param catalogSize the number of images in the catalog
     */
    public ImageFragments(ByteBuf body, Catalog.AnswerCuts cuts, int catalogSize) {
        this(body, null, cuts, catalogSize);
    }

    /**
     * A stored answer not in memory, read a piece at a time as each answer is assembled from it
     * (only the pieces that hold its images), into a reused buffer: no memory is taken for all of it.
     */
    public static ImageFragments ofPieces(Catalog.Pieces pieces, Catalog.AnswerCuts cuts, int catalogSize) {
        return new ImageFragments(null, pieces, cuts, catalogSize);
    }

    private ImageFragments(ByteBuf body, Catalog.Pieces pieces, Catalog.AnswerCuts cuts, int catalogSize) {
        this.body = body;
        this.pieces = pieces;
        this.ends = cuts.ends();
        int[] positions = cuts.positions();
        this.indexOf = new int[catalogSize];
        Arrays.fill(indexOf, -1);
        for (int i = 0; i < positions.length; i++) {
            indexOf[positions[i]] = i;
        }
    }

    /** The body of the answer listing these images (in answer order), as {@link DockerJson#images} writes it. */
    public byte[] assemble(List<ImageSummary> images, ResponseShape shape) {
        return plan(images.size(), i -> {
            ImageSummary image = images.get(i);
            int index = indexOf[image.position()];
            return index >= 0 && listsEveryReference(image) ? index : -1;
        }, images::get, shape).bytes();
    }

    /**
     * The answer listing the images at these positions (ascending) with all of their references, as
     * {@link DockerJson#images} writes it; nothing is asked of the catalog but the images that the
     * stored answer does not list ({@code unlisted}: written anew).
     */
    public Assembly assemble(int[] positions, IntFunction<ImageSummary> unlisted, ResponseShape shape) {
        return plan(positions.length, i -> indexOf[positions[i]], i -> unlisted.apply(positions[i]), shape);
    }

    /** Whether the stored answer lists the image at this catalog position. */
    public boolean lists(int position) {
        return indexOf[position] >= 0;
    }

    /**
     * Where each listed image's bytes come from: a range of the stored answer ({@code stored} gives
     * its index there, or -1), or written anew now.
     */
    private Assembly plan(int count, IntUnaryOperator stored, IntFunction<ImageSummary> anew, ResponseShape shape) {
        int[] from = new int[count];
        List<byte[]> written = new ArrayList<>();
        long length = 3; // [ ] \n
        for (int i = 0; i < count; i++) {
            length += i == 0 ? 0 : 1;
            int index = stored.applyAsInt(i);
            if (index >= 0) {
                from[i] = index;
                length += ends[index] - start(index);
            } else {
                byte[] object = DockerJson.image(anew.apply(i), shape);
                from[i] = -1 - written.size();
                written.add(object);
                length += object.length;
            }
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("an answer of " + length + " bytes");
        }
        return new Assembly(from, written, (int) length);
    }

    /** An answer's parts, its length known before a byte is copied: written where it is to be kept. */
    public final class Assembly {
        /** Where each listed image's object comes from: its index in the stored answer, or {@code -1 - i}: {@code written.get(i)}. */
        private final int[] from;
        private final List<byte[]> written;
        private final int length;

        private Assembly(int[] from, List<byte[]> written, int length) {
            this.from = from;
            this.written = written;
            this.length = length;
        }

        public int length() {
            return length;
        }

        /** The answer as bytes of their own. */
        public byte[] bytes() {
            byte[] out = new byte[length];
            writeTo(ByteBuffer.wrap(out));
            return out;
        }

        /** Puts the answer into {@code into} (room for {@link #length()} bytes), each part copied once. */
        public void writeTo(ByteBuffer into) {
            if (pieces != null) {
                writeFromPieces(into);
                return;
            }
            // A body in one buffer (a compiled answer, a small one) is cut by views of one view of its own;
            // a body in chunks by views of the chunks each range spans. (A buffer's relative reads are not
            // safe from several threads: every view here is this copy's own.)
            ByteBuffer whole = body.nioBufferCount() == 1 ? body.nioBuffer() : null;
            into.put((byte) '[');
            for (int i = 0; i < from.length; i++) {
                if (i > 0) {
                    into.put((byte) ',');
                }
                if (from[i] >= 0) {
                    int start = start(from[i]);
                    if (whole != null) {
                        into.put(whole.limit(ends[from[i]]).position(start));
                    } else {
                        for (ByteBuffer part : body.nioBuffers(body.readerIndex() + start, ends[from[i]] - start)) {
                            into.put(part);
                        }
                    }
                } else {
                    into.put(written.get(-1 - from[i]));
                }
            }
            into.put((byte) ']').put((byte) '\n');
        }

        /**
         * The same, with the stored answer read a piece at a time: every part's place is known
         * before a byte is read, so each piece, whichever reader has it, puts the parts of the
         * ranges it holds there (absolute puts: nothing shared moves).
         */
        private void writeFromPieces(ByteBuffer into) {
            int base = into.position();
            int ranges = from.length - written.size();
            int[] starts = new int[ranges]; // the stored ranges, ascending in the stored answer as in this one
            int[] rangeEnds = new int[ranges];
            int[] targets = new int[ranges];
            into.put(base, (byte) '[');
            int at = base + 1;
            for (int i = 0, r = 0; i < from.length; i++) {
                if (i > 0) {
                    into.put(at++, (byte) ',');
                }
                if (from[i] >= 0) {
                    starts[r] = start(from[i]);
                    rangeEnds[r] = ends[from[i]];
                    targets[r] = at;
                    at += rangeEnds[r] - starts[r];
                    r++;
                } else {
                    byte[] object = written.get(-1 - from[i]);
                    into.put(at, object);
                    at += object.length;
                }
            }
            into.put(at, (byte) ']').put(at + 1, (byte) '\n');
            int pieceBytes = pieces.pieceBytes();
            pieces.forEach(piece -> {
                int first = firstEndingAfter(rangeEnds, (long) piece * pieceBytes);
                return first < ranges && starts[first] < (long) (piece + 1) * pieceBytes;
            }, (piece, bytes) -> {
                long pieceStart = (long) piece * pieceBytes;
                long pieceEnd = pieceStart + bytes.limit();
                for (int r = firstEndingAfter(rangeEnds, pieceStart); r < ranges && starts[r] < pieceEnd; r++) {
                    int cut = (int) Math.max(starts[r], pieceStart);
                    int cutEnd = (int) Math.min(rangeEnds[r], pieceEnd);
                    into.put(targets[r] + cut - starts[r], bytes, (int) (cut - pieceStart), cutEnd - cut);
                }
            });
            into.position(base + length);
        }
    }

    /** The first of the ascending {@code ends} after {@code offset} (its range holds bytes from there on), or {@code ends.length}. */
    private static int firstEndingAfter(int[] ends, long offset) {
        int low = 0;
        int high = ends.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ends[middle] > offset) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private int start(int index) {
        return index == 0 ? 1 : ends[index - 1] + 1;
    }

    /** Whether the image is listed with all of its references (a reference filter may keep fewer). */
    private static boolean listsEveryReference(ImageSummary image) {
        return image.tags().size() == image.image().tags().size() && image.digests().size() == image.image().digests().size();
    }
}
