package io.github.careeradvisor.telegram;

import io.github.careeradvisor.App;
import io.github.careeradvisor.config.Webhook;
import io.github.careeradvisor.monitoring.BotMetrics;
import io.github.careeradvisor.monitoring.HealthServer;
import io.github.careeradvisor.monitoring.StartUp;
import io.github.careeradvisor.replicas.Replicas;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replicas of the bot in webhook mode in this JVM, one on each started advisor, wired as {@code App}
 * wires {@code bot}: its own metrics, its own HTTP server (on a free port) taking the webhook's POSTs,
 * and its own {@link Replicas} on its own connection pool. Against the stand-in Bot API at the URL given.
 */
final class ReplicaBots implements AutoCloseable {

    /** High enough that nobody is slowed down: the probe measures answers, not notices. */
    static final int QUESTIONS_PER_MINUTE = 1_000_000;
    private static final URI WEBHOOK_URL = URI.create("https://bot.example.com" + WebhookPoster.PATH);

    private final List<TelegramBot> bots = new ArrayList<>();
    private final List<HealthServer> servers = new ArrayList<>();
    private final List<Thread> running = new ArrayList<>();

    private ReplicaBots() {
    }

    /** One bot on each of {@code advisors}, sending at {@code pacing}; returns once each answers on /readyz. */
    static ReplicaBots start(List<App.Started> advisors, URI botApi, Pacing pacing) throws InterruptedException {
        ReplicaBots replicas = new ReplicaBots();
        try {
            for (App.Started started : advisors) {
                replicas.add(started, botApi, pacing);
            }
            replicas.awaitReady();
            return replicas;
        } catch (RuntimeException | InterruptedException e) {
            replicas.close();
            throw e;
        }
    }

    private void add(App.Started started, URI botApi, Pacing pacing) {
        BotMetrics metrics = new BotMetrics(Clock.systemUTC());
        StartUp startUp = new StartUp();
        HealthServer http = HealthServer.start(0, startUp, metrics);
        servers.add(http);
        metrics.watch(started.inbox(), started.database().time(), started.advisor().stats());
        TelegramBot bot = new TelegramBot(FakeBotApi.TOKEN, botApi, started.advisor(), Set.of(), started.inbox(),
                QUESTIONS_PER_MINUTE, pacing, Clock.systemUTC(), metrics, new Webhook(WEBHOOK_URL, WebhookPoster.SECRET),
                Replicas.on(started.database()));
        http.receiveUpdates(WEBHOOK_URL.getPath(), bot.webhookReceiver().orElseThrow());
        bot.start();
        bots.add(bot);
        startUp.done(started.database()::problem);
        Thread run = new Thread(bot::run, "replica-" + bots.size());
        run.setDaemon(true);
        run.start();
        running.add(run);
    }

    private void awaitReady() throws InterruptedException {
        for (int port : ports()) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!get(port, "/readyz").startsWith("200")) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the replica on port " + port + " was not ready in a minute: "
                            + get(port, "/readyz"));
                }
                Thread.sleep(100);
            }
        }
        // run() opens the webhook once it has taken up what was left unanswered: a moment after /readyz.
        Thread.sleep(500);
    }

    /** The replicas' HTTP ports, where the webhook's POSTs go. */
    List<Integer> ports() {
        return servers.stream().map(HealthServer::port).toList();
    }

    /** Bot API calls that failed, over all replicas, from their {@code /metrics}. */
    long botApiErrors() {
        long errors = 0;
        for (int port : ports()) {
            for (String line : get(port, "/metrics").split("\n")) {
                if (line.startsWith("telegram_api_errors_total")) {
                    errors += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return errors;
    }

    private static String get(int port, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Stops every bot. In one JVM the replicas share their name among replicas (host and pid, the owner of
     * their inbox claims), so a bot that stops lets go of the others' claims too: close them only once
     * every question is answered, as the probe does.
     */
    @Override
    public void close() throws InterruptedException {
        bots.forEach(TelegramBot::stop);
        for (Thread run : running) {
            run.join(10_000);
        }
        servers.forEach(HealthServer::close);
    }
}
