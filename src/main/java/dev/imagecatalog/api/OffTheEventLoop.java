package dev.imagecatalog.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * Where a resource makes its answer: on the event loop when the work is known to be small (a
 * lookup, a small catalog), else on a worker thread, so that no request waits behind another's
 * one-off work (a large answer, an index built on first use, a snapshot section read on first use).
 */
final class OffTheEventLoop {

    private OffTheEventLoop() {
    }

    static Uni<Response> answer(boolean small, Supplier<Response> answer) {
        return small ? Uni.createFrom().item(answer.get())
                : Uni.createFrom().item(answer).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
