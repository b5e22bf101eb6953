package dev.imagecatalog.api.http;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.inject.Singleton;

/**
 * No WebSocket compression on offer: nothing here serves a WebSocket, and while Vert.x offers the
 * compression extensions (its default) it puts Netty's {@code WebSocketServerExtensionHandler} into
 * every connection's pipeline, where every request and every answer passes through it (a profile of
 * the native binary's stored-answer route showed it on every write).
 */
@Singleton
public class HttpServerPipeline implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        withoutWebSocketCompression(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        withoutWebSocketCompression(options);
    }

    static HttpServerOptions withoutWebSocketCompression(HttpServerOptions options) {
        return options.setPerFrameWebSocketCompressionSupported(false).setPerMessageWebSocketCompressionSupported(false);
    }
}
