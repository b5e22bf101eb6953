package dev.imagecatalog.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM files of the Docker API's TLS, named as dockerd's clients name theirs, in one directory
 * ({@code api.tls.cert-path}): {@code cert.pem} and {@code key.pem}, the server's certificate (with
 * its chain) and key; {@code ca.pem}, when present, the certificates that client certificates must
 * chain to (dockerd's {@code --tlsverify}). Checked before they are used, so that the start, or a
 * rotation, is refused with one line that says what is wrong with which file.
 */
public record TlsFiles(Path directory) {

    public static final String CERT = "cert.pem";
    public static final String KEY = "key.pem";
    public static final String CA = "ca.pem";

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    /** A TLS file that cannot be served, in one line. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    public Path cert() {
        return directory.resolve(CERT);
    }

    public Path key() {
        return directory.resolve(KEY);
    }

    public Path ca() {
        return directory.resolve(CA);
    }

    /** Whether client certificates are required: {@code ca.pem} is there (dockerd's {@code --tlsverify}). */
    public boolean verifiesClients() {
        return Files.exists(ca());
    }

    /** What the files hold, checked. */
    public record Loaded(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas) {
    }

    /** @throws Refused what is wrong, naming the file */
    public void check() throws Refused {
        load();
    }

    /**
     * Reads the files and checks that the certificate and the key are there, readable, PEM, and a
     * pair, and that {@code ca.pem}, if present, holds at least one certificate.
     *
     * @throws Refused what is wrong, naming the file
     */
    public Loaded load() throws Refused {
        if (!Files.isDirectory(directory)) {
            throw new Refused("api.tls.cert-path " + directory + " is not a directory");
        }
        List<X509Certificate> chain = certificates(cert());
        if (chain.isEmpty()) {
            throw new Refused(cert() + " holds no certificate");
        }
        PrivateKey key = privateKey(key());
        if (!pair(key, chain.get(0))) {
            throw new Refused(key() + " is not the key of the certificate in " + cert());
        }
        List<X509Certificate> cas = verifiesClients() ? certificates(ca()) : List.of();
        if (verifiesClients() && cas.isEmpty()) {
            throw new Refused(ca() + " holds no certificate");
        }
        return new Loaded(key, chain, cas);
    }

    private static String read(Path file) throws Refused {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new Refused(file + " is missing");
        } catch (IOException | RuntimeException e) {
            throw new Refused(file + " cannot be read: " + e.getMessage());
        }
    }

    static List<X509Certificate> certificates(Path file) throws Refused {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher pem = PEM.matcher(read(file));
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (pem.find()) {
                if (pem.group(1).equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(file, pem.group(2)))));
                }
            }
        } catch (CertificateException e) {
            throw new Refused(file + " holds a certificate that cannot be read: " + e.getMessage());
        }
        return certificates;
    }

    /** A PKCS#8 key ({@code PRIVATE KEY}), or an RSA ({@code RSA PRIVATE KEY}) or EC ({@code EC PRIVATE KEY}) one, as openssl writes them. */
    static PrivateKey privateKey(Path file) throws Refused {
        Matcher pem = PEM.matcher(read(file));
        while (pem.find()) {
            byte[] der = decode(file, pem.group(2));
            try {
                return switch (pem.group(1)) {
                    case "PRIVATE KEY" -> pkcs8(der);
                    case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Der.rsaToPkcs8(der)));
                    case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Der.ecToPkcs8(der)));
                    default -> null;
                };
            } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                throw new Refused(file + " holds a key that cannot be read: " + e.getMessage());
            }
        }
        throw new Refused(file + " holds no private key");
    }

    private static PrivateKey pkcs8(byte[] der) throws java.security.GeneralSecurityException {
        java.security.GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (java.security.GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static byte[] decode(Path file, String base64) throws Refused {
        try {
            return Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused(file + " is not PEM: " + e.getMessage());
        }
    }

    /**
     * Whether the key is the certificate's, and whole: an RSA key carries its public half, compared as
     * openssl's {@code X509_check_private_key} does, and its private half is checked against it by
     * arithmetic (an RSA signature costs the native binary's start about 10 ms); any other key signs
     * what the certificate's public key must verify.
     */
    private static boolean pair(PrivateKey key, X509Certificate certificate) {
        if (key instanceof RSAPrivateCrtKey rsa && certificate.getPublicKey() instanceof RSAPublicKey certified) {
            // The same algorithm too: the JDK's handshake refuses an "RSA" key for an "RSASSA-PSS" certificate.
            return key.getAlgorithm().equals(certified.getAlgorithm()) && rsa.getModulus().equals(certified.getModulus())
                    && rsa.getPublicExponent().equals(certified.getPublicExponent()) && whole(rsa);
        }
        return signs(key, certificate);
    }

    /**
     * Whether an RSA key's private half agrees with its public half, which a damaged file may not (the
     * start would pass, and every handshake fail): p·q = n, e·dP ≡ 1 (mod p−1), e·dQ ≡ 1 (mod q−1),
     * qInv·q ≡ 1 (mod p).
     */
    private static boolean whole(RSAPrivateCrtKey key) {
        BigInteger p = key.getPrimeP();
        BigInteger q = key.getPrimeQ();
        BigInteger e = key.getPublicExponent();
        if (p == null || q == null || key.getPrimeExponentP() == null || key.getPrimeExponentQ() == null || key.getCrtCoefficient() == null
                || p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0) {
            return false;
        }
        return p.multiply(q).equals(key.getModulus())
                && e.multiply(key.getPrimeExponentP()).mod(p.subtract(BigInteger.ONE)).equals(BigInteger.ONE)
                && e.multiply(key.getPrimeExponentQ()).mod(q.subtract(BigInteger.ONE)).equals(BigInteger.ONE)
                && key.getCrtCoefficient().multiply(q).mod(p).equals(BigInteger.ONE);
    }

    /** Whether the key signs what the certificate's public key verifies. */
    private static boolean signs(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "image-catalog".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
