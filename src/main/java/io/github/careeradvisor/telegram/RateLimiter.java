package io.github.careeradvisor.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.careeradvisor.replicas.QuestionWindows;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * At most so many questions a minute from one person. The first one over gets a polite notice; the
 * rest, until the minute frees up, get nothing, so a flood costs the bot almost nothing. People quiet
 * for a minute are forgotten, so memory follows the people active now, not everyone ever seen.
 */
final class RateLimiter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RateLimiter.class);

    enum Verdict { ALLOW, NOTICE, DROP }

    private static final Duration WINDOW = Duration.ofMinutes(1);
    /**
     * People tracked at most. Far more than ask within one minute; past it the longest quiet are
     * forgotten first, so only a flood of new ids is cut short.
     */
    static final long MAX_TRACKED = 100_000;

    /** One person's questions within the window, oldest first, and whether they were told to slow down. */
    private static final class Recent {
        final Deque<Long> times = new ArrayDeque<>();
        boolean noticed;
    }

    private final int perMinute;
    private final LongSupplier clock;
    /** A person quiet for the whole window has nothing in it that counts, so the entry can go. */
    private final Cache<Long, Recent> recent;

    /** The windows replicas share, or null when this process answers alone. */
    private final @Nullable QuestionWindows shared;

    RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    RateLimiter(int perMinute, LongSupplier clock) {
        this(perMinute, clock, null);
    }

    /** @param shared the question windows replicas share (README, "Run at scale"); null when this process answers alone */
    RateLimiter(int perMinute, LongSupplier clock, @Nullable QuestionWindows shared) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.shared = shared;
        // Upkeep runs on the calling thread (callers hold this lock anyway), on the same clock as the window.
        this.recent = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterAccess(WINDOW)
                .ticker(clock::getAsLong).executor(Runnable::run).build();
    }

    /**
     * What to do with a question of {@code userId}. With replicas it is counted in their shared windows,
     * so a person's questions count once whichever replica answers; if the database cannot count it,
     * this process's own window decides.
     */
    Verdict check(long userId) {
        QuestionWindows windows = shared;
        if (windows != null) {
            try {
                return switch (windows.note(userId, System.currentTimeMillis(), WINDOW.toMillis(), perMinute)) {
                    case COUNTED -> Verdict.ALLOW;
                    case OVER_FIRST -> Verdict.NOTICE;
                    case OVER_AGAIN -> Verdict.DROP;
                };
            } catch (RuntimeException e) {
                LOG.warn("counting a question in the shared windows failed; this replica's own count decides: {}",
                        e.getMessage());
            }
        }
        return checkHere(userId);
    }

    private synchronized Verdict checkHere(long userId) {
        long now = clock.getAsLong();
        Recent person = recent.get(userId, id -> new Recent());
        while (!person.times.isEmpty() && now - person.times.peekFirst() > WINDOW.toNanos()) {
            person.times.pollFirst();
        }
        if (person.times.size() < perMinute) {
            person.times.addLast(now);
            person.noticed = false;
            return Verdict.ALLOW;
        }
        if (person.noticed) {
            return Verdict.DROP;
        }
        person.noticed = true;
        return Verdict.NOTICE;
    }

    /** People tracked now. */
    synchronized long tracked() {
        recent.cleanUp();
        return recent.estimatedSize();
    }
}
