package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.profile.Weekly;
import io.github.careeradvisor.storage.DatabaseFile;
import io.github.careeradvisor.storage.SqliteDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weekly reminders (README, "Weekly reminders"): paced with the answers, sent once, stopped by a 403. */
class RemindersTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path data;

    /** A clock the test sets. */
    private static final class SetClock extends Clock {
        volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void ten_thousand_due_at_one_minute_drain_in_about_seven_minutes_within_telegrams_limits_and_answers_wait_a_second_at_most() {
        AtomicLong nanos = new AtomicLong(5 * SECOND);
        SendPacer pacer = new SendPacer(Pacing.TELEGRAM, nanos::get);
        Deque<Advisor.Reminder> due = new ArrayDeque<>();
        for (long chat = 1; chat <= 10_000; chat++) {
            due.add(new Advisor.Reminder(chat, chat, Answer.message("Your weekly nudge")));
        }
        Map<Long, Integer> perSecond = new HashMap<>();
        Map<Long, Long> sentInChat = new HashMap<>();
        Reminders reminders = new Reminders((now, limit) -> {
            List<Advisor.Reminder> taken = new ArrayList<>();
            while (taken.size() < limit && !due.isEmpty()) {
                taken.add(due.poll());
            }
            return taken;
        }, pacer, (reminder, wait) -> {
            perSecond.merge((nanos.get() + wait) / SECOND, 1, Integer::sum);
            sentInChat.merge(reminder.chatId(), 1L, Long::sum);
        }, Clock.systemUTC(), Pacing.TELEGRAM);
        long longestAnswerWait = 0;

        long ticks = 0;
        while (!due.isEmpty()) {
            reminders.tick();
            // Meanwhile someone asks a question each second: its answer books the same budget.
            long wait = pacer.reserve(1_000_000 + ticks, false);
            perSecond.merge((nanos.get() + wait) / SECOND, 1, Integer::sum);
            longestAnswerWait = Math.max(longestAnswerWait, wait);
            nanos.addAndGet(SECOND);
            ticks++;
        }

        long seconds = perSecond.keySet().stream().mapToLong(Long::longValue).max().orElseThrow()
                - perSecond.keySet().stream().mapToLong(Long::longValue).min().orElseThrow() + 1;
        assertTrue(perSecond.values().stream().allMatch(n -> n <= 25), "at most 25 sends a second: " + perSecond);
        assertTrue(seconds >= 400 && seconds <= 450, "10,000 drained in " + seconds + " s, about seven minutes");
        assertTrue(longestAnswerWait <= SECOND, "an answer waited " + longestAnswerWait / 1e6 + " ms behind the reminders");
        assertEquals(10_000, sentInChat.size());
        assertTrue(sentInChat.values().stream().allMatch(n -> n == 1), "one each");
    }

    @Test
    void a_due_reminder_goes_once_a_blocked_chat_stops_its_reminder_and_a_restart_sends_nothing_twice() throws Exception {
        Advisor advisor = TestAdvisors.shipped().advisor();
        long ann = 4_500_001L;
        long blocker = 4_500_002L;
        long longAgo = 4_500_003L;
        Weekly friday = new Weekly(DayOfWeek.FRIDAY, LocalTime.of(8, 30), ZoneOffset.UTC);
        Instant due = friday.nextAfter(Instant.now());
        SetClock clock = new SetClock(due.plus(Duration.ofMinutes(10)));
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            advisor.reply(ann, ann, "/remind fri 08:30");
            advisor.reply(blocker, blocker, "/remind fri 08:30");
            advisor.reply(longAgo, longAgo, "/remind fri 06:20"); // 2 h 20 min before the clock: the bot was down
            telegram.blockedBy(blocker);

            TelegramBot bot = running(telegram, database, clock);
            List<JsonNode> sent;
            try {
                sent = telegram.expectSent(ann, 1, 30_000);
                waitUntil("the blocked chat's reminder deleted", () -> reminderRows(blocker) == 0);
                Thread.sleep(2_500); // more ticks: anything sent twice would come now
            } finally {
                bot.stop();
            }
            TelegramBot restarted = running(telegram, database, clock);
            try {
                Thread.sleep(2_500);
            } finally {
                restarted.stop();
            }

            assertEquals(1, telegram.sent(ann).size(), "once, across a restart");
            String text = sent.get(0).get("text").asText();
            assertTrue(text.startsWith("Your weekly nudge: next on your path is Programming in Python"), text);
            assertTrue(sent.get(0).path("reply_markup").toString().contains("c:/done python"), "buttons to mark it: "
                    + sent.get(0));
            assertEquals(0, reminderRows(blocker), "a 403 stops the reminder for good");
            assertEquals(1, reminderRows(ann), "the reminder itself stays, for next week");
            assertEquals(List.of(), telegram.sent(longAgo), "more than an hour late: next week instead");
            assertEquals(1, reminderRows(longAgo));
        } finally {
            for (long user : List.of(ann, blocker, longAgo)) {
                advisor.reply(user, "/forget");
            }
        }
    }

    @Test
    void a_crowd_of_reminders_due_at_once_goes_at_the_bots_pace_and_telegram_never_says_too_many() throws Exception {
        Advisor advisor = TestAdvisors.shipped().advisor();
        List<Long> users = new ArrayList<>();
        for (long user = 4_600_001L; user <= 4_600_120L; user++) {
            users.add(user);
        }
        Instant due = new Weekly(DayOfWeek.TUESDAY, LocalTime.of(7, 0), ZoneOffset.UTC).nextAfter(Instant.now());
        SetClock clock = new SetClock(due.plusSeconds(30));
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            users.forEach(user -> advisor.reply(user, user, "/remind tue 07:00"));
            telegram.limitPerSecond(30); // Telegram's own limit, about 30 messages a second
            long start = System.nanoTime();
            TelegramBot bot = running(telegram, database, clock, Pacing.TELEGRAM);
            try {
                waitUntil("a reminder sent to each of " + users.size(),
                        () -> users.stream().allMatch(user -> !telegram.sent(user).isEmpty()));
            } finally {
                bot.stop();
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            assertEquals(0, telegram.tooMany(), "429s from the stand-in");
            assertTrue(users.stream().allMatch(user -> telegram.sent(user).size() == 1), "one each");
            assertTrue(seconds >= 4, "120 at 23 a second take over 4 s, took " + seconds);
        } finally {
            users.forEach(user -> advisor.reply(user, "/forget"));
        }
    }

    @Test
    void a_reminder_longer_than_one_message_goes_in_parts_in_order_with_the_buttons_under_the_last_once_each() throws Exception {
        long chat = 4_700_001L;
        List<String> paragraphs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            paragraphs.add("Part " + i + " of the nudge: " + ("step " + i + " ").repeat(400).trim());
        }
        Deque<Advisor.Reminder> due = new ArrayDeque<>(List.of(
                new Advisor.Reminder(chat, chat, Answer.message(paragraphs.toArray(String[]::new)))));
        try (FakeBotApi telegram = new FakeBotApi()) {
            telegram.throttle(chat, 1); // the first try of the first part gets 429: it goes again, once
            BotApi api = new BotApi(FakeBotApi.TOKEN, telegram.url(), BotEvents.NONE);
            SendPacer pacer = new SendPacer(Pacing.NONE);
            Reminders reminders = new Reminders((now, limit) -> {
                List<Advisor.Reminder> taken = new ArrayList<>();
                while (taken.size() < limit && !due.isEmpty()) {
                    taken.add(due.poll());
                }
                return taken;
            }, pacer, Reminders.sender(TestAdvisors.shipped().advisor(), api, pacer, new ChatQueues(2)), Clock.systemUTC(),
                    Pacing.NONE);

            assertEquals(1, reminders.tick());
            List<JsonNode> sent = telegram.expectSent(chat, 3, 30_000);
            Thread.sleep(500); // anything sent twice would come now

            assertEquals(3, telegram.sent(chat).size(), "three parts, each once: " + telegram.sent(chat));
            for (int i = 0; i < 3; i++) {
                String text = sent.get(i).get("text").asText();
                assertTrue(text.startsWith("Part " + (i + 1) + " of the nudge"), "part " + (i + 1) + " in its place: "
                        + text.substring(0, 40));
                assertTrue(text.length() <= TelegramHtml.MAX_MESSAGE, "part " + (i + 1) + " fits one message");
                assertEquals(i == 2, sent.get(i).has("reply_markup"), "buttons under the last part only: " + i);
            }
        }
    }

    private static TelegramBot running(FakeBotApi telegram, SqliteDatabase database, Clock clock) {
        return running(telegram, database, clock, Pacing.NONE);
    }

    private static TelegramBot running(FakeBotApi telegram, SqliteDatabase database, Clock clock, Pacing pacing) {
        TelegramBot bot = new TelegramBot(FakeBotApi.TOKEN, telegram.url(), TestAdvisors.shipped().advisor(), Set.of(),
                new SqlInbox(database), 1000, pacing, clock);
        bot.start();
        TelegramBotTest.poll(bot, "reminders-poller");
        return bot;
    }

    private static long reminderRows(long user) throws Exception {
        return DatabaseFile.count(TestAdvisors.SHIPPED_DATA_DIR, "SELECT count(*) FROM reminders WHERE user_id = " + user);
    }

    private interface Check {
        boolean done() throws Exception;
    }

    /** Waits until {@code check} is done, failing the test at the deadline: the test goes on as if it were. */
    private static void waitUntil(String what, Check check) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!check.done() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(check.done(), "not within 30 s: " + what);
    }
}
