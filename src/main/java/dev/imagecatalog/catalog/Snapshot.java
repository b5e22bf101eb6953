package dev.imagecatalog.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * A compiled catalog: what the loader made of a catalog file, checked, in a binary form that is
 * read back without parsing JSON or references. {@code compile-catalog} writes it; a catalog path
 * naming one is served from it ({@link #isSnapshot} tells it by its first bytes, never by its name).
 *
 * <p>Layout: the magic {@code ICSNAPSH}, the format version (int), the body's length (long) and its
 * CRC-32C (int), then the body: the compiled default answer (what List Images without filters
 * answers at the current API version, rendered when compiled: a length and the bytes, then its
 * entity tag; served before the rest is decoded), the string table (label keys and values, each stored once), the
 * images in the file's order. Strings are a length and UTF-8 bytes; a reference is its familiar and
 * canonical strings and where its tag and digest start; an inspect-form entry keeps its members as
 * JSON text.
 */
public final class Snapshot {

    static final byte[] MAGIC = "ICSNAPSH".getBytes(StandardCharsets.US_ASCII);
    /**
     * The format this build writes and reads; another is refused with a line that says to compile
     * again. It must change whenever the layout, or the way the compiled default answer is rendered,
     * changes: that answer is served as stored.
     */
    static final int FORMAT_VERSION = 2;
    private static final int HEADER_BYTES = MAGIC.length + 4 + 8 + 4;
    private static final JsonFactory JSON = new JsonFactory();

    private Snapshot() {
    }

    /** Whether the file starts as a snapshot does (else it is taken for JSON). */
    public static boolean isSnapshot(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // read what there is
            }
            return !head.hasRemaining() && java.util.Arrays.equals(head.array(), MAGIC);
        } catch (IOException e) {
            return false; // the loader reports what is wrong with the file
        }
    }

    /** Writes the catalog as a snapshot without a compiled default answer. */
    public static long write(Catalog catalog, Path target) throws IOException {
        return write(catalog, new byte[0], "", target);
    }

    /**
     * Writes the catalog as a snapshot, whole or not at all (a temporary file renamed over the target).
     *
     * @param defaultAnswer the body of List Images without filters at the current API version, as the
     *                      service renders it, or empty; stored as opaque bytes
     * @param defaultAnswerTag its entity tag, as the service tags it
     */
    public static long write(Catalog catalog, byte[] defaultAnswer, String defaultAnswerTag, Path target) throws IOException {
        ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream(catalog.size() * 400 + defaultAnswer.length + 1024);
        DataOutputStream bodyOut = new DataOutputStream(bodyBytes);
        bodyOut.writeInt(defaultAnswer.length);
        bodyOut.write(defaultAnswer);
        writeString(bodyOut, defaultAnswerTag);
        writeBody(catalog, bodyOut);
        byte[] body = bodyBytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(FORMAT_VERSION).putLong(body.length)
                    .putInt((int) crc.getValue()).flip();
            while (header.hasRemaining()) {
                file.write(header);
            }
            ByteBuffer rest = ByteBuffer.wrap(body);
            while (rest.hasRemaining()) {
                file.write(rest);
            }
            file.force(true); // on disk before it takes the target's name
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return HEADER_BYTES + (long) body.length;
    }

    private static void writeBody(Catalog catalog, DataOutputStream out) throws IOException {
        CatalogImage[] images = catalog.inLoadOrder();
        Map<String, Integer> table = new HashMap<>();
        List<String> strings = new ArrayList<>();
        for (CatalogImage image : images) {
            if (image.labels() != null) {
                image.labels().forEach((key, value) -> {
                    table.computeIfAbsent(key, k -> add(strings, k));
                    table.computeIfAbsent(value, v -> add(strings, v));
                });
            }
        }
        out.writeInt(strings.size());
        for (String string : strings) {
            writeString(out, string);
        }
        out.writeInt(images.length);
        for (CatalogImage image : images) {
            writeString(out, image.id());
            writeString(out, image.parentId());
            writeReferences(out, image.tags());
            writeReferences(out, image.digests());
            out.writeLong(image.created());
            out.writeBoolean(image.createdKnown());
            out.writeLong(image.size());
            out.writeLong(image.virtualSize());
            out.writeLong(image.containers());
            if (image.labels() == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(image.labels().size());
                for (Map.Entry<String, String> label : image.labels().entrySet()) {
                    out.writeInt(table.get(label.getKey()));
                    out.writeInt(table.get(label.getValue()));
                }
            }
            InspectDetails inspect = image.inspect();
            out.writeBoolean(inspect != null);
            if (inspect != null) {
                out.writeBoolean(inspect.created() != null);
                if (inspect.created() != null) {
                    writeString(out, inspect.created());
                }
                writeString(out, inspect.members().toString());
            }
        }
    }

    private static int add(List<String> strings, String string) {
        strings.add(string);
        return strings.size() - 1;
    }

    private static void writeReferences(DataOutputStream out, List<ImageReference> refs) throws IOException {
        out.writeInt(refs.size());
        for (ImageReference ref : refs) {
            writeString(out, ref.familiar());
            // Outside Docker Hub the two strings are one: stored once.
            boolean same = ref.canonical().equals(ref.familiar());
            out.writeBoolean(same);
            if (!same) {
                writeString(out, ref.canonical());
            }
            out.writeInt(ref.tagStart());
            out.writeInt(ref.digestStart());
        }
    }

    private static void writeString(DataOutputStream out, String string) throws IOException {
        byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /**
     * Reads a snapshot whole: {@link #open} and {@link Opened#decode}.
     *
     * @throws CatalogException a snapshot of another format version, truncated or corrupted, in one line
     */
    public static Catalog read(Path file) {
        return open(file).decode();
    }

    /**
     * Opens a snapshot: maps it, checks its header and its checksum, and reads its compiled default
     * answer; the images are decoded when asked for ({@link Opened#decode}).
     *
     * @throws CatalogException a snapshot of another format version, truncated or corrupted, in one line
     */
    public static Opened open(Path file) {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES + 4);
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // read the header and the answer's length
            }
            if (size < HEADER_BYTES + 4 || header.hasRemaining()) {
                throw new CatalogException(source, "is a truncated catalog snapshot (" + size + " bytes): compile it again");
            }
            header.flip().position(MAGIC.length);
            int version = header.getInt();
            if (version != FORMAT_VERSION) {
                throw new CatalogException(source, "is a catalog snapshot of format version " + version + "; this build reads version "
                        + FORMAT_VERSION + ": compile it again with this build");
            }
            long length = header.getLong();
            int checksum = header.getInt();
            int answerLength = header.getInt();
            if (length != size - HEADER_BYTES) {
                throw new CatalogException(source, "is a truncated catalog snapshot (" + (size - HEADER_BYTES) + " of " + length
                        + " bytes): compile it again");
            }
            if (answerLength < 0 || answerLength > length - 8) {
                // Never so as written: what changed since shows in the checksum.
                CRC32C crc = new CRC32C();
                crc.update(channel.map(FileChannel.MapMode.READ_ONLY, HEADER_BYTES, length));
                throw (int) crc.getValue() != checksum
                        ? new CatalogException(source, "is a corrupted catalog snapshot (its checksum does not match): compile it again")
                        : corrupted(source, new IllegalArgumentException("answer length " + answerLength));
            }
            // Two mappings, both gone once the answer is copied and the images are decoded.
            long answerStart = HEADER_BYTES + 4L;
            ByteBuffer tagLength = ByteBuffer.allocate(4);
            channel.read(tagLength, answerStart + answerLength);
            long imagesStart = answerStart + answerLength + 4 + Math.max(0, tagLength.flip().getInt());
            if (imagesStart > size) {
                throw new IllegalArgumentException("a tag past the end");
            }
            ByteBuffer front = channel.map(FileChannel.MapMode.READ_ONLY, HEADER_BYTES, imagesStart - HEADER_BYTES);
            ByteBuffer images = channel.map(FileChannel.MapMode.READ_ONLY, imagesStart, size - imagesStart);
            CRC32C crc = new CRC32C();
            crc.update(front.duplicate());
            crc.update(images.duplicate());
            if ((int) crc.getValue() != checksum) {
                throw new CatalogException(source, "is a corrupted catalog snapshot (its checksum does not match): compile it again");
            }
            // The answer is copied out of the mapping: it is served for as long as this catalog is,
            // and a file rewritten in place must not change what is being served.
            ByteBuffer answer = ByteBuffer.allocateDirect(answerLength).put(front.slice(4, answerLength)).flip().asReadOnlyBuffer();
            front.position(4 + answerLength);
            String tag = readString(front);
            return new Opened(source, answerLength == 0 ? null : new Catalog.CompiledAnswer(answer, tag), images);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw corrupted(source, e);
        } catch (IOException e) {
            throw new CatalogException(source, "cannot be read: " + e.getMessage());
        }
    }

    private static CatalogException corrupted(String source, RuntimeException e) {
        return new CatalogException(source, "is a corrupted catalog snapshot (" + e.getClass().getSimpleName() + "): compile it again");
    }

    /** An opened snapshot: checked, its default answer at hand, its images not decoded yet. */
    public static final class Opened {
        private final String source;
        private final Catalog.CompiledAnswer defaultAnswer;
        private final ByteBuffer images;

        private Opened(String source, Catalog.CompiledAnswer defaultAnswer, ByteBuffer images) {
            this.source = source;
            this.defaultAnswer = defaultAnswer;
            this.images = images;
        }

        /** The compiled default answer (read-only, mapped from the file), or null when it has none. */
        public Catalog.CompiledAnswer defaultAnswer() {
            return defaultAnswer;
        }

        /** Decodes the images and makes the indexes; the catalog keeps the compiled default answer. */
        public Catalog decode() {
            try {
                Catalog catalog = readBody(images.duplicate());
                catalog.attachCompiledDefaultAnswer(defaultAnswer);
                return catalog;
            } catch (RuntimeException e) {
                throw corrupted(source, e);
            } catch (IOException e) {
                throw new CatalogException(source, "cannot be read: " + e.getMessage());
            }
        }
    }

    private static Catalog readBody(ByteBuffer data) throws IOException {
        String[] table = new String[data.getInt()];
        for (int i = 0; i < table.length; i++) {
            table[i] = readString(data);
        }
        int count = data.getInt();
        PositionIndex byId = new PositionIndex(count);
        PositionIndex byReference = new PositionIndex(count * 2);
        Set<String> parents = new HashSet<>();
        List<CatalogImage> images = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            String id = readString(data);
            String parentId = readString(data);
            List<ImageReference> tags = readReferences(data, byReference, index);
            List<ImageReference> digests = readReferences(data, byReference, index);
            long created = data.getLong();
            boolean createdKnown = data.get() != 0;
            long size = data.getLong();
            long virtualSize = data.getLong();
            long containers = data.getLong();
            Map<String, String> labels = null;
            int labelCount = data.getInt();
            if (labelCount >= 0) {
                String[] keys = new String[labelCount];
                String[] values = new String[labelCount];
                for (int i = 0; i < labelCount; i++) {
                    keys[i] = table[data.getInt()];
                    values[i] = table[data.getInt()];
                }
                labels = Labels.of(keys, values);
            }
            InspectDetails inspect = null;
            if (data.get() != 0) {
                String inspectCreated = data.get() != 0 ? readString(data) : null;
                inspect = new InspectDetails(inspectCreated, members(readString(data)));
            }
            byId.putIfAbsent(CatalogImage.keyOf(id), index);
            if (!parentId.isEmpty()) {
                parents.add(CatalogImage.keyOf(parentId));
            }
            images.add(new CatalogImage(id, parentId, tags, digests, created, createdKnown, size, virtualSize, labels,
                    containers, false, inspect));
        }
        if (data.hasRemaining()) {
            throw new IllegalArgumentException("content after the images");
        }
        return Catalog.of(images, byId, byReference, parents);
    }

    private static List<ImageReference> readReferences(ByteBuffer data, PositionIndex byReference, int index) {
        int count = data.getInt();
        List<ImageReference> refs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String familiar = readString(data);
            String canonical = data.get() != 0 ? familiar : readString(data);
            ImageReference ref = ImageReference.restore(familiar, canonical, data.getInt(), data.getInt());
            byReference.putIfAbsent(canonical, index);
            refs.add(ref);
        }
        return refs;
    }

    private static String readString(ByteBuffer data) {
        int length = data.getInt();
        if (length < 0 || length > data.remaining()) {
            throw new IllegalArgumentException("a string of " + length + " bytes");
        }
        if (data.hasArray()) {
            String string = new String(data.array(), data.arrayOffset() + data.position(), length, StandardCharsets.UTF_8);
            data.position(data.position() + length);
            return string;
        }
        byte[] bytes = new byte[length];
        data.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** An inspect-form entry's members, as the loader read them (numbers kept as written). */
    private static ObjectNode members(String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            return (ObjectNode) EntryFields.tree(parser);
        }
    }
}
