package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bot killed with SIGKILL while busy, then started again on the same data dir: every
 * question asked before the crash is answered, in order. A reply whose send had reached Telegram but
 * whose "answered" mark had not reached the database when the process died is sent again: the Bot API
 * has no way to ask whether a message went out, so a kill at that instant (a few milliseconds per
 * send) costs one duplicate per reply in flight. The test allows that many and reports what it saw.
 */
class BotCrashIT {

    private static final int CHATS = 20;
    private static final int PER_CHAT = 10;
    private static final long FIRST_CHAT = 640_000;

    @TempDir
    Path tmp;

    private Process start(FakeBotApi telegram, Path data, String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("jar"), "bot");
        builder.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        builder.environment().put("TELEGRAM_API_URL", telegram.url().toString());
        builder.environment().put("ADVISOR_DATA_DIR", data.toString());
        builder.redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
        return builder.start();
    }

    private int sentSoFar(FakeBotApi telegram) {
        int n = 0;
        for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
            n += telegram.sent(chat).size();
        }
        return n;
    }

    @Test
    void a_bot_killed_while_busy_answers_everything_once_after_a_restart() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path cache = Path.of("target", "test-data", "embeddings-all-minilm-l6-v2.bin");
        if (Files.exists(cache)) {
            Files.copy(cache, data.resolve(cache.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        try (FakeBotApi telegram = new FakeBotApi()) {
            Process first = start(telegram, data, "first");
            telegram.awaitCall("setMyCommands", 1, 120_000);
            for (int n = 1; n <= PER_CHAT; n++) {
                for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
                    telegram.textMessage(chat, "private", chat, "/hours " + n);
                }
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (sentSoFar(telegram) < CHATS * PER_CHAT / 4 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            // A random moment, not the instant a reply lands: a kill is not timed to the bot's sends.
            Thread.sleep(new java.util.Random().nextInt(700));
            int beforeCrash = sentSoFar(telegram);
            first.destroyForcibly(); // SIGKILL
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            assertTrue(beforeCrash > 0 && beforeCrash < CHATS * PER_CHAT, "killed while busy: " + beforeCrash + " sent");

            Process second = start(telegram, data, "second");
            try {
                int duplicates = 0;
                for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
                    List<JsonNode> replies = telegram.awaitSent(chat, PER_CHAT, 120_000);
                    Thread.sleep(chat == FIRST_CHAT ? 1500 : 0); // a late duplicate would arrive now
                    List<String> texts = new ArrayList<>(telegram.sent(chat).stream().map(r -> r.get("text").asText()).toList());
                    List<String> expected = new ArrayList<>();
                    for (int n = 1; n <= PER_CHAT; n++) {
                        expected.add("Saved: " + n + " hours a week.");
                    }
                    // Drop an immediate repeat (the reply in flight at the kill), then every answer must be there once, in order.
                    for (int i = texts.size() - 1; i > 0; i--) {
                        if (texts.get(i).equals(texts.get(i - 1))) {
                            texts.remove(i);
                            duplicates++;
                        }
                    }
                    assertEquals(expected, texts, "chat " + chat);
                }
                System.out.printf("crash test: %d of %d answers sent before SIGKILL, the rest after the restart; "
                        + "%d sent twice (in flight at the kill)%n", beforeCrash, CHATS * PER_CHAT, duplicates);
                assertTrue(duplicates <= TelegramBot.WORKERS, duplicates + " duplicates: more than the replies in flight");
            } finally {
                second.destroy();
                second.waitFor(15, TimeUnit.SECONDS);
            }
        }
    }
}
