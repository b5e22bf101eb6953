package dev.imagecatalog.catalog.snapshot;

/**
 * The CRC-32 of two byte runs one after the other, from the CRC-32 of each and the second's
 * length, as zlib's {@code crc32_combine} (which java.util.zip does not expose). It lets two
 * readers each check their half of a section while its bytes are still in the cache, and the
 * section still be checked whole against its one stored checksum.
 *
 * <p>How: appending n zero bytes to a message multiplies its CRC register by x^(8n) modulo the
 * polynomial, a linear map over GF(2) on 32-bit words; the map for n is built by squaring the
 * one-zero-bit operator, as for any power, and what the second run adds is its own CRC.
 */
final class Crc32Combine {

    /** zlib's polynomial, reflected. */
    private static final int POLYNOMIAL = 0xEDB88320;

    /** The CRC-32 of {@code a} then {@code b}, given CRC-32(a), CRC-32(b) and b's length. */
    static int combine(int crcOfFirst, int crcOfSecond, long lengthOfSecond) {
        if (lengthOfSecond <= 0) {
            return crcOfFirst;
        }
        int[] even = new int[32]; // the operator for 2^k zero bits, k even
        int[] odd = new int[32]; // and for k odd
        odd[0] = POLYNOMIAL; // one zero bit
        int row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four
        int crc = crcOfFirst;
        long length = lengthOfSecond; // in bytes: the first square below makes the operator for one zero byte
        do {
            square(even, odd);
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>>= 1;
        } while (length != 0);
        return crc ^ crcOfSecond;
    }

    private static int times(int[] matrix, int vector) {
        int sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(int[] square, int[] matrix) {
        for (int n = 0; n < 32; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }

    private Crc32Combine() {
    }
}
