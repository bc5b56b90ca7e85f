package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.advisor.Advisor;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /healthz, /readyz and /metrics (README, "Health and metrics") served for the real bot, wired as App wires
 * it, against the stand-in Bot API: what the scrape counts is what the test sent. Here, not under
 * monitoring, because the stand-in and the bot's test wiring are this package's.
 */
class HealthAndMetricsTest {

    private static final long WAIT = 30_000;
    /** Ids of 13 digits: a label holding one would not be there by chance. */
    private static final long FIRST_USER = 7_310_000_000_001L;
    private static final List<String> ON_TOPIC = List.of("how much does a junior ML engineer earn?",
            "Which certification should I take for AWS?", "What skills does an ML engineer need?");
    private static final List<String> OFF_TOPIC = List.of("what's the capital of France?",
            "how do I bake sourdough bread?");

    @TempDir
    Path data;
    private FakeBotApi telegram;
    private SqliteDatabase database;
    private UpdateInbox inbox;
    private BotMetrics metrics;
    private StartUp startUp;
    private HealthServer http;
    private TelegramBot bot;
    private Thread poller;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void serve() throws Exception {
        telegram = new FakeBotApi();
        database = SqliteDatabase.open(data);
        inbox = new SqlInbox(database);
        metrics = new BotMetrics(Clock.systemUTC());
        startUp = new StartUp();
        http = HealthServer.start(0, startUp, metrics); // 0: any free port
    }

    /** The rest of App's start: the bot connected, its inbox and database watched, readiness handed over. */
    private void startBot() {
        Advisor advisor = TestAdvisors.shipped().advisor();
        metrics.watch(inbox, database.time(), advisor.stats());
        bot = new TelegramBot(FakeBotApi.TOKEN, telegram.url(), advisor, Set.of(), inbox,
                1000, Pacing.NONE, Clock.systemUTC(), metrics);
        bot.start();
        startUp.done(database::problem);
        poller = TelegramBotTest.poll(bot, "metrics-test-poller");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (bot != null) {
            bot.stop();
        }
        telegram.close();
        if (poller != null) {
            poller.join(10_000);
        }
        http.close();
        database.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_count_what_was_sent_by_intent_with_no_user_id_or_text_in_a_label() throws Exception {
        startBot();
        List<String> questions = new ArrayList<>(ON_TOPIC);
        questions.addAll(OFF_TOPIC);
        for (int i = 0; i < questions.size(); i++) {
            long user = FIRST_USER + i;
            telegram.textMessage(user, "private", user, questions.get(i));
        }
        for (int i = 0; i < questions.size(); i++) {
            telegram.expectSent(FIRST_USER + i, 1, WAIT);
        }
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);
        List<Sample> samples = scrapeUntil("advisor_answer_seconds_count", questions.size());

        assertEquals(questions.size(), sum(samples, "advisor_updates_received_total", Map.of()));
        assertEquals(questions.size(), sum(samples, "advisor_answered_total", Map.of()));
        assertEquals(OFF_TOPIC.size(), sum(samples, "advisor_declined_total", Map.of()));
        assertEquals(questions.size(), sum(samples, "advisor_answer_seconds_count", Map.of()));
        assertEquals(questions.size(), sum(samples, "advisor_answer_seconds_bucket", Map.of("le", "+Inf")));
        Map<String, Double> byIntent = new LinkedHashMap<>();
        samples.stream().filter(s -> s.name().equals("advisor_answered_total"))
                .forEach(s -> byIntent.merge(s.labels().get("intent"), s.value(), Double::sum));
        assertTrue(byIntent.size() >= 2, "the questions are of more than one intent: " + byIntent);
        assertEquals(questions.size(), byIntent.values().stream().mapToDouble(Double::doubleValue).sum());
        for (String method : List.of("setMyCommands", "deleteWebhook", "sendChatAction")) {
            assertEquals(telegram.calls(method).size(), sum(samples, "telegram_api_calls_total",
                    Map.of("method", method, "status", "200")), method);
        }
        int accepted = 0;
        for (int i = 0; i < questions.size(); i++) {
            accepted += telegram.sent(FIRST_USER + i).size();
        }
        assertEquals(accepted, sum(samples, "telegram_api_calls_total", Map.of("method", "sendMessage", "status", "200")));
        assertEquals(1, sum(samples, "telegram_api_calls_total", Map.of("method", "getMe")), "the bot started once");
        assertEquals(0, sum(samples, "telegram_api_errors_total", Map.of()));
        // The advisor is shared with other tests: its error count is theirs too, and is what /stats reports.
        assertEquals(TestAdvisors.shipped().advisor().stats().errors(), sum(samples, "advisor_errors_total", Map.of()));
        assertEquals(0, sum(samples, "advisor_inbox_depth", Map.of()));
        assertEquals(0, sum(samples, "advisor_inbox_oldest_pending_seconds", Map.of()));
        assertTrue(sum(samples, "advisor_database_seconds_count", Map.of("operation", "write")) >= questions.size(),
                "each update is stored");
        for (Sample sample : samples) {
            for (String value : sample.labels().values()) {
                for (int i = 0; i < questions.size(); i++) {
                    assertFalse(value.contains(Long.toString(FIRST_USER + i)) || value.contains(questions.get(i)),
                            sample.toString());
                }
            }
        }
    }

    @Test
    void a_refused_bot_api_call_is_counted_as_an_error_by_method_and_status() throws Exception {
        startBot();
        long user = FIRST_USER;
        telegram.blockedBy(user); // a 403 is final: not tried again
        telegram.textMessage(user, "private", user, ON_TOPIC.get(0));
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);

        List<Sample> samples = scrapeUntil("telegram_api_errors_total", 1);

        assertEquals(1, sum(samples, "telegram_api_errors_total", Map.of("method", "sendMessage", "status", "403")));
        assertEquals(1, sum(samples, "telegram_api_calls_total", Map.of("method", "sendMessage", "status", "403")));
        assertEquals(0, sum(samples, "telegram_api_calls_total", Map.of("method", "sendMessage", "status", "200")));
    }

    @Test
    void healthz_is_ok_at_once_and_readyz_only_once_started_with_a_database_that_takes_writes() throws Exception {
        HttpResponse<String> health = get("/healthz");
        HttpResponse<String> starting = get("/readyz");

        assertEquals(200, health.statusCode());
        assertEquals("ok\n", health.body());
        assertEquals(503, starting.statusCode());
        assertEquals("not ready: starting: the index is being built and the bot connected to Telegram\n",
                starting.body());

        startBot();
        HttpResponse<String> ready = get("/readyz");
        assertEquals(200, ready.statusCode());
        assertEquals("ready\n", ready.body());

        // Polling, so the journal is taken up and the switch below meets the update's batch being stored,
        // not the start (that order has a test of its own, below).
        telegram.expectCall("getUpdates", 1, WAIT);
        DatabaseFile.readOnly(database, true);
        telegram.textMessage(FIRST_USER, "private", FIRST_USER, ON_TOPIC.get(0)); // cannot be stored now
        HttpResponse<String> broken = awaitStatus("/readyz", 503);
        assertTrue(broken.body().startsWith("not ready: the last write to '" + data.resolve(SqliteDatabase.FILE)
                + "' failed: "), broken.body());
        assertTrue(broken.body().contains("set ADVISOR_DATA_DIR to a folder that is"), broken.body());
        assertEquals(1, broken.body().lines().count(), "one line: " + broken.body());

        writableAgainAnswersAndIsReady("stored at a later try, and answered");
    }

    @Test
    void a_database_that_refuses_writes_at_start_delays_the_bot_and_does_not_stop_it() throws Exception {
        DatabaseFile.readOnly(database, true); // before the bot takes up what the last run left
        startBot();
        telegram.textMessage(FIRST_USER, "private", FIRST_USER, ON_TOPIC.get(0));
        HttpResponse<String> broken = awaitStatus("/readyz", 503);
        assertTrue(broken.body().startsWith("not ready: the last write to '"), broken.body());
        Thread.sleep(1_000); // a few tries at taking up the journal fail meanwhile
        assertTrue(telegram.sent(FIRST_USER).isEmpty(), "answered while nothing could be stored");

        writableAgainAnswersAndIsReady("the bot went on once the disk took writes");
    }

    /** Lifts the read-only switch: the question waiting is answered, and the bot says it is ready again. */
    private void writableAgainAnswersAndIsReady(String answered) throws Exception {
        DatabaseFile.readOnly(database, false);
        assertEquals(1, telegram.awaitSent(FIRST_USER, 1, WAIT).size(), answered);
        HttpResponse<String> mended = awaitStatus("/readyz", 200);
        assertEquals(200, mended.statusCode(), mended.body());
    }

    @Test
    void a_bot_stopped_while_its_database_refuses_writes_at_start_stays_stopped() throws Exception {
        long remindersBefore = threadsNamed("reminders");
        DatabaseFile.readOnly(database, true);
        startBot();
        awaitStatus("/readyz", 503); // taking up the journal failed at least once
        bot.stop();
        DatabaseFile.readOnly(database, false); // the take-up now works, after the stop

        poller.join(WAIT);
        assertFalse(poller.isAlive(), "the bot's run() ended");
        assertEquals(remindersBefore, threadsNamed("reminders"), "no reminder timer started after the stop");
        assertTrue(telegram.calls("getUpdates").isEmpty(), "a stopped bot does not poll");
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
    }

    @Test
    void metrics_are_prometheus_text_and_other_paths_and_methods_are_refused() throws Exception {
        startBot();
        HttpResponse<String> scrape = get("/metrics");
        HttpResponse<String> unknown = get("/admin");
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port()
                + "/metrics")).POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, scrape.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.headers().firstValue("Content-Type").orElse(""));
        assertFalse(parse(scrape.body()).isEmpty());
        assertEquals(404, unknown.statusCode());
        assertEquals(405, post.statusCode());
    }

    /**
     * Jetty is told how many references fill a cache line, so it does not make the platform MBean server to
     * find out (a tenth of a second of a start's CPU).
     */
    @Test
    void jetty_is_told_the_cache_line_so_it_makes_no_mbean_server() {
        assertEquals("16", System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine"));
    }

    /** A sample line of Prometheus' text format: {@code name{label="value",…} value}. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (-?[0-9.eE+-]+|NaN|[+-]Inf)(?: -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");

    /** Parses the text format strictly: a line that is neither a sample nor a HELP or TYPE comment fails the test. */
    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || COMMENT.matcher(line).matches()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not Prometheus text: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                int end = 0;
                while (l.lookingAt()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                    end = l.end();
                    l.region(end, m.group(2).length());
                }
                assertEquals(m.group(2).length(), end, "bad labels: " + line);
            }
            String value = m.group(3);
            samples.add(new Sample(m.group(1), labels, value.endsWith("Inf")
                    ? (value.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.parseDouble(value)));
        }
        return samples;
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}. */
    static double sum(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** Scrapes until {@code name} sums to {@code expected}: an answer is timed just after its last part went. */
    private List<Sample> scrapeUntil(String name, double expected) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT;
        List<Sample> samples;
        do {
            HttpResponse<String> scrape = get("/metrics");
            assertEquals(200, scrape.statusCode());
            samples = parse(scrape.body());
        } while (sum(samples, name, Map.of()) < expected && System.currentTimeMillis() < deadline && pause());
        return samples;
    }

    private HttpResponse<String> awaitStatus(String path, int status) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT;
        HttpResponse<String> response;
        do {
            response = get(path);
        } while (response.statusCode() != status && System.currentTimeMillis() < deadline && pause());
        return response;
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(50);
        return true;
    }
}
