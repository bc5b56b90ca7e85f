package io.github.careeradvisor.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Telegram's side of webhook mode, for the replica probe: posts updates with the secret to the replicas'
 * webhook ports in turn, as a load balancer spreads them, over at most {@link TelegramBot#MAX_CONNECTIONS}
 * connections at once, as Telegram opens. An update a replica refuses (anything but 200) or cannot take
 * goes to the next one, as Telegram sends it again. {@link #forwardFrom} plays Telegram receiving
 * people's messages: what the stand-in Bot API queues is fetched at once and posted.
 */
final class WebhookPoster implements AutoCloseable {

    static final String SECRET = "replica_probe-Secret";
    static final String PATH = "/telegram";
    /** How often one update is offered before it counts as lost: a minute of tries. */
    private static final int TRIES = 600;
    private static final long RETRY_MILLIS = 100;

    private final List<Integer> ports;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService connections = Executors.newFixedThreadPool(TelegramBot.MAX_CONNECTIONS, r -> {
        Thread t = new Thread(r, "webhook-poster");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicInteger posted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger undelivered = new AtomicInteger();
    private volatile boolean forwarding = true;

    WebhookPoster(List<Integer> ports) {
        this.ports = List.copyOf(ports);
    }

    /** A text message in a private chat, as Telegram posts it. */
    String message(long updateId, long chat, String text) {
        ObjectNode update = json.createObjectNode().put("update_id", updateId);
        ObjectNode message = update.putObject("message").put("message_id", updateId).put("date", 1_700_000_000)
                .put("text", text);
        message.putObject("chat").put("id", chat).put("type", "private");
        message.putObject("from").put("id", chat).put("is_bot", false).put("first_name", "Ada");
        return update.toString();
    }

    /**
     * Posts {@code update} to the next replica, on one of the connections; {@code sending} is told the
     * {@link System#nanoTime()} at which its first POST leaves.
     */
    void post(String update, LongConsumer sending) {
        connections.execute(() -> deliver(update, sending));
    }

    private void deliver(String update, LongConsumer sending) {
        int first = Math.floorMod(turn.getAndIncrement(), ports.size());
        for (int attempt = 0; attempt < TRIES; attempt++) {
            int port = ports.get((first + attempt) % ports.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                    .timeout(Duration.ofSeconds(30)).header(WebhookReceiver.SECRET_HEADER, SECRET)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(update))
                    .build();
            if (attempt == 0) {
                sending.accept(System.nanoTime());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    posted.incrementAndGet();
                    return;
                }
            } catch (IOException e) {
                // not reachable: the next replica
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            refused.incrementAndGet();
            pause(RETRY_MILLIS);
        }
        undelivered.incrementAndGet();
    }

    /**
     * From now on, until {@link #close()}, fetches the updates the stand-in Bot API at {@code botApi}
     * queues (getUpdates, long-polling, each confirmed by the next offset) and posts each at once.
     */
    void forwardFrom(URI botApi) {
        Thread fetching = new Thread(() -> {
            long offset = 0;
            URI getUpdates = URI.create(botApi + "/bot" + FakeBotApi.TOKEN + "/getUpdates");
            while (forwarding) {
                try {
                    String body = "{\"offset\": " + offset + ", \"timeout\": 1}";
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(getUpdates)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    for (JsonNode update : json.readTree(response.body()).path("result")) {
                        offset = update.get("update_id").asLong() + 1;
                        post(update.toString(), sent -> { });
                    }
                } catch (IOException e) {
                    pause(RETRY_MILLIS); // the stand-in closing
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "webhook-forwarder");
        fetching.setDaemon(true);
        fetching.start();
    }

    /** Updates a replica took (200). */
    int posted() {
        return posted.get();
    }

    /** POSTs a replica refused or could not take; each update was then offered to the next. */
    int refused() {
        return refused.get();
    }

    /** Updates no replica took within a minute of tries. */
    int undelivered() {
        return undelivered.get();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        forwarding = false;
        connections.shutdown();
        connections.awaitTermination(30, TimeUnit.SECONDS);
    }
}
