package io.github.careeradvisor.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.storage.StoreContract;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Weekly reminders: due once a week, at the person's offset, never twice, forgotten; on SQLite and on
 * PostgreSQL by the subclasses.
 */
abstract class ReminderStoreContract extends StoreContract {

    /** A Thursday. */
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Weekly FRIDAY_0830_PLUS_2 = new Weekly(DayOfWeek.FRIDAY, LocalTime.of(8, 30), ZoneOffset.ofHours(2));

    ReminderStoreContract(Kind kind) {
        super(kind);
    }

    private SqlProfileStore store() {
        return new SqlProfileStore(open());
    }

    @Test
    void a_due_reminder_is_taken_once_and_moved_on_a_week_even_across_a_restart() {
        Instant due = FRIDAY_0830_PLUS_2.nextAfter(NOW);
        try (SqlProfileStore store = store()) {
            store.reminders().set(7, 70, FRIDAY_0830_PLUS_2, NOW);
            assertEquals(List.of(), store.reminders().takeDue(due.minusSeconds(1), 10), "not yet");
            assertEquals(List.of(new ReminderStore.Due(7, 70, due)), store.reminders().takeDue(due.plusSeconds(5), 10));
        }
        try (SqlProfileStore reopened = store()) {
            assertEquals(List.of(), reopened.reminders().takeDue(due.plusSeconds(10), 10), "taken before the restart");
            assertEquals(List.of(new ReminderStore.Due(7, 70, due.plus(Duration.ofDays(7)))),
                    reopened.reminders().takeDue(due.plus(Duration.ofDays(7)), 10), "next week");
            assertEquals(Optional.of(FRIDAY_0830_PLUS_2), reopened.reminders().get(7));
        }
    }

    @Test
    void a_reminder_due_during_an_hour_of_downtime_is_sent_late_and_one_due_longer_ago_waits_for_next_week() {
        try (SqlProfileStore store = store()) {
            store.reminders().set(1, 1, FRIDAY_0830_PLUS_2, NOW);
            store.reminders().set(2, 2, new Weekly(DayOfWeek.FRIDAY, LocalTime.of(6, 0), ZoneOffset.UTC), NOW);
            Instant now = Instant.parse("2026-12-04T07:20:00Z"); // 50 min after the first, 80 after the second

            List<ReminderStore.Due> due = store.reminders().takeDue(now, 10);

            assertEquals(List.of(new ReminderStore.Due(1, 1, Instant.parse("2026-12-04T06:30:00Z"))), due);
            assertEquals(List.of(), store.reminders().takeDue(now, 10), "both moved on");
        }
    }

    @Test
    void at_most_the_limit_is_taken_at_once_oldest_first() {
        try (SqlProfileStore store = store()) {
            for (long user = 1; user <= 5; user++) {
                store.reminders().set(user, user, new Weekly(DayOfWeek.FRIDAY, LocalTime.of(6, (int) (10 - user)),
                        ZoneOffset.UTC), NOW);
            }
            Instant now = Instant.parse("2026-12-04T06:30:00Z");

            assertEquals(List.of(5L, 4L), store.reminders().takeDue(now, 2).stream().map(ReminderStore.Due::userId).toList());
            assertEquals(3, store.reminders().takeDue(now, 10).size());
        }
    }

    @Test
    void off_and_forget_remove_the_reminder() {
        try (SqlProfileStore store = store()) {
            store.reminders().set(7, 7, Weekly.DEFAULT, NOW);
            store.reminders().set(8, 8, Weekly.DEFAULT, NOW);

            assertTrue(store.reminders().remove(7));
            assertFalse(store.reminders().remove(7));
            assertTrue(store.forget(8));

            assertEquals(List.of(), store.reminders().takeDue(NOW.plus(Duration.ofDays(8)), 10));
            assertEquals(Optional.empty(), store.reminders().get(8));
        }
    }
}
