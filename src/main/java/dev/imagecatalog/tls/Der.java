package dev.imagecatalog.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER to read the key files openssl writes in the older forms (PKCS#1 RSA, SEC1 EC) as
 * the PKCS#8 that Java's key factories take: the key wrapped with its algorithm's identifier.
 */
final class Der {

    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
        0x01, 0x01, 0x05, 0x00}; // SEQUENCE { rsaEncryption, NULL }
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01}; // id-ecPublicKey

    private Der() {
    }

    static byte[] rsaToPkcs8(byte[] pkcs1) {
        return pkcs8(RSA_ALGORITHM, pkcs1);
    }

    /** SEC1's ECPrivateKey carries its curve in {@code [0] parameters}: it becomes the algorithm's parameter. */
    static byte[] ecToPkcs8(byte[] sec1) {
        int[] outer = header(sec1, 0, 0x30);
        int at = outer[0];
        int end = outer[0] + outer[1];
        while (at < end) {
            int[] element = header(sec1, at, -1);
            if ((sec1[at] & 0xff) == 0xa0) { // [0] parameters: the curve's OID
                byte[] curve = Arrays.copyOfRange(sec1, element[0], element[0] + element[1]);
                return pkcs8(sequence(concat(EC_PUBLIC_KEY, curve)), sec1);
            }
            at = element[0] + element[1];
        }
        throw new IllegalArgumentException("an EC key without its curve");
    }

    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, encode(0x04, key)));
    }

    private static byte[] sequence(byte[] content) {
        return encode(0x30, content);
    }

    private static byte[] encode(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The start and length of the content of the element at {@code at} (checking its tag unless -1). */
    private static int[] header(byte[] der, int at, int tag) {
        if (at + 2 > der.length || (tag >= 0 && (der[at] & 0xff) != tag)) {
            throw new IllegalArgumentException("not the DER expected");
        }
        int length = der[at + 1] & 0xff;
        int start = at + 2;
        if (length >= 0x80) {
            int bytes = length & 0x7f;
            if (bytes == 0 || bytes > 4 || start + bytes > der.length) {
                throw new IllegalArgumentException("a DER length out of range");
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[start + i] & 0xff);
            }
            start += bytes;
        }
        if (length < 0 || start + length > der.length) {
            throw new IllegalArgumentException("a DER length out of range");
        }
        return new int[] {start, length};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
