package io.github.careeradvisor.telegram;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * A step the bot's start depends on, tried again while the database fails it (a full or read-only disk,
 * PostgreSQL down longer than its own retries), so a bad moment delays the bot rather than ending it
 * (README, "A full disk or a read-only data dir"). The pauses grow as the Bot API's do, capped so a
 * stop is not kept waiting.
 */
final class UntilItWorks {

    /** The longest pause between two tries. */
    static final long MAX_PAUSE_MILLIS = 5_000;

    private UntilItWorks() {
    }

    /** What {@code step} gives once it works; null if {@code stop} says so first, or the thread is interrupted. */
    static <T> @Nullable T run(String doing, Supplier<T> step, BooleanSupplier stop, Logger log) {
        for (int failures = 1; ; failures++) {
            if (stop.getAsBoolean()) {
                return null;
            }
            try {
                return step.get();
            } catch (RuntimeException e) {
                log.error("{} failed ({} in a row); trying again: {}", doing, failures, e.getMessage());
            }
            try {
                Thread.sleep(Math.min(BotApi.backoffMillis(failures), MAX_PAUSE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
