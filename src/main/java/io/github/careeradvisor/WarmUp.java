package io.github.careeradvisor;

import io.github.careeradvisor.advisor.Advisor;
import java.util.function.Consumer;

/**
 * The advisor's warm-up ({@link Advisor#warmUp}) on a thread of its own: the bot takes updates, and a
 * person at the terminal can type, while the first runs of the model and of the code are paid for
 * (README, "Performance"). Closing it stops it after the message it is on and waits for that, so the
 * database is never closed under it.
 */
final class WarmUp implements AutoCloseable {

    private final Thread thread;
    private volatile boolean stopping;

    /** Starts warming {@code advisor} up; a failure (a full disk, say) is one line to {@code warnings}. */
    WarmUp(Advisor advisor, Consumer<String> warnings) {
        thread = new Thread(() -> {
            try {
                advisor.warmUp(() -> stopping);
            } catch (RuntimeException e) {
                warnings.accept("warning: the warm-up stopped (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()) + "); the first answers are slower");
            }
        }, "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
