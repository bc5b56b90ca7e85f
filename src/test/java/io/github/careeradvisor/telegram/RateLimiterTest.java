package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void one_notice_past_the_limit_then_silence_until_the_minute_frees_up() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(20, now::get);
        for (int i = 0; i < 20; i++) {
            assertEquals(RateLimiter.Verdict.ALLOW, limiter.check(1));
            now.addAndGet(SECOND);
        }
        assertEquals(RateLimiter.Verdict.NOTICE, limiter.check(1));
        assertEquals(RateLimiter.Verdict.DROP, limiter.check(1));
        assertEquals(RateLimiter.Verdict.ALLOW, limiter.check(2), "someone else is not limited");

        now.addAndGet(41 * SECOND); // the first question, and only it, is now over a minute old
        assertEquals(RateLimiter.Verdict.ALLOW, limiter.check(1));
        assertEquals(RateLimiter.Verdict.NOTICE, limiter.check(1), "a new notice after being allowed again");
    }

    @Test
    void people_quiet_for_a_minute_are_forgotten() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(20, now::get);
        for (long user = 0; user < 100_000; user++) {
            limiter.check(user);
            now.addAndGet(SECOND / 100); // 100 new people a second
        }
        // Only the last minute's people (6,000) can be needed; the map is swept as it grows.
        assertTrue(limiter.tracked() <= 20_000, "people tracked: " + limiter.tracked());
    }

    @Test
    void a_person_quiet_for_a_minute_expires_while_one_still_asking_is_kept() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(2, now::get);
        limiter.check(1);
        for (int i = 0; i < 3; i++) {
            limiter.check(2); // allowed, allowed, notice
        }
        assertEquals(2, limiter.tracked());

        now.addAndGet(30 * SECOND);
        assertEquals(RateLimiter.Verdict.DROP, limiter.check(2), "noticed once, then silence");
        now.addAndGet(31 * SECOND);

        assertEquals(1, limiter.tracked(), "person 1 said nothing for a minute and is forgotten; person 2 asked 31 s ago");
        assertEquals(RateLimiter.Verdict.ALLOW, limiter.check(1));
    }
}
