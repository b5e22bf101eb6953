package dev.imagecatalog.tls;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.logging.Logger;

/**
 * A TLS handshake with the server's key, in memory, beside the start, in TLS 1.3 and in 1.2 (docker-py
 * speaks 1.2): the first client's handshake otherwise waits while its event loop loads and
 * initialises the JDK's TLS and crypto code and Netty makes its TLS context (with a probe of the
 * JDK's, see NettyTlsInNativeImage). It took a quarter of a second off the JVM's first answer over
 * TLS. Nothing leaves the process; if it fails, the first client does that work instead.
 */
final class HandshakeWarmUp {

    private static final Logger LOG = Logger.getLogger(HandshakeWarmUp.class);

    private HandshakeWarmUp() {
    }

    static void start(RotatingCredentials credentials) {
        Thread thread = new Thread(() -> run(credentials), "tls-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether both ends finished the handshake. */
    static boolean run(RotatingCredentials credentials) {
        try {
            Class.forName("io.netty.handler.ssl.JdkSslServerContext", true, HandshakeWarmUp.class.getClassLoader());
            SSLContext serverContext = SSLContext.getInstance("TLS");
            serverContext.init(credentials.keyManagerFactory().getKeyManagers(), null, null);
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, new TrustManager[] {new AcceptingTrustManager()}, null);
            boolean done = true;
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                SSLEngine server = serverContext.createSSLEngine();
                server.setUseClientMode(false);
                SSLEngine client = clientContext.createSSLEngine("localhost", 0);
                client.setUseClientMode(true);
                client.setEnabledProtocols(new String[] {protocol});
                done &= handshake(client, server) && protocol.equals(client.getSession().getProtocol());
            }
            return done;
        } catch (Exception | LinkageError e) {
            LOG.debug("The TLS warm-up did not finish (the first client's handshake does that work): " + e);
            return false;
        }
    }

    /** Runs both ends until both are done: each one's records are the other's input. */
    private static boolean handshake(SSLEngine client, SSLEngine server) throws SSLException {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size);
        ByteBuffer toClient = ByteBuffer.allocate(size);
        ByteBuffer none = ByteBuffer.allocate(0);
        ByteBuffer application = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() + 64);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 100 && !(done(client) && done(server)); step++) {
            advance(client, none, toServer, toClient, application);
            advance(server, none, toClient, toServer, application);
        }
        return done(client) && done(server);
    }

    private static void advance(SSLEngine engine, ByteBuffer none, ByteBuffer out, ByteBuffer in, ByteBuffer application) throws SSLException {
        switch (engine.getHandshakeStatus()) {
            case NEED_WRAP -> engine.wrap(none, out);
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                engine.unwrap(in, application);
                in.compact();
                application.clear();
            }
            case NEED_TASK -> {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            }
            default -> {
            }
        }
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.FINISHED || status == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** The warm-up's client: it talks to this process only, in memory, and sends nothing. */
    private static final class AcceptingTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
