package dev.imagecatalog.tls;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server's key and the clients' CAs, as key and trust managers that the TLS server keeps for its
 * whole life and that delegate to the files' current contents: a rotation swaps what they delegate
 * to, and the next handshake uses it. (Replacing the server's SSL options instead makes Vert.x 4.5
 * fail the handshakes that arrive while the new context is made: seen as "Failed to initialize a
 * channel" under load.)
 */
public final class RotatingCredentials {

    /**
     * One version of the files' key and chain, under an alias of its own: a handshake picks an alias
     * first and asks for its chain and key after, so both come from the same version even when a
     * rotation happens in between (the version before stays reachable by its alias). Held as they
     * are, not in a KeyStore: a PKCS#12 store encrypts a key it is given and decrypts it when asked
     * (PBKDF2, 10,000 rounds each way), which cost the native binary's start and first handshake
     * about 20 ms apiece.
     */
    private record Generation(String alias, PrivateKey key, X509Certificate[] chain) {

        /** Whether this key can serve a handshake that asks for keys of this type ("RSA", "EC", "RSASSA-PSS", "EdDSA"). */
        boolean serves(String keyType) {
            return key.getAlgorithm().equals(keyType);
        }
    }

    private volatile Generation keys;
    private volatile Generation before;
    private volatile X509ExtendedTrustManager trust;
    private int generations;

    public RotatingCredentials(TlsFiles.Loaded loaded) {
        use(loaded);
    }

    /** From the next handshake on, these. */
    public synchronized void use(TlsFiles.Loaded loaded) {
        try {
            Generation nextKeys = new Generation("server-" + (++generations), loaded.key(), loaded.chain().toArray(X509Certificate[]::new));
            X509ExtendedTrustManager nextTrust = null;
            if (!loaded.clientCas().isEmpty()) {
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                for (int i = 0; i < loaded.clientCas().size(); i++) {
                    cas.setCertificateEntry("ca-" + i, loaded.clientCas().get(i));
                }
                TrustManagerFactory trustFactory = TrustManagerFactory.getInstance("PKIX");
                trustFactory.init(cas);
                for (TrustManager manager : trustFactory.getTrustManagers()) {
                    if (manager instanceof X509ExtendedTrustManager extended) {
                        nextTrust = extended;
                    }
                }
            }
            before = keys;
            keys = nextKeys;
            trust = nextTrust;
        } catch (Exception e) {
            throw new IllegalStateException("the checked TLS files could not be made into a trust manager: " + e, e);
        }
    }

    public KeyManagerFactory keyManagerFactory() {
        // A server key manager: the one key, for the handshakes that can use its type (what the JDK's
        // own would pick, given a single key); never a client's.
        X509ExtendedKeyManager current = new X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                String alias = chooseServerAlias(keyType, issuers, (Socket) null);
                return alias == null ? null : new String[] {alias};
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                Generation generation = keys;
                return keyType != null && generation.serves(keyType) ? generation.alias() : null;
            }

            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                return chooseServerAlias(keyType, issuers, (Socket) null);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                Generation owner = owner(alias);
                return owner == null ? null : owner.chain().clone();
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                Generation owner = owner(alias);
                return owner == null ? null : owner.key();
            }
        };
        return new KeyManagerFactory(new KeyManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore store, char[] password) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters parameters) {
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return new KeyManager[] {current};
            }
        }, null, "image-catalog") {
        };
    }

    public TrustManagerFactory trustManagerFactory() {
        X509ExtendedTrustManager delegating = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                trusted().checkClientTrusted(chain, authType, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                trusted().checkServerTrusted(chain, authType, socket);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                trusted().checkClientTrusted(chain, authType, engine);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                trusted().checkServerTrusted(chain, authType, engine);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                trusted().checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                trusted().checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                X509ExtendedTrustManager current = trust;
                return current == null ? new X509Certificate[0] : current.getAcceptedIssuers();
            }
        };
        return new TrustManagerFactory(new TrustManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore store) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters parameters) {
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return new TrustManager[] {delegating};
            }
        }, null, "image-catalog") {
        };
    }

    /** The version of the files an alias was given to. */
    private Generation owner(String alias) {
        for (Generation generation : new Generation[] {keys, before}) {
            if (generation != null && generation.alias().equals(alias)) {
                return generation;
            }
        }
        return null;
    }

    private X509ExtendedTrustManager trusted() throws CertificateException {
        X509ExtendedTrustManager current = trust;
        if (current == null) {
            throw new CertificateException("no ca.pem: no client certificate is trusted");
        }
        return current;
    }
}
