package dev.imagecatalog.catalog;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Large work shared by the calling thread and one thread of its own: reading tens of megabytes
 * from a snapshot (most of it the kernel's copy and zlib's CRC-32) or compressing them, which two
 * cores do in half the time. Both may write into memory the caller owns, so the caller never
 * returns while the other runs.
 */
public final class TwoThreads {

    /** Work that may fail with {@code E}. */
    @FunctionalInterface
    public interface Work<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs {@code mine} on this thread and {@code other} on a new daemon thread named {@code name};
     * returns once both are done (where no thread can be started, both run here, one after the
     * other). A failure is thrown only once both have stopped: this thread's if it failed, else the
     * other's (an interrupt meanwhile is kept for the caller).
     */
    public static <E extends Exception> void run(String name, Work<E> mine, Work<E> other) throws E {
        FutureTask<Void> second = new FutureTask<>(() -> {
            other.run();
            return null;
        });
        Thread reader = new Thread(second, name);
        reader.setDaemon(true);
        try {
            reader.start();
        } catch (OutOfMemoryError noThread) { // (no thread to be had now: both parts on this one)
            mine.run();
            other.run();
            return;
        }
        try {
            mine.run();
        } catch (Exception | Error e) {
            awaitQuietly(second);
            throw e;
        }
        TwoThreads.<E>await(second);
    }

    /** Waits for the other's work without giving up on an interrupt, and passes on how it failed. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> void await(FutureTask<Void> work) throws E {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    work.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw (E) e.getCause(); // what other.run() throws: an E or an unchecked exception
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the other's work when this thread's failed first: this thread's failure is the one passed on. */
    private static void awaitQuietly(FutureTask<Void> work) {
        try {
            TwoThreads.<Exception>await(work);
        } catch (Exception | Error ignored) {
            // the first failure is passed on
        }
    }

    private TwoThreads() {
    }
}
