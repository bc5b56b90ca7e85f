package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.App;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.config.SharedDatabase;
import io.github.careeradvisor.replicas.Replicas;
import io.github.careeradvisor.storage.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarting while the bot answers (README, "Run at scale"): the bot waits for it and goes on,
 * and every message, those sent while it was down among them, is answered once and in its chat's order.
 */
class PostgresRestartTest {

    @TempDir
    Path tmp;

    @Test
    void the_bot_waits_for_a_restarting_database_and_answers_everything_once_in_order() throws Exception {
        int port = BotJarIT.freePort();
        Path pgData = tmp.resolve("pg");
        EmbeddedPostgres server = TestPostgres.ownServer(pgData, port);
        SharedDatabase database = TestPostgres.create(server, "advisor");
        Map<String, String> env = new HashMap<>(Map.of(Settings.KNOWLEDGE_DIR, "knowledge",
                Settings.DATA_DIR, TestAdvisors.SHIPPED_DATA_DIR.toString(), Settings.DATABASE_URL, database.url(),
                Settings.DATABASE_USER, database.user()));
        List<String> warnings = new ArrayList<>();
        try (FakeBotApi telegram = new FakeBotApi();
                App.Started started = App.start(Settings.fromEnvironment(env), TestAdvisors.embedder(), warnings::add)) {
            TelegramBot bot = new TelegramBot(FakeBotApi.TOKEN, telegram.url(), started.advisor(), Set.of(),
                    started.inbox(), 1000, Pacing.NONE, Clock.systemUTC(), BotEvents.NONE, null,
                    Replicas.on(started.database()));
            bot.start();
            TelegramBotTest.poll(bot, "restart-poller");
            try {
                for (int chat = 1; chat <= 5; chat++) {
                    telegram.textMessage(chat, "private", chat, "/c" + chat + "_0");
                }
                for (int chat = 1; chat <= 5; chat++) {
                    assertEquals(1, telegram.awaitSent(chat, 1, 30_000).size());
                }

                server.close(); // PostgreSQL goes down while messages keep coming
                for (int seq = 1; seq <= 3; seq++) {
                    for (int chat = 1; chat <= 5; chat++) {
                        telegram.textMessage(chat, "private", chat, "/c" + chat + "_" + seq);
                    }
                }
                Thread.sleep(3_000);
                server = TestPostgres.ownServer(pgData, port); // the same files, the same port
                for (int chat = 1; chat <= 5; chat++) {
                    telegram.textMessage(chat, "private", chat, "/c" + chat + "_4");
                }

                for (int chat = 1; chat <= 5; chat++) {
                    assertEquals(5, telegram.awaitSent(chat, 5, 90_000).size(), "chat " + chat);
                }
                Thread.sleep(1_000); // a repeat would show now
                for (int chat = 1; chat <= 5; chat++) {
                    int c = chat;
                    List<String> commands = telegram.sentTexts(chat).stream()
                            .map(t -> t.replaceAll("(?s).*(/c" + c + "_\\d).*", "$1")).toList();
                    assertEquals(List.of("/c" + c + "_0", "/c" + c + "_1", "/c" + c + "_2", "/c" + c + "_3",
                            "/c" + c + "_4"), commands, "chat " + chat + ": nothing lost, nothing twice, in order");
                }
                assertTrue(started.database().problem().isEmpty(), () -> started.database().problem().orElseThrow());
            } finally {
                bot.stop();
            }
        } finally {
            server.close();
        }
    }
}
