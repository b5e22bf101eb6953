package dev.imagecatalog.catalog.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The JVM's off-heap memory (the native image's mappings are checked by the *IT suites run against it). */
class OffHeapTest {

    @Test
    void aBufferIsDirectAndAsLongAsAskedFor() {
        ByteBuffer buffer = OffHeap.buffer(OffHeap.MAPPED_FROM + 3);
        assertTrue(buffer.isDirect());
        assertEquals(OffHeap.MAPPED_FROM + 3, buffer.capacity());
        assertEquals(0, buffer.position());
    }

    @Test
    void onTheJvmEachPartOfARegionIsABufferOfItsOwn() {
        OffHeap region = OffHeap.region(1 << 20);
        ByteBuffer first = region.part(0, 1000);
        ByteBuffer second = region.part(1000, 2000);
        assertNotSame(first, second);
        assertEquals(1000, first.capacity());
        assertEquals(2000, second.capacity());
        first.put(0, (byte) 7);
        assertEquals(0, second.get(0)); // no shared memory: writing one part leaves the other as it was
    }

    @Test
    void aRegionCountsItsPartsBytes() {
        OffHeap.Reserved reserved = new OffHeap.Reserved();
        reserved.add(100);
        reserved.add(23);
        assertEquals(123, reserved.bytes());
        assertEquals(2, reserved.parts());
    }
}
