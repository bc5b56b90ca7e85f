package io.github.careeradvisor.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most so many questions a minute from one person. The first one over gets a polite notice; the
 * rest, until the minute frees up, get nothing, so a flood costs the bot almost nothing.
 */
final class RateLimiter {

    enum Verdict { ALLOW, NOTICE, DROP }

    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final Map<Long, Deque<Long>> recent = new HashMap<>();
    private final Map<Long, Long> noticed = new HashMap<>();

    RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    synchronized Verdict check(long userId) {
        long now = System.nanoTime();
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
}
