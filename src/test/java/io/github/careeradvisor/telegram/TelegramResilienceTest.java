package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.storage.SqliteDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real bot against a stand-in Bot API that fails on purpose (hostile input: {@link HostileInputTest}). */
class TelegramResilienceTest {

    @TempDir
    Path data;

    @Test
    void a_thousand_questions_from_a_hundred_chats_are_each_answered_once_in_order_through_faults() throws Exception {
        int chats = 100;
        int perChat = 10;
        long firstChat = 610_000;
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            UpdateInbox inbox = new SqlInbox(database);
            TelegramBot bot = TelegramBotTest.bot(telegram, inbox, 1000);
            bot.start();
            telegram.injectFaults(0.1, 42);
            TelegramBotTest.poll(bot, "resilience-poller");
            for (int n = 1; n <= perChat; n++) {
                for (long chat = firstChat; chat < firstChat + chats; chat++) {
                    telegram.textMessage(chat, "private", chat, "/hours " + n);
                }
            }
            try {
                for (long chat = firstChat; chat < firstChat + chats; chat++) {
                    List<JsonNode> replies = telegram.awaitSent(chat, perChat, 120_000);
                    List<String> texts = replies.stream().map(r -> r.get("text").asText()).toList();
                    List<String> expected = new ArrayList<>();
                    for (int n = 1; n <= perChat; n++) {
                        expected.add("Saved: " + n + " hours a week.");
                    }
                    assertEquals(expected, texts, "chat " + chat);
                }
                assertTrue(telegram.awaitConfirmed(30_000));
                TelegramBotTest.awaitAllAnswered(inbox, 30_000); // the last reply is recorded just after it went
                Thread.sleep(500); // a duplicate would arrive now
                for (long chat = firstChat; chat < firstChat + chats; chat++) {
                    assertEquals(perChat, telegram.sent(chat).size(), "chat " + chat + " was answered twice");
                }
            } finally {
                bot.stop();
                forget(firstChat, chats);
            }
        }
    }

    @Test
    void a_409_conflict_is_logged_as_another_instance_polling_and_polling_goes_on() throws Exception {
        long chat = 631_000;
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            UpdateInbox inbox = new SqlInbox(database);
            TelegramBot bot = TelegramBotTest.bot(telegram, inbox, 1000);
            bot.start();
            telegram.conflictPolls(3);
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            TelegramBotTest.poll(bot, "conflict-poller");
            try {
                telegram.textMessage(chat, "private", chat, "/hours 6");
                assertEquals("Saved: 6 hours a week.", telegram.awaitSent(chat, 1, 30_000).get(0).get("text").asText());
            } finally {
                bot.stop();
                System.setErr(err);
                TestAdvisors.shipped().advisor().reply(chat, "/forget");
            }
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        long conflicts = logged.lines().filter(l -> l.contains("ERROR") && l.contains("409 Conflict")
                && l.contains("another process is polling with this bot's token")).count();
        assertEquals(3, conflicts, logged);
        assertTrue(!logged.contains(FakeBotApi.TOKEN.split(":")[1]), "the token is never logged");
    }

    @Test
    void a_person_who_blocked_the_bot_costs_one_try_per_reply_and_no_error() throws Exception {
        long blocker = 632_000;
        long other = 632_001;
        Advisor advisor = TestAdvisors.shipped().advisor();
        long errorsBefore = advisor.stats().errors();
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            UpdateInbox inbox = new SqlInbox(database);
            TelegramBot bot = TelegramBotTest.bot(telegram, inbox, 1000);
            bot.start();
            telegram.blockedBy(blocker);
            TelegramBotTest.poll(bot, "blocked-poller");
            try {
                telegram.textMessage(blocker, "private", blocker, "/hours 2");
                telegram.textMessage(blocker, "private", blocker, "/hours 3");
                telegram.textMessage(other, "private", other, "/hours 5");
                assertEquals(1, telegram.awaitSent(other, 1, 30_000).size());
                assertTrue(telegram.awaitConfirmed(30_000));
                TelegramBotTest.awaitAllAnswered(inbox, 30_000);
                assertEquals(List.of(), inbox.unanswered(), "the blocked replies were given up, not kept");
                long triesToBlocker = telegram.calls("sendMessage").stream()
                        .filter(c -> c.body().path("chat_id").asLong() == blocker).count();
                assertEquals(2, triesToBlocker, "a 403 is final: one try per reply");
                assertEquals(errorsBefore, advisor.stats().errors(), "a blocked bot is not an error");
            } finally {
                bot.stop();
                advisor.reply(blocker, "/forget");
                advisor.reply(other, "/forget");
            }
        }
    }

    @Test
    void a_reply_begun_before_a_restart_is_finished_with_the_same_words_and_no_part_goes_twice() throws Exception {
        long chat = 630_000;
        ObjectMapper json = new ObjectMapper();
        try (SqliteDatabase database = SqliteDatabase.open(data)) {
            // As a crash left it: update 1's reply was composed in three parts and the first went out;
            // update 2 was stored but not composed.
            new SqlInbox(database).receive(List.of(new UpdateInbox.Received(1, chat, chat, message(chat, 1, "/hours 3")),
                    new UpdateInbox.Received(2, chat, chat, message(chat, 2, "/hours 4"))), 3);
            new SqlInbox(database).replying(1, json.writeValueAsString(new Reply(
                    List.of("stored part one", "stored part two", "stored part three"), null, null, true)));
            new SqlInbox(database).sent(1, 1, false);
        }
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            UpdateInbox inbox = new SqlInbox(database);
            TelegramBot bot = running(telegram, inbox, "resume-poller");
            try {
                telegram.expectSent(chat, 3, 30_000);
                TelegramBotTest.awaitAllAnswered(inbox, 30_000); // the last part is recorded just after it went
                Thread.sleep(300); // anything sent twice would arrive now
                assertEquals(List.of("stored part two", "stored part three", "Saved: 4 hours a week."),
                        telegram.sentTexts(chat));
            } finally {
                bot.stop();
                TestAdvisors.shipped().advisor().reply(chat, "/forget");
            }
        }
    }

    @Test
    void a_reply_composed_over_a_draft_before_a_restart_edits_that_draft_after_it() throws Exception {
        long chat = 632_000;
        try (FakeBotApi telegram = new FakeBotApi()) {
            // As a crash left it: a language model's draft was shown, and the checked answer stored, unsent.
            int draft = telegram.existingMessage(chat, "The first sentence of an answer …");
            try (SqliteDatabase database = SqliteDatabase.open(data)) {
                new SqlInbox(database).receive(List.of(new UpdateInbox.Received(1, chat, chat,
                        message(chat, 1, "how do ML engineers differ from data scientists?"))), 2);
                new SqlInbox(database).replying(1, StoredReply.write(new Reply(
                        List.of("The <b>whole</b> answer."), null, null, true, draft)));
            }
            try (SqliteDatabase database = SqliteDatabase.open(data)) {
                UpdateInbox inbox = new SqlInbox(database);
                TelegramBot bot = running(telegram, inbox, "draft-resume-poller");
                try {
                    telegram.expectCall("editMessageText", 1, 30_000);
                    TelegramBotTest.awaitAllAnswered(inbox, 30_000);
                    assertEquals(List.of("The whole answer."), telegram.shownTexts(chat));
                    assertEquals(List.of(), telegram.sent(chat), "no second message");
                    assertEquals(List.of(), inbox.unanswered());
                } finally {
                    bot.stop();
                }
            }
        }
    }

    @Test
    void a_reply_journaled_by_the_release_before_own_buttons_goes_out_with_its_buttons_after_the_upgrade()
            throws Exception {
        long chat = 631_000;
        try (SqliteDatabase database = SqliteDatabase.open(data)) {
            // As the old release left it: the reply composed and journaled in telegrambots' shape, nothing sent.
            new SqlInbox(database).receive(List.of(new UpdateInbox.Received(1, chat, chat, message(chat, 1, "/salary"))), 2);
            new SqlInbox(database).replying(1, StoredReplyTest.OLD_REPLY_WITH_KEYBOARD);
        }
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            UpdateInbox inbox = new SqlInbox(database);
            TelegramBot bot = running(telegram, inbox, "old-reply-poller");
            try {
                List<JsonNode> sent = telegram.awaitSent(chat, 2, 30_000);
                assertEquals(List.of("<b>Entry-level</b> pay", "part two"), telegram.sentTexts(chat));
                assertEquals(17, sent.get(0).path("reply_parameters").path("message_id").asInt());
                assertTrue(sent.get(0).path("reply_markup").isMissingNode(), "buttons go under the last part only");
                assertEquals("[[{\"text\":\"Salaries\",\"callback_data\":\"t:salary\"},"
                        + "{\"text\":\"Skills\",\"callback_data\":\"t:skills\"}],"
                        + "[{\"text\":\"Junior\",\"callback_data\":\"c:/level junior\"}]]",
                        sent.get(1).path("reply_markup").path("inline_keyboard").toString());
                TelegramBotTest.awaitAllAnswered(inbox, 30_000);
                assertEquals(List.of(), inbox.unanswered());
            } finally {
                bot.stop();
            }
        }
    }

    @Test
    void an_update_that_start_after_start_never_finished_is_given_up_and_the_rest_answered() throws Exception {
        long chat = 633_000;
        try (SqliteDatabase database = SqliteDatabase.open(data)) {
            new SqlInbox(database).receive(List.of(new UpdateInbox.Received(1, chat, chat, message(chat, 1, "/hours 3")),
                    new UpdateInbox.Received(2, chat, chat, message(chat, 2, "/hours 4"))), 3);
            for (int start = 0; start < UpdateDispatcher.MAX_STARTS; start++) {
                new SqlInbox(database).resume(); // each of these starts died before finishing update 1
                new SqlInbox(database).answered(2);
            }
            new SqlInbox(database).receive(List.of(new UpdateInbox.Received(3, chat, chat, message(chat, 3, "/hours 5"))), 4);
        }
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            UpdateInbox inbox = new SqlInbox(database);
            TelegramBot bot = running(telegram, inbox, "poison-poller");
            try {
                telegram.expectSent(chat, 1, 30_000);
                TelegramBotTest.awaitAllAnswered(inbox, 30_000); // update 3's reply is recorded just after it went
                Thread.sleep(300); // update 1's reply would arrive now
                assertEquals(List.of("Saved: 5 hours a week."),
                        telegram.sentTexts(chat));
            } finally {
                bot.stop();
                TestAdvisors.shipped().advisor().reply(chat, "/forget");
            }
        }
    }

    @Test
    void a_reply_that_cannot_be_read_back_gets_an_apology_not_silence() throws Exception {
        long chat = 634_000;
        Advisor advisor = TestAdvisors.shipped().advisor();
        long errorsBefore = advisor.stats().errors();
        try (SqliteDatabase database = SqliteDatabase.open(data)) {
            new SqlInbox(database).receive(List.of(new UpdateInbox.Received(1, chat, chat, message(chat, 1, "/hours 3"))), 2);
            new SqlInbox(database).replying(1, "{ not a reply this program wrote");
        }
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            UpdateInbox inbox = new SqlInbox(database);
            TelegramBot bot = TelegramBotTest.bot(telegram, inbox, 1000);
            bot.start();
            TelegramBotTest.poll(bot, "sorry-poller");
            try {
                assertEquals(UpdateDispatcher.SORRY, telegram.awaitSent(chat, 1, 30_000).get(0).get("text").asText());
                assertEquals(errorsBefore + 1, advisor.stats().errors(), "the failure is counted");
                TelegramBotTest.awaitAllAnswered(inbox, 30_000);
                assertEquals(List.of(), inbox.unanswered());
            } finally {
                bot.stop();
            }
        }
    }

    /** The bot started and polling over {@code inbox}, as a restart finds it. */
    private static TelegramBot running(FakeBotApi telegram, UpdateInbox inbox, String poller) {
        TelegramBot bot = TelegramBotTest.bot(telegram, inbox, 1000);
        bot.start();
        TelegramBotTest.poll(bot, poller);
        return bot;
    }

    private static String message(long chat, int updateId, String text) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + (100 + updateId)
                + ",\"date\":1700000000,\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"Ann\"},\"text\":\"" + text + "\"}}";
    }

    @Test
    void chats_waiting_for_their_turn_to_send_hold_no_worker_so_a_quiet_chat_is_answered_at_once() throws Exception {
        long firstFlooder = 640_000;
        int flooders = 3 * TelegramBot.WORKERS / 2;
        long quiet = 649_999;
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            UpdateInbox inbox = new SqlInbox(database);
            // Telegram's pacing stretched to 3 s a chat: each flooder's second answer waits its turn.
            TelegramBot bot = new TelegramBot(FakeBotApi.TOKEN, telegram.url(), TestAdvisors.shipped().advisor(),
                    java.util.Set.of(), inbox, 1000, new Pacing(3_000, 3_000, Integer.MAX_VALUE));
            bot.start();
            TelegramBotTest.poll(bot, "pacing-poller");
            try {
                for (int n = 1; n <= 3; n++) {
                    for (long chat = firstFlooder; chat < firstFlooder + flooders; chat++) {
                        telegram.textMessage(chat, "private", chat, "/hours " + n);
                    }
                }
                for (long chat = firstFlooder; chat < firstFlooder + flooders; chat++) {
                    assertEquals(1, telegram.awaitSent(chat, 1, 30_000).size());
                }
                telegram.textMessage(quiet, "private", quiet, "/hours 7");
                telegram.expectSent(quiet, 1, 30_000);

                List<Long> order = telegram.sentChats();
                int quietAt = order.indexOf(quiet);
                assertTrue(quietAt >= 0, "the quiet chat was answered");
                assertEquals(flooders, quietAt, "the quiet chat's answer went out after the flooders' first answers "
                        + "and before any of their second: " + order);
            } finally {
                bot.stop();
                forget(firstFlooder, flooders, quiet);
            }
        }
    }

    @Test
    void replies_waiting_to_retry_after_a_429_hold_no_worker_so_a_quiet_chat_is_answered_at_once() throws Exception {
        long firstThrottled = 650_000;
        int throttledChats = 3 * TelegramBot.WORKERS / 2;
        long quiet = 659_999;
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            UpdateInbox inbox = new SqlInbox(database);
            TelegramBot bot = TelegramBotTest.bot(telegram, inbox, 1000);
            bot.start();
            for (long chat = firstThrottled; chat < firstThrottled + throttledChats; chat++) {
                telegram.throttle(chat, 2); // two 429s with retry_after 1: two seconds of waiting each
            }
            TelegramBotTest.poll(bot, "throttle-poller");
            try {
                for (long chat = firstThrottled; chat < firstThrottled + throttledChats; chat++) {
                    telegram.textMessage(chat, "private", chat, "/hours 2");
                }
                telegram.expectCall("sendMessage", throttledChats, 30_000); // every throttled chat got its first 429
                telegram.textMessage(quiet, "private", quiet, "/hours 7");
                for (long chat = firstThrottled; chat < firstThrottled + throttledChats; chat++) {
                    assertEquals(1, telegram.awaitSent(chat, 1, 30_000).size(), "chat " + chat + " answered after its 429s");
                }
                telegram.expectSent(quiet, 1, 30_000);

                List<Long> order = telegram.sentChats();
                assertEquals(0, order.indexOf(quiet), "the quiet chat went first, not behind replies waiting to retry: "
                        + order);
                assertEquals(throttledChats + 1, order.size(), "each reply once: " + order);
            } finally {
                bot.stop();
                forget(firstThrottled, throttledChats, quiet);
            }
        }
    }

    /** Deletes what the test's chats left in the shared profile store: {@code count} chats from {@code first}, and {@code others}. */
    private static void forget(long first, int count, long... others) {
        Advisor advisor = TestAdvisors.shipped().advisor();
        for (long chat = first; chat < first + count; chat++) {
            advisor.reply(chat, "/forget");
        }
        for (long chat : others) {
            advisor.reply(chat, "/forget");
        }
    }
}
