package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.App;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.storage.DatabaseFile;
import io.github.careeradvisor.storage.SqliteDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bot on a real SQLite file that fills up or turns read-only under it (SQLite's own errors,
 * SQLITE_FULL and SQLITE_READONLY), and a person forgotten over Telegram, read back from the raw files.
 */
class TelegramStorageTest {

    @TempDir
    Path tmp;

    @Test
    void an_update_that_finds_the_disk_full_is_not_confirmed_to_telegram_and_is_answered_once_space_returns()
            throws Exception {
        notConfirmedUntilStored(DatabaseFile::diskFull, 633_000, "(the disk of the data dir is full: free space there, "
                + "or set ADVISOR_DATA_DIR to a disk with room)");
    }

    @Test
    void an_update_that_finds_the_database_read_only_is_not_confirmed_to_telegram_and_is_answered_once_writable()
            throws Exception {
        notConfirmedUntilStored(DatabaseFile::readOnly, 634_000, "(the data dir cannot be written: make it writable "
                + "for this user, or set ADVISOR_DATA_DIR to a folder that is)");
    }

    private void notConfirmedUntilStored(BiConsumer<SqliteDatabase, Boolean> fault, long chat, String advice)
            throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(tmp.resolve("data"))) {
            UpdateInbox inbox = new SqlInbox(database);
            TelegramBot bot = TelegramBotTest.bot(telegram, inbox, 1000);
            bot.start();
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            TelegramBotTest.poll(bot, "storage-fault-poller");
            try {
                telegram.expectCall("getUpdates", 1, 30_000); // polling: what a start writes is written
                fault.accept(database, true);
                int polls = telegram.calls("getUpdates").size();
                // Long enough to need new pages, as the long messages that come when the disk is full do.
                telegram.textMessage(chat, "private", chat, "/hours 7" + " ".repeat(6_000));
                telegram.awaitCall("getUpdates", polls + 4, 30_000); // checked below, with the offsets asked for

                List<Integer> offsets = telegram.calls("getUpdates").stream().map(c -> c.body().path("offset").asInt()).toList();
                assertTrue(offsets.size() >= polls + 4, "the bot polled again and again: " + offsets);
                assertTrue(offsets.stream().allMatch(o -> o <= 1), "update 1 was never confirmed: " + offsets);
                assertEquals(List.of(), telegram.sent(chat), "nothing answered that was not stored");
                assertEquals(List.of(), inbox.unanswered());

                fault.accept(database, false);

                assertEquals(List.of("Saved: 7 hours a week."), telegram.awaitSent(chat, 1, 30_000).stream()
                        .map(m -> m.get("text").asText()).toList());
                assertTrue(telegram.awaitConfirmed(30_000), "confirmed once stored");
                TelegramBotTest.awaitAllAnswered(inbox, 30_000);
                assertEquals(List.of(), inbox.unanswered());
                assertEquals(1, telegram.sent(chat).size(), "answered once");
            } finally {
                bot.stop();
                System.setErr(err);
                TestAdvisors.shipped().advisor().reply(chat, "/forget");
            }
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        List<String> errors = logged.lines().filter(l -> l.contains("ERROR") && l.contains("storing 1 updates failed (")
                && l.contains("in a row); they stay with Telegram and are fetched again: ") && l.endsWith(advice)).toList();
        assertTrue(errors.size() >= 3, logged);
        assertTrue(!logged.contains("/hours 7"), "the person's text is not logged");
    }

    @Test
    void a_person_forgotten_over_telegram_leaves_no_word_nor_id_in_the_database_files_or_the_write_ahead_log()
            throws Exception {
        long ann = 98_765_432_109_876L; // 6 bytes in SQLite: a pattern no other value in the file makes
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        Path cache = TestAdvisors.SHIPPED_DATA_DIR.resolve("embeddings-all-minilm-l6-v2.bin");
        if (Files.exists(cache)) {
            Files.copy(cache, data.resolve(cache.getFileName()));
        }
        List<byte[]> traces = new ArrayList<>(DatabaseFile.id(ann));
        traces.add(DatabaseFile.text("zorbly-goal-4471"));
        traces.add(DatabaseFile.text("quixotic-question-9183"));
        try (FakeBotApi telegram = new FakeBotApi();
                App.Started started = App.start(TestAdvisors.settings(Path.of("knowledge"), data),
                        TestAdvisors.embedder(), w -> { })) {
            TelegramBot bot = new TelegramBot(FakeBotApi.TOKEN, telegram.url(), started.advisor(), Set.of(),
                    started.inbox(), 1000, Pacing.NONE);
            bot.start();
            TelegramBotTest.poll(bot, "forget-poller");
            try {
                telegram.textMessage(ann, "private", ann, "/goal become a zorbly-goal-4471 engineer");
                telegram.textMessage(ann, "private", ann, "which certification fits quixotic-question-9183?");
                telegram.expectSent(ann, 2, 30_000);
                TelegramBotTest.awaitAllAnswered(started.inbox(), 10_000);
                assertEquals(traces.size(), DatabaseFile.holding(data, traces).size(),
                        "before: the scan finds every trace: " + DatabaseFile.holding(data, traces));

                telegram.textMessage(ann, "private", ann, "/forget");
                List<String> replies = telegram.awaitSent(ann, 3, 30_000).stream().map(m -> m.get("text").asText()).toList();
                TelegramBotTest.awaitAllAnswered(started.inbox(), 10_000);

                assertTrue(replies.get(2).startsWith("Done: I deleted your profile"), replies.toString());
                assertEquals(List.of(), DatabaseFile.holding(data, traces), "read while the bot runs, WAL and all");
                assertEquals(0, DatabaseFile.count(data, "SELECT count(*) FROM inbox WHERE user_id = " + ann
                        + " OR chat_id = " + ann + " OR payload <> ''"));
            } finally {
                bot.stop();
            }
        }
    }
}
