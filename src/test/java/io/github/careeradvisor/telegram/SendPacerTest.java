package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendPacerTest {

    private static final long MS = 1_000_000;
    private static final long SECOND = 1000 * MS;

    @Test
    void a_chat_waits_its_gap_and_its_booking_holds_no_other_chat_back() {
        AtomicLong now = new AtomicLong(5 * SECOND + 250 * MS);
        SendPacer pacer = new SendPacer(Pacing.TELEGRAM, now::get);

        assertEquals(0, pacer.reserve(1, false));
        assertEquals(1000 * MS, pacer.reserve(1, false));
        assertEquals(2000 * MS, pacer.reserve(1, false));
        assertEquals(0, pacer.reserve(2, false), "another chat sends at once");
        assertEquals(0, pacer.reserve(-3, true));
        assertEquals(3000 * MS, pacer.reserve(-3, true), "a group: twenty a minute");

        now.addAndGet(400 * MS);
        assertEquals(600 * MS, pacer.reserve(2, false), "chat 2's gap counts from its last send");
    }

    @Test
    void no_second_carries_more_than_the_overall_budget() {
        AtomicLong now = new AtomicLong(7 * SECOND + 900 * MS);
        SendPacer pacer = new SendPacer(Pacing.TELEGRAM, now::get);
        Map<Long, Integer> perSecond = new HashMap<>();
        for (long chat = 1; chat <= 95; chat++) {
            long at = now.get() + pacer.reserve(chat, false);
            perSecond.merge(at / SECOND, 1, Integer::sum);
        }
        // 100 ms are left of second 7: its 25 go at once, then 25 at the start of each next second.
        assertEquals(Map.of(7L, 25, 8L, 25, 9L, 25, 10L, 20), perSecond);
        assertEquals(2100 * MS, pacer.reserve(96, false), "the next send waits for second 10");
    }

    @Test
    void without_pacing_nothing_waits() {
        SendPacer pacer = new SendPacer(Pacing.NONE, () -> 0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, pacer.reserve(7, false));
        }
    }

    @Test
    void a_chat_is_forgotten_once_its_booking_has_passed() {
        AtomicLong now = new AtomicLong(SECOND);
        SendPacer pacer = new SendPacer(Pacing.TELEGRAM, now::get);
        for (long chat = 1; chat <= 20; chat++) {
            pacer.reserve(chat, false); // each may send its next message a second from now
        }
        pacer.reserve(-1, true); // a group: its next one three seconds from now
        assertEquals(21, pacer.chats());

        now.addAndGet(1500 * MS);
        assertEquals(1, pacer.chats(), "only the group's booking is still ahead");
        assertEquals(1500 * MS, pacer.reserve(-1, true), "and it still holds the group back");

        now.addAndGet(10 * SECOND);
        assertEquals(0, pacer.chats());
    }
}
