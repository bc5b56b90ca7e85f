package io.github.careeradvisor.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.storage.Database;
import io.github.careeradvisor.storage.PostgresDatabase;
import io.github.careeradvisor.storage.SqliteDatabase;
import io.github.careeradvisor.storage.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Claims on the inbox, as replicas take their share of it (README, "Run at scale"): on a real SQLite
 * file and on a real PostgreSQL, where several processes claim at once.
 */
class InboxClaimsTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @TempDir
    Path data;

    private Database open(String kind) {
        return kind.equals("sqlite") ? SqliteDatabase.open(data) : PostgresDatabase.open(TestPostgres.freshDatabase());
    }

    private static List<Long> ids(List<UpdateInbox.Unanswered> claimed) {
        return claimed.stream().map(u -> u.update().updateId()).toList();
    }

    private static UpdateInbox.Received update(long id, long chat) {
        return new UpdateInbox.Received(id, chat, chat, "{\"update_id\":" + id + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void only_the_oldest_unanswered_update_of_each_chat_is_claimed_and_by_one_owner(String kind) {
        try (Database database = open(kind)) {
            SqlInbox inbox = new SqlInbox(database);
            inbox.receive(List.of(update(1, 10), update(2, 20), update(3, 10), update(4, 30), update(5, 20)), 6);

            assertEquals(List.of(1L, 2L), ids(inbox.claim("a", 2, LONG)), "oldest first, as many as asked");
            assertEquals(List.of(4L), ids(inbox.claim("b", 10, LONG)),
                    "3 and 5 wait behind 1 and 2, which another owner holds");
            assertEquals(List.of(), ids(inbox.claim("b", 10, LONG)));

            inbox.answered(1);
            assertEquals(List.of(3L), ids(inbox.claim("b", 10, LONG)), "chat 10's next, once its first is answered");
            inbox.sent(2, 1, true);
            assertEquals(List.of(5L), ids(inbox.claim("a", 10, LONG)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_claim_whose_lease_ran_out_is_taken_over_with_the_reply_and_parts_as_left(String kind) throws Exception {
        try (Database database = open(kind)) {
            SqlInbox inbox = new SqlInbox(database);
            inbox.receive(List.of(update(7, 70)), 8);
            UpdateInbox.Unanswered first = inbox.claim("dies", 1, Duration.ofMillis(200)).get(0);
            assertEquals(1, first.starts());
            inbox.replying(7, "[\"one\",\"two\"]");
            inbox.sent(7, 1, false);

            assertEquals(List.of(), inbox.claim("other", 1, LONG), "the lease still runs");
            Thread.sleep(300);
            List<UpdateInbox.Unanswered> taken = inbox.claim("other", 1, LONG);

            assertEquals(List.of(new UpdateInbox.Unanswered(update(7, 70), "[\"one\",\"two\"]", 1, 2)), taken);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void renewed_claims_stay_and_released_ones_are_free_at_once(String kind) throws Exception {
        try (Database database = open(kind)) {
            SqlInbox inbox = new SqlInbox(database);
            inbox.receive(List.of(update(1, 1), update(2, 2)), 3);
            assertEquals(List.of(1L, 2L), ids(inbox.claim("a", 2, Duration.ofMillis(300))));

            inbox.renew("a", List.of(1L), LONG);
            inbox.renew("b", List.of(2L), LONG); // not b's: nothing changes
            Thread.sleep(400);
            assertEquals(List.of(2L), ids(inbox.claim("b", 2, LONG)), "only the renewed claim stayed a's");

            inbox.release("a");
            assertEquals(List.of(1L), ids(inbox.claim("c", 2, LONG)), "let go: claimed at once, no lease to wait out");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void an_owner_never_claims_again_what_it_holds_and_its_release_frees_only_its_own(String kind) {
        try (Database database = open(kind)) {
            SqlInbox inbox = new SqlInbox(database);
            inbox.receive(List.of(update(1, 1), update(2, 2)), 3);
            inbox.claim("host/1", 1, LONG);
            inbox.claim("host/2", 1, LONG);

            assertEquals(List.of(), inbox.claim("host/1", 1, LONG), "what it works on is not handed to it twice");
            inbox.release("host/1"); // as a container restarted under its old name does first
            assertEquals(List.of(1L), ids(inbox.claim("host/1", 2, LONG)), "only its own claim was let go");
        }
    }

    /**
     * Four replicas, each with its own connection pool, claim and answer 400 updates of 20 chats at once:
     * each update is answered once, each chat's in order, and never two of one chat at the same time.
     */
    @Test
    void replicas_claiming_at_once_answer_each_update_once_and_each_chat_in_order() throws Exception {
        var settings = TestPostgres.freshDatabase();
        List<PostgresDatabase> replicas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replicas.add(PostgresDatabase.open(settings));
        }
        try {
            List<UpdateInbox.Received> updates = new ArrayList<>();
            for (int i = 1; i <= 400; i++) {
                updates.add(update(i, 1 + i % 20));
            }
            new SqlInbox(replicas.get(0)).receive(updates, 401);

            Map<Long, List<Long>> answeredInChat = new ConcurrentHashMap<>();
            Set<Long> inFlightChats = ConcurrentHashMap.newKeySet();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger answered = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                SqlInbox inbox = new SqlInbox(replicas.get(w % 4));
                String owner = "replica-" + w;
                workers.add(pool.submit(() -> {
                    long idleSince = System.nanoTime();
                    while (answered.get() < 400 && System.nanoTime() - idleSince < 10_000_000_000L) {
                        List<UpdateInbox.Unanswered> claimed = inbox.claim(owner, 3, LONG);
                        if (!claimed.isEmpty()) {
                            idleSince = System.nanoTime();
                        }
                        for (UpdateInbox.Unanswered u : claimed) {
                            long chat = u.update().chatId();
                            if (!inFlightChats.add(chat)) {
                                overlaps.incrementAndGet();
                            }
                            answeredInChat.computeIfAbsent(chat, c -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                    .add(u.update().updateId());
                            inFlightChats.remove(chat);
                            inbox.answered(u.update().updateId());
                            answered.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            pool.shutdown();

            assertEquals(0, overlaps.get(), "two updates of one chat were answered at once");
            assertEquals(400, answered.get(), "answered " + answered.get() + " times for 400 updates");
            assertEquals(20, answeredInChat.size());
            answeredInChat.forEach((chat, ids) -> {
                assertEquals(20, ids.size(), "chat " + chat + ": " + ids);
                assertEquals(ids.stream().sorted().toList(), ids, "chat " + chat + " answered out of order");
            });
            assertTrue(new SqlInbox(replicas.get(0)).unanswered().isEmpty());
        } finally {
            replicas.forEach(PostgresDatabase::close);
        }
    }
}
