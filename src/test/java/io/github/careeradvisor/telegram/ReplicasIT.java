package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.careeradvisor.config.SharedDatabase;
import io.github.careeradvisor.storage.TestPostgres;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several replicas of the packaged jar on one PostgreSQL (README, "Run at scale"), against the stand-in
 * Bot API: in webhook mode, updates posted round-robin to three replicas, one killed with SIGKILL half-way,
 * are each answered once, in chat order, at no more than a message a second in a chat; in polling mode,
 * the standby polls within 15 s of the leader's death and nothing is lost.
 */
class ReplicasIT {

    private static final String SECRET = "replicas_Secret-2026";
    private static final Pattern COMMAND_REPLY = Pattern.compile("I don't know the command /c(\\d+)_(\\d+)\\b");
    /** The stand-in stamps a send when its request arrives, not when the replica booked it: a few ms of jitter. */
    private static final long STAMP_JITTER_MS = 25;

    @TempDir
    Path tmp;

    private Process replica(FakeBotApi telegram, SharedDatabase database, int n, int port, Map<String, String> mode)
            throws Exception {
        Map<String, String> env = new HashMap<>(mode);
        env.put("ADVISOR_DATABASE_URL", database.url());
        env.put("ADVISOR_DATABASE_USER", database.user());
        env.put("ADVISOR_RATE_LIMIT", "1000");
        env.put("JAVA_TOOL_OPTIONS", "-Xmx512m");
        return BotJarIT.startJar(telegram, tmp.resolve("data-" + n), port, tmp.resolve("replica-" + n + ".log"), env);
    }

    private String logs(int replicas) throws Exception {
        StringBuilder all = new StringBuilder();
        for (int n = 0; n < replicas; n++) {
            Path log = tmp.resolve("replica-" + n + ".log");
            all.append("--- replica ").append(n).append('\n').append(Files.exists(log) ? Files.readString(log) : "");
        }
        return all.toString();
    }

    private void awaitReady(int port, Process process, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try {
                if (BotJarIT.get(port, "/readyz").startsWith("200")) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("replica on port " + port + " was not ready in time (alive: " + process.isAlive() + ")\n"
                + logs(3));
    }

    private static String update(int id, long chat, String text) {
        return "{\"update_id\": " + id + ", \"message\": {\"message_id\": " + id + ", \"date\": 1700000000, \"text\": \""
                + text + "\", \"chat\": {\"id\": " + chat + ", \"type\": \"private\"}, \"from\": {\"id\": " + chat
                + ", \"is_bot\": false, \"first_name\": \"Ada\"}}}";
    }

    /** Posts as Telegram does: to the next replica that takes it when one is down or refuses. */
    private static void post(HttpClient http, List<Integer> ports, int first, String body, List<Process> processes)
            throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int i = (first + attempt) % ports.size();
            if (!processes.get(i).isAlive()) {
                continue;
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(i) + "/tg"))
                                .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // down: the next one
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no replica took " + body);
    }

    @Test
    void three_replicas_answer_each_update_once_in_chat_order_at_a_message_a_second_through_a_sigkill() throws Exception {
        SharedDatabase database = TestPostgres.freshDatabase();
        int chats = 50;
        int perChat = 10;
        try (FakeBotApi telegram = new FakeBotApi()) {
            List<Integer> ports = List.of(BotJarIT.freePort(), BotJarIT.freePort(), BotJarIT.freePort());
            List<Process> processes = new ArrayList<>();
            Map<String, String> webhook = Map.of("TELEGRAM_WEBHOOK_URL", "https://bot.example.com/tg",
                    "TELEGRAM_WEBHOOK_SECRET", SECRET);
            try {
                for (int n = 0; n < 3; n++) {
                    processes.add(replica(telegram, database, n, ports.get(n), webhook));
                }
                for (int n = 0; n < 3; n++) {
                    awaitReady(ports.get(n), processes.get(n), 240_000);
                }
                HttpClient http = HttpClient.newHttpClient();
                long killedAt = 0;
                int total = chats * perChat;
                for (int i = 0; i < total; i++) {
                    long chat = 1000 + i % chats;
                    int seq = i / chats;
                    // Mostly commands whose reply names the update; a real question in every chat too.
                    String text = seq == 4 ? "how much does a junior ML engineer earn?" : "/c" + chat + "_" + seq;
                    post(http, ports, i % 3, update(i + 1, chat, text), processes);
                    if (i == total / 2) {
                        processes.get(0).destroyForcibly(); // SIGKILL: no shutdown hook, no claim let go
                        killedAt = System.nanoTime();
                        assertTrue(processes.get(0).waitFor(10, TimeUnit.SECONDS));
                    }
                    Thread.sleep(10);
                }

                // Everything answered: the dead replica's claims are taken over once their lease runs out.
                long deadline = System.currentTimeMillis() + 180_000;
                int answered = 0;
                while (System.currentTimeMillis() < deadline) {
                    answered = 0;
                    for (long chat = 1000; chat < 1000 + chats; chat++) {
                        answered += Math.min(perChat, telegram.sent(chat).size());
                    }
                    if (answered == total) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertEquals(total, answered, logs(3));
                Thread.sleep(2_000); // a late duplicate would show now

                int duplicates = 0;
                int duplicatesOutsideKill = 0;
                long minGapMs = Long.MAX_VALUE;
                for (long chat = 1000; chat < 1000 + chats; chat++) {
                    List<JsonNode> sent = telegram.sent(chat);
                    List<Integer> order = new ArrayList<>();
                    Map<Integer, Long> firstAt = new TreeMap<>();
                    long lastAt = 0;
                    for (JsonNode message : sent) {
                        long at = message.get("at").asLong();
                        if (lastAt != 0) {
                            minGapMs = Math.min(minGapMs, (at - lastAt) / 1_000_000);
                        }
                        lastAt = at;
                        Matcher m = COMMAND_REPLY.matcher(message.get("text").asText());
                        boolean command = m.find();
                        int seq = command ? Integer.parseInt(m.group(2)) : 4; // the one real question
                        if (command) {
                            assertEquals(chat, Long.parseLong(m.group(1)), "a reply went to the wrong chat");
                        }
                        if (firstAt.containsKey(seq)) {
                            duplicates++;
                            long before = (killedAt - firstAt.get(seq)) / 1_000_000;
                            // Stamped on arrival: a send on the wire at the kill may be stamped a few ms after it.
                            if (before < -STAMP_JITTER_MS || before > 100) {
                                duplicatesOutsideKill++;
                            }
                            System.out.printf("duplicate: chat %d update seq %d, first sent %d ms before the kill%n",
                                    chat, seq, before);
                            continue;
                        }
                        firstAt.put(seq, at);
                        order.add(seq);
                    }
                    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order, "chat " + chat + " answered out of order");
                }
                System.out.printf("3 replicas, %d updates in %d chats, one SIGKILLed half-way: %d duplicates "
                        + "(each a reply sent within 100 ms before the kill), smallest gap between sends in a chat "
                        + "%d ms%n", total, chats, duplicates, minGapMs);
                assertEquals(0, duplicatesOutsideKill, "replies sent twice that were not on the wire at the kill");
                assertTrue(minGapMs >= 1_000 - STAMP_JITTER_MS, "a chat got two messages " + minGapMs + " ms apart");
            } finally {
                stopAll(processes);
            }
        }
    }

    @Test
    void in_polling_mode_one_replica_polls_and_the_standby_takes_over_within_15_s_of_its_death() throws Exception {
        SharedDatabase database = TestPostgres.freshDatabase();
        try (FakeBotApi telegram = new FakeBotApi()) {
            List<Integer> ports = List.of(BotJarIT.freePort(), BotJarIT.freePort());
            List<Process> processes = new ArrayList<>();
            try {
                for (int n = 0; n < 2; n++) {
                    processes.add(replica(telegram, database, n, ports.get(n), Map.of()));
                }
                for (int n = 0; n < 2; n++) {
                    awaitReady(ports.get(n), processes.get(n), 240_000);
                }
                telegram.textMessage(1, "private", 1, "/c1_0");
                assertEquals(1, telegram.awaitSent(1, 1, 60_000).size(), "answered before the kill\n" + logs(2));

                int leader = -1;
                for (int n = 0; n < 2; n++) {
                    if (Files.readString(tmp.resolve("replica-" + n + ".log")).contains("this replica polls Telegram now")) {
                        assertEquals(-1, leader, "both replicas poll:\n" + logs(2));
                        leader = n;
                    }
                }
                assertTrue(leader >= 0, logs(2));
                // Messages wait with Telegram while nobody polls; some may be fetched by the leader as it dies.
                telegram.textMessage(2, "private", 2, "/c2_0");
                processes.get(leader).destroyForcibly();
                long killedAt = System.nanoTime();
                processes.get(leader).waitFor(10, TimeUnit.SECONDS);
                telegram.textMessage(2, "private", 2, "/c2_1");
                telegram.textMessage(3, "private", 3, "/c3_0");

                long deadline = System.currentTimeMillis() + 60_000;
                double tookOverSeconds = -1;
                while (System.currentTimeMillis() < deadline && tookOverSeconds < 0) {
                    for (FakeBotApi.Call call : telegram.calls("getUpdates")) {
                        long at = call.body().path("at").asLong();
                        if (at > killedAt) {
                            tookOverSeconds = (at - killedAt) / 1e9;
                            break;
                        }
                    }
                    Thread.sleep(100);
                }
                System.out.printf("the standby polled %.1f s after the leader was killed%n", tookOverSeconds);
                assertTrue(tookOverSeconds >= 0 && tookOverSeconds <= 15, "took over after " + tookOverSeconds + " s\n"
                        + logs(2));

                assertEquals(2, telegram.awaitSent(2, 2, 90_000).size(), logs(2));
                assertEquals(1, telegram.awaitSent(3, 1, 30_000).size(), logs(2));
                Thread.sleep(1_000);
                assertEquals(List.of("/c2_0", "/c2_1"), telegram.sentTexts(2).stream()
                        .map(t -> t.replaceAll(".*(/c2_\\d).*", "$1")).toList(), "nothing lost, nothing twice, in order");
            } finally {
                stopAll(processes);
            }
        }
    }

    /** SIGTERM to every replica at once, then up to 15 s each to stop before it is killed. */
    private static void stopAll(List<Process> processes) throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            p.waitFor(15, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }
}
