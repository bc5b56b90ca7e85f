package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Run on Telegram" steps with the packaged jar, against the stand-in Bot API server:
 * the bot starts, answers, logs one line per answer without the token, and stops on SIGTERM; no file
 * of its data dir holds the token either.
 */
class BotJarIT {

    @TempDir
    Path tmp;

    @Test
    void the_jar_runs_the_bot_answers_and_stops_cleanly_on_sigterm() throws Exception {
        try (FakeBotApi telegram = new FakeBotApi()) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("jar"));
            builder.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
            builder.environment().put("TELEGRAM_API_URL", telegram.url().toString());
            // A data dir of its own: the inbox keeps Telegram's offset, and each stand-in counts updates from 1.
            Path data = Files.createDirectories(tmp.resolve("data"));
            Path cache = Path.of("target", "test-data", "embeddings-all-minilm-l6-v2.bin");
            if (Files.exists(cache)) {
                Files.copy(cache, data.resolve(cache.getFileName()));
            }
            builder.environment().put("ADVISOR_DATA_DIR", data.toString());
            Path log = tmp.resolve("bot.log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Process bot = builder.start();
            try {
                telegram.awaitCall("setMyCommands", 1, 60_000);
                telegram.textMessage(7, "private", 7, "/start");
                telegram.textMessage(7, "private", 7, "how much does a junior ML engineer earn?");

                List<com.fasterxml.jackson.databind.JsonNode> replies = telegram.awaitSent(7, 2, 60_000);

                assertEquals(2, replies.size(), Files.readString(log));
                assertTrue(replies.get(1).get("text").asText().contains("$70,000"));
            } finally {
                long stopping = System.nanoTime();
                bot.destroy(); // SIGTERM
                assertTrue(bot.waitFor(10, TimeUnit.SECONDS), "the bot did not stop within 10 s of SIGTERM");
                System.out.printf("bot stopped %.1f s after SIGTERM%n", (System.nanoTime() - stopping) / 1e9);
            }
            String output = Files.readString(log);
            assertEquals(2, output.lines().filter(l -> l.contains("answered chat=7 latencyMs=")).count(), output);
            assertTrue(output.contains("grounded=true"), output);
            assertFalse(output.contains(FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1)),
                    "the token appears in the output:\n" + output);
            assertFalse(output.contains("junior ML engineer"), "a user's text appears in the log:\n" + output);
            byte[] secret = FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1).getBytes(StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertFalse(bytes.contains(new String(secret, StandardCharsets.ISO_8859_1)),
                            "the token is in the data dir's " + file.getFileName());
                }
            }
        }
    }
}
