package dev.imagecatalog.api.json;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.query.ImageSummary;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored default answer (no filters, no {@code all}) of one response shape, cut into its images:
 * the byte range of each image's object in answer order. A filtered answer lists a subset of the
 * same images in the same order, so it is assembled from these ranges, one copy each; only an image
 * whose object differs is written anew: one a {@code reference} filter lists with fewer references,
 * and an intermediate image (listed with {@code all} only, so not in the default answer).
 */
public final class ImageFragments {

    private final ByteBuf body;
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
        this.body = body;
        this.ends = cuts.ends();
        int[] positions = cuts.positions();
        this.indexOf = new int[catalogSize];
        java.util.Arrays.fill(indexOf, -1);
        for (int i = 0; i < positions.length; i++) {
            indexOf[positions[i]] = i;
        }
    }

    /** The body of the answer listing these images (in answer order), as {@link DockerJson#images} writes it. */
    public byte[] assemble(List<ImageSummary> images, ResponseShape shape) {
        // Where each image's bytes come from: a range of the stored answer, or written anew.
        int[] from = new int[images.size()];
        List<byte[]> written = new ArrayList<>();
        long length = 3; // [ ] \n
        for (int i = 0; i < images.size(); i++) {
            ImageSummary image = images.get(i);
            int index = indexOf[image.position()];
            if (index >= 0 && listsEveryReference(image)) {
                from[i] = index;
                length += ends[index] - start(index);
            } else {
                byte[] object = DockerJson.image(image, shape);
                from[i] = -1 - written.size();
                written.add(object);
                length += object.length;
            }
            length += i == 0 ? 0 : 1;
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("an answer of " + length + " bytes");
        }
        byte[] out = new byte[(int) length];
        int at = 0;
        out[at++] = '[';
        for (int i = 0; i < images.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            if (from[i] >= 0) {
                int start = start(from[i]);
                // Through views of its own: a buffer's relative reads are not safe from several threads.
                for (java.nio.ByteBuffer part : body.nioBuffers(body.readerIndex() + start, ends[from[i]] - start)) {
                    int size = part.remaining();
                    part.get(out, at, size);
                    at += size;
                }
            } else {
                byte[] object = written.get(-1 - from[i]);
                System.arraycopy(object, 0, out, at, object.length);
                at += object.length;
            }
        }
        out[at++] = ']';
        out[at] = '\n';
        return out;
    }

    private int start(int index) {
        return index == 0 ? 1 : ends[index - 1] + 1;
    }

    /** Whether the image is listed with all of its references (a reference filter may keep fewer). */
    private static boolean listsEveryReference(ImageSummary image) {
        return image.tags().size() == image.image().tags().size() && image.digests().size() == image.image().digests().size();
    }
}
