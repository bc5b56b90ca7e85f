package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.config.Webhook;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.monitoring.BotMetrics;
import io.github.careeradvisor.monitoring.HealthServer;
import io.github.careeradvisor.monitoring.StartUp;
import io.github.careeradvisor.storage.DatabaseFile;
import io.github.careeradvisor.storage.SqliteDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook mode (README, "Webhook mode"): the real bot, wired as App wires it, takes updates POSTed to the
 * HTTP server's webhook path, and tells the stand-in Bot API where to post them.
 */
class WebhookTest {

    private static final long WAIT = 30_000;
    private static final String SECRET = "s3cret_token-for-TESTS";
    private static final String PATH = "/telegram/hook";
    private static final URI URL = URI.create("https://bot.example.com" + PATH);
    private static final long USER = 7_420_000_000_001L;

    @TempDir
    Path data;
    private FakeBotApi telegram;
    private SqliteDatabase database;
    private UpdateInbox inbox;
    private HealthServer http;
    private TelegramBot bot;
    private Thread running;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startTheBotInWebhookMode() throws Exception {
        telegram = new FakeBotApi();
        database = SqliteDatabase.open(data);
        inbox = new SqlInbox(database);
        BotMetrics metrics = new BotMetrics(Clock.systemUTC());
        StartUp startUp = new StartUp();
        http = HealthServer.start(0, startUp, metrics);
        bot = new TelegramBot(FakeBotApi.TOKEN, telegram.url(), TestAdvisors.shipped().advisor(), Set.of(), inbox,
                1000, Pacing.NONE, Clock.systemUTC(), metrics, new Webhook(URL, SECRET));
        http.receiveUpdates(PATH, bot.webhookReceiver().orElseThrow());
        bot.start();
        startUp.done(database::problem);
        running = TelegramBotTest.poll(bot, "webhook-test-bot");
    }

    @AfterEach
    void stop() throws InterruptedException {
        bot.stop();
        running.join(10_000);
        telegram.close();
        http.close();
        database.close();
        TestAdvisors.shipped().advisor().reply(USER, "/forget"); // the advisor, and its profiles, are shared
    }

    @Test
    void sets_the_webhook_with_its_url_secret_update_types_and_connections_instead_of_deleting_it() {
        List<FakeBotApi.Call> calls = telegram.calls("setWebhook");

        assertEquals(1, calls.size());
        JsonNode call = calls.get(0).body();
        assertEquals(URL.toString(), call.path("url").asText());
        assertEquals(SECRET, call.path("secret_token").asText());
        assertEquals("8", call.path("max_connections").asText());
        assertTrue(call.path("allowed_updates").asText().contains("\"message\""), call.toString());
        assertTrue(call.path("allowed_updates").asText().contains("\"callback_query\""), call.toString());
        assertEquals(0, telegram.calls("deleteWebhook").size());
    }

    @Test
    void an_update_with_the_right_secret_is_stored_acknowledged_and_answered() throws Exception {
        assertEquals(200, postUntilOpen(update(101, "how much does a junior ML engineer earn?")).statusCode());

        assertFalse(telegram.awaitSent(USER, 1, WAIT).isEmpty());
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);
        assertEquals(102, inbox.nextOffset(), "a later switch back to polling starts after it");
    }

    @Test
    void a_redelivered_update_is_answered_once() throws Exception {
        String update = update(201, "Which certification should I take for AWS?");
        assertEquals(200, postUntilOpen(update).statusCode());
        telegram.expectSent(USER, 1, WAIT);
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);

        assertEquals(200, post(update, SECRET).statusCode(), "acknowledged again, so Telegram stops sending it");
        assertEquals(200, post(update(202, "/help"), SECRET).statusCode());
        telegram.expectSent(USER, 2, WAIT);
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);

        assertEquals(2, telegram.sent(USER).size(), "one reply to 201, one to 202: " + telegram.sent(USER));
    }

    @Test
    void an_update_that_cannot_be_stored_is_not_acknowledged_and_is_answered_once_telegram_sends_it_again()
            throws Exception {
        assertEquals(200, postUntilOpen(update(500, "/help")).statusCode());
        telegram.expectSent(USER, 1, WAIT);
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);
        String update = update(501, "/hours 7");

        DatabaseFile.readOnly(database, true);
        HttpResponse<String> refused = post(update, SECRET);
        DatabaseFile.readOnly(database, false);

        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals(1, telegram.sent(USER).size(), "nothing answered that was not stored");
        assertEquals(200, post(update, SECRET).statusCode(), "Telegram's next try");
        assertEquals("Saved: 7 hours a week.", telegram.awaitSent(USER, 2, WAIT).get(1).get("text").asText());
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);
        assertEquals(2, telegram.sent(USER).size());
    }

    @Test
    void a_wrong_or_missing_secret_is_refused_with_401_and_nothing_is_stored() throws Exception {
        assertEquals(200, postUntilOpen(update(300, "/help")).statusCode(), "the bot is taking updates");
        telegram.expectSent(USER, 1, WAIT);
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);

        HttpResponse<String> wrong = post(update(301, "/help"), SECRET + "x");
        HttpResponse<String> missing = post(update(302, "/help"), null);

        assertEquals(401, wrong.statusCode());
        assertEquals(401, missing.statusCode());
        assertFalse(wrong.body().contains(SECRET), wrong.body());
        assertEquals(301, inbox.nextOffset(), "neither 301 nor 302 was stored");
        assertTrue(inbox.unanswered().isEmpty());
    }

    @Test
    void bodies_over_a_mebibyte_non_json_and_other_methods_are_refused_without_a_stack_trace() throws Exception {
        assertEquals(200, postUntilOpen(update(400, "/help")).statusCode());

        String large = oversized();
        HttpResponse<String> notJson = post("update_id=402&text=hi", SECRET);
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(hook()).timeout(Duration.ofSeconds(10))
                .header(WebhookReceiver.SECRET_HEADER, SECRET).build(), HttpResponse.BodyHandlers.ofString());

        assertTrue(large.startsWith("HTTP/1.1 413 "), large);
        assertFalse(large.contains("Exception") || large.contains("\tat "), large);
        assertEquals(400, notJson.statusCode());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        for (HttpResponse<String> refused : List.of(notJson, get)) {
            assertFalse(refused.body().contains("Exception") || refused.body().contains("\tat "), refused.body());
        }
        assertEquals(401, inbox.nextOffset(), "only 400 was stored");
    }

    @Test
    void an_update_the_bot_cannot_read_is_acknowledged_and_skipped_as_polling_skips_it() throws Exception {
        assertEquals(200, postUntilOpen(update(700, "/help")).statusCode());
        telegram.expectSent(USER, 1, WAIT);
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);

        // A button press without its sender: Telegram's JSON, but no one to answer.
        HttpResponse<String> skipped = post("{\"update_id\": 701, \"callback_query\": {\"id\": \"q-1\", "
                + "\"chat_instance\": \"c-1\", \"data\": \"t:salary\"}}", SECRET);
        HttpResponse<String> noId = post("{\"message\": {\"message_id\": 1}}", SECRET);

        assertEquals(200, skipped.statusCode(), "acknowledged, or Telegram would send it for hours");
        assertEquals(400, noId.statusCode());
        assertEquals(701, inbox.nextOffset(), "neither was stored");
        assertEquals(1, telegram.sent(USER).size());
    }

    /** Posts until the bot takes updates (503 while it starts), so a test does not race run(). */
    private HttpResponse<String> postUntilOpen(String update) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT;
        HttpResponse<String> response = post(update, SECRET);
        while (response.statusCode() == 503 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            response = post(update, SECRET);
        }
        return response;
    }

    /**
     * A POST announcing a body over a mebibyte, over a plain socket: the server answers from the header,
     * without reading the body, so the test sends only its start (a client still writing the rest when the
     * server closes would see its connection reset instead of the answer). Returns the whole response.
     */
    private String oversized() throws Exception {
        URI url = hook();
        try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                    + WebhookReceiver.SECRET_HEADER + ": " + SECRET + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + ((1 << 20) + 1) + "\r\n\r\n{\"update_id\": 401, \"x\": \"";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> post(String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hook()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(WebhookReceiver.SECRET_HEADER, secret);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + http.port() + PATH);
    }

    /** A text message from {@link #USER} in their private chat, as Telegram posts it. */
    private static String update(long updateId, String text) throws Exception {
        ObjectMapper json = new ObjectMapper();
        var update = json.createObjectNode().put("update_id", updateId);
        var message = update.putObject("message").put("message_id", updateId).put("date", 1_700_000_000)
                .put("text", text);
        message.putObject("chat").put("id", USER).put("type", "private");
        message.putObject("from").put("id", USER).put("is_bot", false).put("first_name", "Ada");
        return json.writeValueAsString(update);
    }
}
