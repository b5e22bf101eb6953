package dev.imagecatalog.tls;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * Netty's JDK TLS server context in the native image (GraalVM substitutes it at build time; the JVM
 * never loads this class). Its class initialiser probes whether the JDK lets it wrap trust managers
 * (some FIPS providers do not: netty#13840) by making a throwaway SSL context: a PKCS#12 store with a
 * key in it (PBKDF2, 10,000 rounds) and the JDK's default trust store (cacerts, parsed). In the
 * native binary that ran on an event loop at the first TLS connection, before its handshake: 12 ms
 * of the first answer over TLS. The native image's security providers are the JDK's own, fixed when
 * it is built, and they allow it: the probe passes without being made.
 */
@TargetClass(className = "io.netty.handler.ssl.JdkSslServerContext")
final class NettyTlsInNativeImage {

    @Substitute
    static void checkIfWrappingTrustManagerIsSupported() {
        // What the probe finds with the JDK's providers: wrapping is supported.
    }
}
