package dev.imagecatalog.catalog.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class Crc32CombineTest {

    /** Two runs' checksums combined equal the checksum of the runs joined, wherever they are split. */
    @Test
    void combinedEqualsTheChecksumOfTheWhole() {
        Random random = new Random(23);
        for (int round = 0; round < 300; round++) {
            byte[] whole = new byte[round < 200 ? random.nextInt(64) : random.nextInt(3 << 20)];
            random.nextBytes(whole);
            int split = whole.length == 0 ? 0 : random.nextInt(whole.length + 1);
            int first = crc(whole, 0, split);
            int second = crc(whole, split, whole.length);
            assertEquals(crc(whole, 0, whole.length), Crc32Combine.combine(first, second, whole.length - split),
                    "length " + whole.length + " split at " + split);
        }
    }

    @Test
    void anEmptySecondRunLeavesTheFirstChecksum() {
        assertEquals(0x12345678, Crc32Combine.combine(0x12345678, 0, 0));
    }

    private static int crc(byte[] bytes, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }
}
