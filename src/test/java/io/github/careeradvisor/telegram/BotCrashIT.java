package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.storage.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bot killed with SIGKILL while busy, then started again on the same data dir: every
 * question asked before the crash is answered, in order, and none twice.
 *
 * <p>One message can go twice, and only one kind: a send on the wire at the instant of the kill,
 * which Telegram may have taken though the bot never heard back (the Bot API has no way to ask). The
 * first test kills the bot with its sends held on the wire and dropped, as a connection cut before
 * Telegram read them: each must be sent after the restart, exactly once. The second kills it at a
 * random moment, where a send in flight may be taken by Telegram and then sent again; it allows one
 * such repeat per send in flight and reports what it saw.
 */
class BotCrashIT {

    private static final int CHATS = 20;
    private static final int PER_CHAT = 10;
    private static final long FIRST_CHAT = 640_000;

    @TempDir
    Path tmp;

    @Test
    void a_bot_killed_with_sends_on_the_wire_answers_everything_exactly_once_after_a_restart() throws Exception {
        Path data = dataDir();
        try (FakeBotApi telegram = new FakeBotApi()) {
            Process first = start(telegram, data, "first");
            askEveryChat(telegram);
            awaitSent(telegram, CHATS * PER_CHAT / 4);

            telegram.holdSends();
            int accepted = sentSoFar(telegram);
            awaitRecorded(data, accepted);
            // Sends go out in paced waves (one a second per chat): wait for the next wave to be on the wire.
            long deadline = System.currentTimeMillis() + 10_000;
            while (telegram.held() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200); // the rest of the wave
            int onTheWire = telegram.held();
            assertTrue(onTheWire > 0, "killed with sends on the wire");
            first.destroyForcibly(); // SIGKILL
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            telegram.dropHeld();
            assertTrue(accepted < CHATS * PER_CHAT, "killed while busy: " + accepted + " sent");

            Process second = start(telegram, data, "second");
            try {
                int duplicates = awaitEachAnswer(telegram);
                System.out.printf("crash test (sends held): %d of %d answers sent before SIGKILL, %d sends on the "
                        + "wire at the kill, %d sent twice%n", accepted, CHATS * PER_CHAT, onTheWire, duplicates);
                assertEquals(0, duplicates, "a reply the bot had recorded as sent went again");
            } finally {
                stop(second);
            }
        }
    }

    @Test
    void a_bot_killed_at_a_random_moment_answers_everything_after_a_restart() throws Exception {
        Path data = dataDir();
        try (FakeBotApi telegram = new FakeBotApi()) {
            Process first = start(telegram, data, "first");
            askEveryChat(telegram);
            awaitSent(telegram, CHATS * PER_CHAT / 4);
            // A random moment, not the instant a reply lands: a kill is not timed to the bot's sends.
            Thread.sleep(new java.util.Random().nextInt(700));
            int beforeCrash = sentSoFar(telegram);
            first.destroyForcibly(); // SIGKILL
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            assertTrue(beforeCrash > 0 && beforeCrash < CHATS * PER_CHAT, "killed while busy: " + beforeCrash + " sent");

            Process second = start(telegram, data, "second");
            try {
                int duplicates = awaitEachAnswer(telegram);
                System.out.printf("crash test (random moment): %d of %d answers sent before SIGKILL, the rest after "
                        + "the restart; %d sent twice (on the wire at the kill)%n", beforeCrash, CHATS * PER_CHAT, duplicates);
                assertTrue(duplicates <= TelegramBot.WORKERS, duplicates + " duplicates: more than the sends in flight");
            } finally {
                stop(second);
            }
            assertIntact(data);
        }
    }

    private Path dataDir() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path cache = Path.of("target", "test-data", "embeddings-all-minilm-l6-v2.bin");
        if (Files.exists(cache)) {
            Files.copy(cache, data.resolve(cache.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return data;
    }

    private Process start(FakeBotApi telegram, Path data, String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("jar"), "bot");
        builder.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        builder.environment().put("TELEGRAM_API_URL", telegram.url().toString());
        builder.environment().put("ADVISOR_DATA_DIR", data.toString());
        builder.environment().put("ADVISOR_HTTP_PORT", "off"); // several bots run here; none needs the port
        builder.redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
        Process process = builder.start();
        if (name.equals("first")) {
            assertTrue(telegram.awaitCall("setMyCommands", 1, 120_000), Files.readString(tmp.resolve(name + ".log")));
        }
        return process;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor(15, TimeUnit.SECONDS);
    }

    private static void askEveryChat(FakeBotApi telegram) {
        for (int n = 1; n <= PER_CHAT; n++) {
            for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
                telegram.textMessage(chat, "private", chat, "/hours " + n);
            }
        }
    }

    private static int sentSoFar(FakeBotApi telegram) {
        int n = 0;
        for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
            n += telegram.sent(chat).size();
        }
        return n;
    }

    private static void awaitSent(FakeBotApi telegram, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (sentSoFar(telegram) < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(sentSoFar(telegram) >= count, "the first bot sent " + sentSoFar(telegram) + " of the " + count
                + " answers awaited before the kill");
    }

    /** Waits until the bot's database records as answered every reply Telegram took (one message each). */
    private static void awaitRecorded(Path data, int accepted) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        int recorded = -1;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteDatabase.FILE));
                Statement s = c.createStatement()) {
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM inbox WHERE answered_at IS NOT NULL")) {
                    rs.next();
                    recorded = rs.getInt(1);
                }
                if (recorded >= accepted) {
                    break;
                }
                Thread.sleep(10);
            }
        }
        assertEquals(accepted, recorded, "replies Telegram took that the bot recorded as sent");
    }

    /** The database a SIGKILL interrupted mid-write passes SQLite's full integrity check. */
    private static void assertIntact(Path data) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteDatabase.FILE));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
    }

    /** Waits for every chat's answers, checks each is there once and in order; returns the repeats dropped. */
    private static int awaitEachAnswer(FakeBotApi telegram) throws InterruptedException {
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= PER_CHAT; n++) {
            expected.add("Saved: " + n + " hours a week.");
        }
        int duplicates = 0;
        for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
            telegram.expectSent(chat, PER_CHAT, 120_000);
            Thread.sleep(chat == FIRST_CHAT ? 1500 : 0); // a late duplicate would arrive now
            List<String> texts = new ArrayList<>(telegram.sentTexts(chat));
            // Drop an immediate repeat (a send on the wire at the kill); then every answer must be there once, in order.
            for (int i = texts.size() - 1; i > 0; i--) {
                if (texts.get(i).equals(texts.get(i - 1))) {
                    texts.remove(i);
                    duplicates++;
                }
            }
            assertEquals(expected, texts, "chat " + chat);
        }
        return duplicates;
    }
}
