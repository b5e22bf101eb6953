package dev.imagecatalog.catalog.snapshot;

import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.ImageReference;
import dev.imagecatalog.catalog.InspectDetails;
import dev.imagecatalog.catalog.Labels;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One image as a snapshot stores it, both ways: its id and parent, its references (familiar and
 * canonical strings, the latter once when they are the same, and where tag and digest start), its
 * numbers, whether it has children, its labels (indexes into the string table) and an inspect-form
 * entry's members as JSON text.
 */
final class ImageRecords {

    private ImageRecords() {
    }

    static void write(DataOutputStream out, CatalogImage image, Map<String, Integer> strings) throws IOException {
        Cursor.writeString(out, image.id());
        Cursor.writeString(out, image.parentId());
        writeReferences(out, image.tags());
        writeReferences(out, image.digests());
        out.writeLong(image.created());
        out.writeBoolean(image.createdKnown());
        out.writeLong(image.size());
        out.writeLong(image.virtualSize());
        out.writeLong(image.containers());
        out.writeBoolean(image.hasChildren());
        if (image.labels() == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(image.labels().size());
            for (Map.Entry<String, String> label : image.labels().entrySet()) {
                out.writeInt(strings.get(label.getKey()));
                out.writeInt(strings.get(label.getValue()));
            }
        }
        InspectDetails inspect = image.inspect();
        out.writeBoolean(inspect != null);
        if (inspect != null) {
            out.writeBoolean(inspect.created() != null);
            if (inspect.created() != null) {
                Cursor.writeString(out, inspect.created());
            }
            Cursor.writeString(out, inspect.members().toString());
        }
    }

    private static void writeReferences(DataOutputStream out, List<ImageReference> refs) throws IOException {
        out.writeInt(refs.size());
        for (ImageReference ref : refs) {
            Cursor.writeString(out, ref.familiar());
            // Outside Docker Hub the two strings are one: stored once.
            boolean same = ref.canonical().equals(ref.familiar());
            out.writeBoolean(same);
            if (!same) {
                Cursor.writeString(out, ref.canonical());
            }
            out.writeInt(ref.tagStart());
            out.writeInt(ref.digestStart());
        }
    }

    /**
     * @param strings the string table, by index
     * @throws IllegalArgumentException, IndexOutOfBoundsException a record that is not what was written
     */
    static CatalogImage read(Cursor in, IntFunction<String> strings) throws IOException {
        String id = in.string();
        String parentId = in.string();
        List<ImageReference> tags = readReferences(in);
        List<ImageReference> digests = readReferences(in);
        long created = in.getLong();
        boolean createdKnown = in.getBoolean();
        long size = in.getLong();
        long virtualSize = in.getLong();
        long containers = in.getLong();
        boolean hasChildren = in.getBoolean();
        Map<String, String> labels = null;
        int labelCount = in.getInt();
        if (labelCount >= 0) {
            String[] keys = new String[labelCount];
            String[] values = new String[labelCount];
            for (int i = 0; i < labelCount; i++) {
                keys[i] = strings.apply(in.getInt());
                values[i] = strings.apply(in.getInt());
            }
            labels = Labels.of(keys, values);
        }
        InspectDetails inspect = null;
        if (in.getBoolean()) {
            String inspectCreated = in.getBoolean() ? in.string() : null;
            inspect = InspectDetails.restore(inspectCreated, in.string());
        }
        return new CatalogImage(id, parentId, tags, digests, created, createdKnown, size, virtualSize, labels, containers,
                hasChildren, inspect);
    }

    private static List<ImageReference> readReferences(Cursor in) {
        int count = in.getInt();
        if (count < 0) {
            throw new IllegalArgumentException(count + " references");
        }
        List<ImageReference> refs = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            String familiar = in.string();
            String canonical = in.getBoolean() ? familiar : in.string();
            refs.add(ImageReference.restore(familiar, canonical, in.getInt(), in.getInt()));
        }
        return refs;
    }
}
