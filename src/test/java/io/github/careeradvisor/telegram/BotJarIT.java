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
 * of its data dir holds the token either; and in webhook mode, it takes the updates posted to its path.
 */
class BotJarIT {

    @TempDir
    Path tmp;

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The packaged jar as the bot against {@code telegram}, its HTTP server on {@code port}, its output in {@code log}. */
    static Process startJar(FakeBotApi telegram, Path data, int port, Path log, java.util.Map<String, String> env)
            throws java.io.IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("jar"));
        builder.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        builder.environment().put("TELEGRAM_API_URL", telegram.url().toString());
        // A data dir of its own: the inbox keeps Telegram's offset, and each stand-in counts updates from 1.
        Files.createDirectories(data);
        Path cache = Path.of("target", "test-data", "embeddings-all-minilm-l6-v2.bin");
        if (Files.exists(cache)) {
            Files.copy(cache, data.resolve(cache.getFileName()));
        }
        builder.environment().put("ADVISOR_DATA_DIR", data.toString());
        builder.environment().put("ADVISOR_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    /** The status and the body of a GET, its last line end dropped. */
    static String get(int port, String path) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }

    @Test
    void the_jar_runs_the_bot_answers_and_stops_cleanly_on_sigterm() throws Exception {
        try (FakeBotApi telegram = new FakeBotApi()) {
            Path data = tmp.resolve("data");
            int port = freePort();
            Path log = tmp.resolve("bot.log");
            Process bot = startJar(telegram, data, port, log, java.util.Map.of());
            try {
                assertTrue(telegram.awaitCall("setMyCommands", 1, 60_000), Files.readString(log));
                telegram.textMessage(7, "private", 7, "/start");
                telegram.textMessage(7, "private", 7, "how much does a junior ML engineer earn?");

                List<com.fasterxml.jackson.databind.JsonNode> replies = telegram.awaitSent(7, 2, 60_000);

                assertEquals(2, replies.size(), Files.readString(log));
                assertTrue(replies.get(1).get("text").asText().contains("$70,000"));
                // The shaded jar serves the operators' endpoints too (README, "Health and metrics").
                assertEquals("200 ok", get(port, "/healthz"));
                assertEquals("200 ready", get(port, "/readyz"));
                String metrics = get(port, "/metrics");
                assertTrue(java.util.regex.Pattern.compile("(?m)^advisor_updates_received_total 2(\\.0)?$").matcher(metrics)
                        .find(), metrics);
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

    /** Webhook mode as App wires it: setWebhook on start, and Telegram's POSTs on ADVISOR_HTTP_PORT answered. */
    @Test
    void the_jar_in_webhook_mode_sets_the_webhook_and_answers_what_is_posted_to_its_path() throws Exception {
        String secret = "jar_webhook-Secret-91";
        try (FakeBotApi telegram = new FakeBotApi()) {
            int port = freePort();
            Path log = tmp.resolve("webhook-bot.log");
            Process bot = startJar(telegram, tmp.resolve("webhook-data"), port, log, java.util.Map.of(
                    "TELEGRAM_WEBHOOK_URL", "https://bot.example.com/tg", "TELEGRAM_WEBHOOK_SECRET", secret));
            try {
                assertTrue(telegram.awaitCall("setWebhook", 1, 60_000), Files.readString(log));
                java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + port + "/tg"))
                        .header("X-Telegram-Bot-Api-Secret-Token", secret)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"update_id\": 5, \"message\": "
                                + "{\"message_id\": 5, \"date\": 1700000000, \"text\": \"/start\", \"chat\": "
                                + "{\"id\": 9, \"type\": \"private\"}, \"from\": {\"id\": 9, \"is_bot\": false, "
                                + "\"first_name\": \"Ada\"}}}")).build();
                int status = 0;
                long deadline = System.currentTimeMillis() + 60_000;
                while (status != 200 && System.currentTimeMillis() < deadline) { // 503 until the bot takes updates
                    status = java.net.http.HttpClient.newHttpClient().send(post,
                            java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
                    Thread.sleep(status == 200 ? 0 : 50);
                }

                assertEquals(200, status, Files.readString(log));
                assertEquals(1, telegram.awaitSent(9, 1, 60_000).size(), Files.readString(log));
                assertEquals(0, telegram.calls("deleteWebhook").size());
                assertEquals(0, telegram.calls("getUpdates").size(), "no polling in webhook mode");
            } finally {
                bot.destroy(); // SIGTERM
                assertTrue(bot.waitFor(10, TimeUnit.SECONDS), "the bot did not stop within 10 s of SIGTERM");
            }
            String output = Files.readString(log);
            assertFalse(output.contains(secret), "the webhook secret appears in the output:\n" + output);
            assertFalse(output.contains(FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1)), output);
        }
    }
}
