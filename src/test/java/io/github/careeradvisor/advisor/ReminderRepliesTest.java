package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.answer.PlainText;
import io.github.careeradvisor.profile.Weekly;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /remind} and the reminder it sends (README, "Weekly reminders"), through the real advisor and its SQLite file. */
class ReminderRepliesTest {

    private static final AtomicLong NEXT_USER = new AtomicLong(820_000 + System.nanoTime() % 100_000 * 10);

    private final Advisor advisor = TestAdvisors.shipped().advisor();
    private final long user = NEXT_USER.addAndGet(10);

    @AfterEach
    void forget() {
        advisor.reply(user, "/forget");
    }

    private String say(String text) {
        return PlainText.body(advisor.reply(user, text));
    }

    @Test
    void remind_alone_is_mondays_at_six_in_the_evening_utc_and_a_day_time_and_offset_can_be_chosen() {
        assertTrue(say("/remind").startsWith("Done: I will remind you of your next step on Mondays at 18:00 (UTC), "
                + "starting "), say("/remind"));
        assertTrue(say("/remind fri 08:30").startsWith("Done: I will remind you of your next step on Fridays at 08:30 (UTC)"));
        String withOffset = say("/remind Friday 8:30 +02:00");
        assertTrue(withOffset.startsWith("Done: I will remind you of your next step on Fridays at 08:30 (UTC+02:00)"),
                withOffset);
        assertEquals("Reminders stopped. /remind starts them again.", say("/remind off"));
        assertEquals("You have no reminder to stop. /remind starts one.", say("/remind off"));
    }

    @Test
    void a_time_day_or_offset_that_cannot_be_read_gets_a_clear_reply_and_nothing_is_set() {
        assertEquals("I could not read '25:99' as a day of the week. " + ReminderReplies.USAGE, say("/remind 25:99"));
        assertEquals("I could not read '25:99' as a time from 00:00 to 23:59. " + ReminderReplies.USAGE,
                say("/remind fri 25:99"));
        assertEquals("I could not read 'someday' as a day of the week. " + ReminderReplies.USAGE, say("/remind someday"));
        assertEquals("'+15:00' is not a UTC offset from -12:00 to +14:00. " + ReminderReplies.USAGE,
                say("/remind fri 08:30 +15:00"));
        assertEquals("You have no reminder to stop. /remind starts one.", say("/remind off"), "none was set");
    }

    @Test
    void offsets_are_read_as_people_write_them() {
        assertEquals(ZoneOffset.ofHoursMinutes(5, 30), ReminderReplies.parse("mon 09:00 utc+5:30").offset());
        assertEquals(ZoneOffset.ofHours(-5), ReminderReplies.parse("mon 09:00 -5").offset());
        assertEquals(ZoneOffset.ofHours(14), ReminderReplies.parse("mon 09:00 +14:00").offset());
        assertEquals(new Weekly(DayOfWeek.SUNDAY, LocalTime.of(18, 0), ZoneOffset.UTC), ReminderReplies.parse("sun"));
    }

    @Test
    void a_due_reminder_names_the_next_topic_and_a_question_to_try_with_buttons_to_mark_it() {
        say("/done python");
        say("/remind mon 09:00");
        Instant due = new Weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), ZoneOffset.UTC).nextAfter(Instant.now());

        List<Advisor.Reminder> reminders = advisor.dueReminders(due.plusSeconds(30), 100_000).stream()
                .filter(r -> r.userId() == user).toList();

        assertEquals(1, reminders.size());
        String text = PlainText.body(reminders.get(0).answer());
        assertTrue(text.startsWith("Your weekly nudge: next on your path is Mathematics"), text);
        assertTrue(text.contains("A question to try: \""), text);
        assertTrue(text.contains("Progress: 1 of 12 topics done."), text);
        assertEquals("/done math", reminders.get(0).answer().choices().get(0).command());
        assertEquals(user, reminders.get(0).chatId());
    }
}
