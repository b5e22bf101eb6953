package dev.imagecatalog.catalog.snapshot;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.ImageReference;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/** Writes a catalog as a snapshot ({@link Layout}): every section made in memory, then the file whole or not at all. */
final class SnapshotWriter {

    private final List<byte[]> sections = new ArrayList<>();

    private SnapshotWriter() {
    }

    static long write(Catalog catalog, Snapshot.DefaultAnswer answer, Path target) throws IOException {
        SnapshotWriter writer = new SnapshotWriter();
        List<CatalogImage> images = catalog.images();
        int blocks = (images.size() + Layout.BLOCK_SIZE - 1) / Layout.BLOCK_SIZE;
        writer.section(out -> {
            out.writeInt(images.size());
            out.writeInt(Layout.BLOCK_SIZE);
            out.writeInt(blocks);
            out.writeBoolean(answer != null);
            Cursor.writeString(out, answer == null ? "" : answer.tag());
            Cursor.writeString(out, answer == null ? "" : answer.rendering());
        });
        writer.sections.add(answer == null ? new byte[0] : answer.body());
        writer.section(out -> {
            int listed = answer == null ? 0 : answer.positions().length;
            out.writeInt(listed);
            for (int i = 0; i < listed; i++) {
                out.writeInt(answer.positions()[i]);
            }
            for (int i = 0; i < listed; i++) {
                out.writeInt(answer.ends()[i]);
            }
        });
        Map<String, Integer> strings = new LinkedHashMap<>();
        for (CatalogImage image : images) {
            if (image.labels() != null) {
                image.labels().forEach((key, value) -> {
                    strings.putIfAbsent(key, strings.size());
                    strings.putIfAbsent(value, strings.size());
                });
            }
        }
        writer.section(out -> writeStrings(out, strings.keySet()));
        writer.section(out -> SortedTable.write(out, ids(images)));
        writer.section(out -> SortedTable.write(out, references(images)));
        ByteArrayOutputStream postings = new ByteArrayOutputStream();
        writer.section(out -> SortedTable.write(out, labels(images, new DataOutputStream(postings))));
        writer.sections.add(postings.toByteArray());
        writer.sections.add(answer == null ? new byte[0] : answer.gzip());
        for (int block = 0; block < blocks; block++) {
            List<CatalogImage> part = images.subList(block * Layout.BLOCK_SIZE, Math.min(images.size(), (block + 1) * Layout.BLOCK_SIZE));
            writer.section(out -> writeBlock(out, part, strings));
        }
        return writer.writeFile(target);
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private void section(Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writing.to(out);
        out.flush();
        sections.add(bytes.toByteArray());
    }

    private static void writeStrings(DataOutputStream out, Iterable<String> strings) throws IOException {
        List<byte[]> encoded = new ArrayList<>();
        for (String string : strings) {
            encoded.add(Cursor.utf8(string));
        }
        out.writeInt(encoded.size());
        int start = 0;
        out.writeInt(0);
        for (byte[] string : encoded) {
            start += string.length;
            out.writeInt(start);
        }
        for (byte[] string : encoded) {
            out.write(string);
        }
    }

    private static List<SortedTable.Entry> ids(List<CatalogImage> images) throws IOException {
        List<SortedTable.Entry> entries = new ArrayList<>(images.size());
        for (int position = 0; position < images.size(); position++) {
            entries.add(new SortedTable.Entry(Cursor.utf8(images.get(position).idKey()), position));
        }
        return entries;
    }

    private static List<SortedTable.Entry> references(List<CatalogImage> images) throws IOException {
        List<SortedTable.Entry> entries = new ArrayList<>(images.size() * 4);
        for (int position = 0; position < images.size(); position++) {
            CatalogImage image = images.get(position);
            for (List<ImageReference> refs : List.of(image.tags(), image.digests())) {
                for (ImageReference ref : refs) {
                    boolean same = ref.canonical().equals(ref.familiar());
                    entries.add(new SortedTable.Entry(Cursor.utf8(ref.familiar()),
                            same ? position | Layout.CANONICAL : position));
                    if (!same) {
                        entries.add(new SortedTable.Entry(Cursor.utf8(ref.canonical()), position | Layout.CANONICAL));
                    }
                }
            }
        }
        return entries;
    }

    /** The label table's entries; each one's positions go to {@code postings} (a count, then the positions), its value says where. */
    private static List<SortedTable.Entry> labels(List<CatalogImage> images, DataOutputStream postings) throws IOException {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        Map<String, Map<String, List<Integer>>> byValue = new HashMap<>();
        for (int position = 0; position < images.size(); position++) {
            int at = position;
            Map<String, String> labels = images.get(position).labels();
            if (labels != null) {
                labels.forEach((key, value) -> {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(at);
                    byValue.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(value, v -> new ArrayList<>()).add(at);
                });
            }
        }
        List<SortedTable.Entry> entries = new ArrayList<>();
        int written = 0;
        for (Map.Entry<String, List<Integer>> key : byKey.entrySet()) {
            Cursor.utf8(key.getKey()); // refused here, with its text, if it cannot be stored
            entries.add(new SortedTable.Entry(Layout.labelKey(key.getKey()), written));
            written += writePositions(postings, key.getValue());
            for (Map.Entry<String, List<Integer>> value : byValue.get(key.getKey()).entrySet()) {
                Cursor.utf8(value.getKey());
                entries.add(new SortedTable.Entry(Layout.labelKey(key.getKey(), value.getKey()), written));
                written += writePositions(postings, value.getValue());
            }
        }
        return entries;
    }

    /** Returns the ints written. */
    private static int writePositions(DataOutputStream out, List<Integer> positions) throws IOException {
        out.writeInt(positions.size());
        for (int position : positions) {
            out.writeInt(position);
        }
        return 1 + positions.size();
    }

    private static void writeBlock(DataOutputStream out, List<CatalogImage> images, Map<String, Integer> strings) throws IOException {
        ByteArrayOutputStream records = new ByteArrayOutputStream(images.size() * 300);
        DataOutputStream recordsOut = new DataOutputStream(records);
        int[] starts = new int[images.size() + 1];
        for (int i = 0; i < images.size(); i++) {
            starts[i] = recordsOut.size();
            ImageRecords.write(recordsOut, images.get(i), strings);
        }
        starts[images.size()] = recordsOut.size();
        out.writeInt(images.size());
        for (int start : starts) {
            out.writeInt(start);
        }
        records.writeTo(out);
    }

    /** Header, table, pieces' checksums, sections: to a temporary file renamed over the target once it is on disk. */
    private long writeFile(Path target) throws IOException {
        int count = sections.size();
        long pieces = 0;
        for (byte[] section : sections) {
            pieces += Layout.pieces(section.length);
        }
        long offset = Layout.HEADER_BYTES + (long) Layout.TABLE_ENTRY_BYTES * count + 4 * pieces;
        ByteBuffer head = ByteBuffer.allocate((int) offset);
        head.put(Layout.MAGIC).putInt(Layout.FORMAT_VERSION).putInt(count);
        long fileLength = offset;
        for (byte[] section : sections) {
            fileLength += section.length;
        }
        head.putLong(fileLength).putInt(0); // the checksum, once the rest is written
        for (byte[] section : sections) {
            head.putLong(offset).putLong(section.length);
            offset += section.length;
        }
        CRC32 crc = new CRC32();
        for (byte[] section : sections) {
            for (int at = 0; at < section.length; at += Layout.PIECE_BYTES) {
                crc.reset();
                crc.update(section, at, Math.min(Layout.PIECE_BYTES, section.length - at));
                head.putInt((int) crc.getValue());
            }
        }
        head.putInt(Layout.HEADER_BYTES - 4, Layout.headerChecksum(head, ByteBuffer.allocate(0)));
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(file, head.rewind());
            for (byte[] section : sections) {
                writeFully(file, ByteBuffer.wrap(section));
            }
            file.force(true); // on disk before it takes the target's name
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return fileLength;
    }

    private static void writeFully(FileChannel file, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
    }
}
