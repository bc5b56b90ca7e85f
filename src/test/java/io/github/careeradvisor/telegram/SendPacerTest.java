package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendPacerTest {

    private static final long MS = 1_000_000;

    @Test
    void a_chat_waits_its_gap_and_its_booking_holds_no_other_chat_back() {
        SendPacer pacer = new SendPacer(Pacing.TELEGRAM);

        assertEquals(0, pacer.reserve(1, false));
        long second = pacer.reserve(1, false);
        long third = pacer.reserve(1, false);
        long other = pacer.reserve(2, false);
        long group = pacer.reserve(-3, true);
        long groupAgain = pacer.reserve(-3, true);

        assertTrue(second > 990 * MS && second <= 1000 * MS, "second message: " + second / MS + " ms");
        assertTrue(third > 1990 * MS && third <= 2000 * MS, "third message: " + third / MS + " ms");
        assertEquals(0, other, "another chat sends at once");
        assertEquals(0, group);
        assertTrue(groupAgain > 2990 * MS, "a group's next message: " + groupAgain / MS + " ms");
    }

    @Test
    void no_second_carries_more_than_the_overall_budget() {
        SendPacer pacer = new SendPacer(Pacing.TELEGRAM);
        long immediate = 0;
        long latest = 0;
        for (long chat = 1; chat <= 90; chat++) {
            long wait = pacer.reserve(chat, false);
            immediate += wait == 0 ? 1 : 0;
            latest = Math.max(latest, wait);
        }
        // 90 sends at 30 a second span at least three seconds of the clock, starting with this one.
        assertTrue(immediate <= 2L * Pacing.TELEGRAM.perSecond(), "sent at once: " + immediate);
        assertTrue(latest > 990 * MS && latest <= 3000 * MS, "last send after " + latest / MS + " ms");
    }

    @Test
    void without_pacing_nothing_waits() {
        SendPacer pacer = new SendPacer(Pacing.NONE);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, pacer.reserve(7, false));
        }
    }
}
