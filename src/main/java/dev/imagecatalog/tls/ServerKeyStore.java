package dev.imagecatalog.tls;

import io.quarkus.tls.runtime.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.runtime.KeyStoreProvider;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.io.IOException;
import java.security.KeyStore;

/**
 * The key the TLS registry's configuration {@value TlsConfigSourceFactory#NAME} serves: the files'
 * key and chain as {@link TlsStart} read and checked them once ({@link RotatingCredentials}), so
 * that the registry reads no file itself. (Named by their paths, the registry parsed them again and
 * put the key in a PKCS#12 store to check it, a PBKDF2 of 10,000 rounds: 30 ms of the native
 * binary's start over TLS.)
 */
@Singleton
@Identifier(TlsConfigSourceFactory.NAME)
public class ServerKeyStore implements KeyStoreProvider {

    private final TlsStart tls;

    ServerKeyStore(TlsStart tls) {
        this.tls = tls;
    }

    @Override
    public KeyStoreAndKeyCertOptions getKeyStore(Vertx vertx) {
        return tls.credentials().map(credentials -> new KeyStoreAndKeyCertOptions(emptyStore(),
                KeyCertOptions.wrap(credentials.keyManagerFactory()))).orElse(null);
    }

    /** The registry wants a store beside the options; the key lives in the key manager, which a rotation updates. */
    private static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("an empty in-memory key store could not be made: " + e, e);
        }
    }
}
