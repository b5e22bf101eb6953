package dev.imagecatalog.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the start and a rotation accept as the Docker API's TLS files, and the one line they refuse the rest with (issue 25). */
class TlsFilesTest {

    @TempDir
    Path dir;

    private static String refusal(Path directory) {
        return assertThrows(TlsFiles.Refused.class, () -> new TlsFiles(directory).check()).getMessage();
    }

    @Test
    void aCertificateWithItsKeyIsServedAndCaPemAsksForClientCertificates() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        new TlsFiles(certs.server).check();
        assertTrue(new TlsFiles(certs.server).verifiesClients());
        Path noCa = Files.createDirectories(dir.resolve("no-ca"));
        Files.copy(certs.server.resolve("cert.pem"), noCa.resolve("cert.pem"));
        Files.copy(certs.server.resolve("key.pem"), noCa.resolve("key.pem"));
        new TlsFiles(noCa).check();
        assertFalse(new TlsFiles(noCa).verifiesClients(), "no ca.pem: dockerd's --tls, no client certificate asked for");
    }

    @Test
    void keysInTheOlderFormsOpensslWritesAreRead() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        Path rsa = Files.createDirectories(dir.resolve("rsa"));
        Files.copy(certs.server.resolve("cert.pem"), rsa.resolve("cert.pem"));
        certs.traditionalKey(certs.server, rsa.resolve("key.pem"));
        assertTrue(Files.readString(rsa.resolve("key.pem")).contains("BEGIN RSA PRIVATE KEY"));
        new TlsFiles(rsa).check();
        Path ec = dir.resolve("ec");
        certs.ecPair(ec);
        assertTrue(Files.readString(ec.resolve("key.pem")).contains("BEGIN EC PRIVATE KEY"));
        new TlsFiles(ec).check();
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedRsaOrEc() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        Path ec = dir.resolve("ec");
        Path otherEc = dir.resolve("other-ec");
        certs.ecPair(ec);
        certs.ecPair(otherEc);
        Files.copy(otherEc.resolve("key.pem"), ec.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
        assertEquals(ec.resolve("key.pem") + " is not the key of the certificate in " + ec.resolve("cert.pem"), refusal(ec));
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(certs.server.resolve("cert.pem"), mixed.resolve("cert.pem"));
        Files.copy(otherEc.resolve("key.pem"), mixed.resolve("key.pem"));
        assertEquals(mixed.resolve("key.pem") + " is not the key of the certificate in " + mixed.resolve("cert.pem"), refusal(mixed));
        Path rsaKeyOfOlderForm = Files.createDirectories(dir.resolve("rsa-other"));
        Files.copy(certs.server.resolve("cert.pem"), rsaKeyOfOlderForm.resolve("cert.pem"));
        certs.traditionalKey(certs.client, rsaKeyOfOlderForm.resolve("key.pem"));
        assertEquals(rsaKeyOfOlderForm.resolve("key.pem") + " is not the key of the certificate in " + rsaKeyOfOlderForm.resolve("cert.pem"),
                refusal(rsaKeyOfOlderForm));
    }

    /** A damaged RSA key with the certificate's public half would pass a comparison of public halves, and fail every handshake. */
    @Test
    void anRsaKeyWhosePrivateHalfIsDamagedIsRefused() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        RSAPrivateCrtKey good = (RSAPrivateCrtKey) TlsFiles.privateKey(certs.server.resolve("key.pem"));
        Path damaged = Files.createDirectories(dir.resolve("damaged"));
        Files.copy(certs.server.resolve("cert.pem"), damaged.resolve("cert.pem"));
        for (int part = 0; part < 3; part++) {
            BigInteger one = BigInteger.ONE;
            RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(good.getModulus(), good.getPublicExponent(), good.getPrivateExponent(),
                    good.getPrimeP(), good.getPrimeQ(), part == 0 ? good.getPrimeExponentP().add(one) : good.getPrimeExponentP(),
                    part == 1 ? good.getPrimeExponentQ().add(one) : good.getPrimeExponentQ(),
                    part == 2 ? good.getCrtCoefficient().add(one) : good.getCrtCoefficient());
            byte[] pkcs8 = KeyFactory.getInstance("RSA").generatePrivate(spec).getEncoded();
            Files.writeString(damaged.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n");
            assertEquals(damaged.resolve("key.pem") + " is not the key of the certificate in " + damaged.resolve("cert.pem"), refusal(damaged),
                    "CRT value " + part + " damaged");
        }
        Files.copy(certs.server.resolve("key.pem"), damaged.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
        new TlsFiles(damaged).check();
    }

    @Test
    void whatCannotBeServedIsRefusedInOneLineNamingTheFile() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        Path broken = Files.createDirectories(dir.resolve("broken"));
        assertEquals(broken.resolve("cert.pem") + " is missing", refusal(broken));
        Files.copy(certs.server.resolve("cert.pem"), broken.resolve("cert.pem"));
        assertEquals(broken.resolve("key.pem") + " is missing", refusal(broken));
        Files.copy(certs.client.resolve("key.pem"), broken.resolve("key.pem"));
        assertEquals(broken.resolve("key.pem") + " is not the key of the certificate in " + broken.resolve("cert.pem"), refusal(broken));
        Files.copy(certs.server.resolve("key.pem"), broken.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(broken.resolve("ca.pem"), "not a certificate\n");
        assertEquals(broken.resolve("ca.pem") + " holds no certificate", refusal(broken));
        Files.delete(broken.resolve("ca.pem"));
        Files.writeString(broken.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertTrue(refusal(broken).startsWith(broken.resolve("key.pem") + " holds a key that cannot be read"), refusal(broken));
        Files.writeString(broken.resolve("cert.pem"), "");
        assertEquals(broken.resolve("cert.pem") + " holds no certificate", refusal(broken));
        assertEquals("api.tls.cert-path " + dir.resolve("nowhere") + " is not a directory", refusal(dir.resolve("nowhere")));
        assertFalse(refusal(broken).contains("\n"), "one line");
    }
}
