package io.github.careeradvisor.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.careeradvisor.config.SharedDatabase;
import io.github.careeradvisor.storage.PostgresDatabase;
import io.github.careeradvisor.storage.TestPostgres;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The send timetable and question windows two replicas share, each replica with its own connection
 * pool on one real PostgreSQL: the limits hold across them as they hold in one process.
 */
class SharedLimitsTest {

    @Test
    void two_replicas_booking_sends_in_one_chat_at_once_get_times_a_gap_apart() throws Exception {
        SharedDatabase settings = TestPostgres.freshDatabase();
        try (PostgresDatabase one = PostgresDatabase.open(settings); PostgresDatabase two = PostgresDatabase.open(settings)) {
            List<SendSlots> replicas = List.of(new SendSlots(one), new SendSlots(two));
            long now = System.currentTimeMillis();
            List<Long> slots = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> bookings = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                SendSlots replica = replicas.get(i % 2);
                bookings.add(pool.submit(() -> slots.add(replica.book(42, now, 1_000, 40))));
            }
            for (Future<?> f : bookings) {
                f.get();
            }
            pool.shutdown();

            List<Long> sorted = slots.stream().sorted().toList();
            assertEquals(now, sorted.get(0), "the first send goes at once");
            for (int i = 1; i < sorted.size(); i++) {
                assertEquals(1_000, sorted.get(i) - sorted.get(i - 1), "sends " + (i - 1) + " and " + i + ": " + sorted);
            }
        }
    }

    @Test
    void the_bot_s_rate_holds_across_chats_and_replicas_and_a_late_send_moves_its_chat_s_next() {
        SharedDatabase settings = TestPostgres.freshDatabase();
        try (PostgresDatabase one = PostgresDatabase.open(settings); PostgresDatabase two = PostgresDatabase.open(settings)) {
            SendSlots a = new SendSlots(one);
            SendSlots b = new SendSlots(two);
            long now = 1_000_000;
            List<Long> slots = new ArrayList<>();
            for (int chat = 1; chat <= 50; chat++) {
                slots.add((chat % 2 == 0 ? a : b).book(chat, now, 1_000, 40));
            }
            for (int i = 1; i < slots.size(); i++) {
                assertEquals(40, slots.get(i) - slots.get(i - 1), "the bot sends 25 a second at most: " + slots);
            }
            // Chat 50 was booked 49 × 40 ms late by the bot's rate: its next send is a second after that.
            assertEquals(slots.get(49) + 1_000, a.book(50, now, 1_000, 40));
        }
    }

    @Test
    void questions_are_counted_once_across_replicas_with_one_notice_over_the_limit() {
        SharedDatabase settings = TestPostgres.freshDatabase();
        try (PostgresDatabase one = PostgresDatabase.open(settings); PostgresDatabase two = PostgresDatabase.open(settings)) {
            QuestionWindows a = new QuestionWindows(one);
            QuestionWindows b = new QuestionWindows(two);
            long t = 5_000_000;
            List<QuestionWindows.Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                outcomes.add((i % 2 == 0 ? a : b).note(7, t + i, 60_000, 3));
            }
            assertEquals(List.of(QuestionWindows.Outcome.COUNTED, QuestionWindows.Outcome.COUNTED,
                    QuestionWindows.Outcome.COUNTED, QuestionWindows.Outcome.OVER_FIRST,
                    QuestionWindows.Outcome.OVER_AGAIN), outcomes);
            assertEquals(QuestionWindows.Outcome.COUNTED, a.note(8, t + 10, 60_000, 3), "another person has a window of their own");
            assertEquals(QuestionWindows.Outcome.COUNTED, b.note(7, t + 60_001, 60_000, 3), "a minute on, the window is free");
            assertEquals(QuestionWindows.Outcome.COUNTED, a.note(7, t + 60_002, 60_000, 3));
            long old = one.read("counting kept times", c -> {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM question_times WHERE at_ms <= "
                        + (t + 2))) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(0, old, "times older than the window are deleted");
        }
    }
}
