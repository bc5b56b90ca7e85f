package io.github.careeradvisor.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(now::get);

    @Test
    void three_failures_in_a_row_pause_for_a_minute_and_say_so_once() {
        assertFalse(breaker.failed());
        assertFalse(breaker.failed());
        assertTrue(breaker.failed());
        assertFalse(breaker.allows());
        assertFalse(breaker.failed(), "the pause is announced once");

        now.addAndGet(CircuitBreaker.PAUSE.toNanos() - 1);
        assertFalse(breaker.allows());
        now.addAndGet(1);
        assertTrue(breaker.allows());
        assertTrue(breaker.failed(), "one more failure after the pause pauses again");
    }

    @Test
    void a_success_starts_the_count_again() {
        breaker.failed();
        breaker.failed();
        breaker.succeeded();
        assertEquals(false, breaker.failed());
        assertTrue(breaker.allows());
    }
}
