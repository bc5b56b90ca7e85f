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
    private boolean begun;

    /** Starts warming {@code advisor} up; a failure (a full disk, say) is one line to {@code warnings}. */
    WarmUp(Advisor advisor, Consumer<String> warnings) {
        this(advisor, warnings, true);
    }

    private WarmUp(Advisor advisor, Consumer<String> warnings, boolean now) {
        thread = new Thread(() -> {
            try {
                advisor.warmUp(() -> stopping);
            } catch (RuntimeException e) {
                warnings.accept("warning: the warm-up stopped (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()) + "); the first answers are slower");
            }
        }, "warm-up");
        thread.setDaemon(true);
        if (now) {
            begin();
        }
    }

    /**
     * The same, started only by {@link #begin()}: the bot's, once it takes updates, so that its seconds of
     * work do not share the cores with the bot's own start.
     */
    static WarmUp later(Advisor advisor, Consumer<String> warnings) {
        return new WarmUp(advisor, warnings, false);
    }

    /** Starts it, unless it has started or been closed. */
    synchronized void begin() {
        if (!begun && !stopping) {
            begun = true;
            thread.start();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            stopping = true; // a begin() after this starts nothing
        }
        try {
            thread.join(); // at once for a thread never started
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
