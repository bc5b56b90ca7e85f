package io.github.careeradvisor.generation;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * After {@value #FAILURES} failed replies in a row, no reply is asked for during {@link #PAUSE}: a model
 * that is down costs each person the timeout only a few times, not on every question.
 */
final class CircuitBreaker {

    static final int FAILURES = 3;
    static final Duration PAUSE = Duration.ofSeconds(60);

    private final LongSupplier nanoTime;
    private int inARow;
    private long openUntil;
    private boolean open;

    /** @param nanoTime the clock, {@code System::nanoTime} outside tests */
    CircuitBreaker(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether a reply may be asked for now; the pause over, the next one is tried. */
    synchronized boolean allows() {
        if (open && nanoTime.getAsLong() - openUntil >= 0) {
            open = false;
            inARow = FAILURES - 1; // one more failure pauses again at once
        }
        return !open;
    }

    /** Counts a failure; true when it starts a pause, so the pause is logged once. */
    synchronized boolean failed() {
        inARow++;
        if (!open && inARow >= FAILURES) {
            open = true;
            openUntil = nanoTime.getAsLong() + PAUSE.toNanos();
            return true;
        }
        return false;
    }

    synchronized void succeeded() {
        inARow = 0;
    }
}
