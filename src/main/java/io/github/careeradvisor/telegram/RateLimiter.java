package io.github.careeradvisor.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most so many questions a minute from one person. The first one over gets a polite notice; the
 * rest, until the minute frees up, get nothing, so a flood costs the bot almost nothing. People quiet
 * for a minute are forgotten, so memory follows the people active now, not everyone ever seen.
 */
final class RateLimiter {

    enum Verdict { ALLOW, NOTICE, DROP }

    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int FIRST_SWEEP = 10_000;

    private final int perMinute;
    private final LongSupplier clock;
    private final Map<Long, Deque<Long>> recent = new HashMap<>();
    private final Map<Long, Long> noticed = new HashMap<>();
    private int sweepAt = FIRST_SWEEP;

    RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    RateLimiter(int perMinute, LongSupplier clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    synchronized Verdict check(long userId) {
        long now = clock.getAsLong();
        if (recent.size() >= sweepAt) {
            sweep(now);
        }
        Deque<Long> times = recent.computeIfAbsent(userId, id -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() > WINDOW_NANOS) {
            times.pollFirst();
        }
        if (times.size() < perMinute) {
            times.addLast(now);
            noticed.remove(userId);
            return Verdict.ALLOW;
        }
        return noticed.putIfAbsent(userId, now) == null ? Verdict.NOTICE : Verdict.DROP;
    }

    /** People tracked now. */
    synchronized int tracked() {
        return recent.size();
    }

    /** Forgets everyone whose last question left the window; the next sweep waits until the map doubles. */
    private void sweep(long now) {
        recent.values().removeIf(times -> times.isEmpty() || now - times.peekLast() > WINDOW_NANOS);
        noticed.keySet().retainAll(recent.keySet());
        sweepAt = Math.max(FIRST_SWEEP, 2 * recent.size());
    }
}
