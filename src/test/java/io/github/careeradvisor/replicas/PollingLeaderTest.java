package io.github.careeradvisor.replicas;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.config.SharedDatabase;
import io.github.careeradvisor.storage.PostgresDatabase;
import io.github.careeradvisor.storage.SqliteDatabase;
import io.github.careeradvisor.storage.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which replica polls: the holder of the polling lock on a real PostgreSQL, the one process on SQLite. */
class PollingLeaderTest {

    private static final Duration CHECK = Duration.ofMillis(200);

    @Test
    void one_replica_leads_and_another_takes_over_when_its_session_dies() throws Exception {
        SharedDatabase settings = TestPostgres.freshDatabase();
        try (PostgresDatabase one = PostgresDatabase.open(settings); PostgresDatabase two = PostgresDatabase.open(settings)) {
            PollingLeader first = new PollingLeader(one, CHECK);
            PollingLeader second = new PollingLeader(two, CHECK);
            assertTrue(first.awaitLeadership(() -> false));

            CompletableFuture<Boolean> standby = CompletableFuture.supplyAsync(() -> second.awaitLeadership(() -> false));
            Thread.sleep(3 * CHECK.toMillis());
            assertFalse(standby.isDone(), "two replicas lead at once");
            assertTrue(first.leads());

            // The leader's session ends as a killed process's does: the server sees its connection gone.
            one.write("ending the leader's session", c -> c.createStatement().execute("SELECT pg_terminate_backend(pid) "
                    + "FROM pg_stat_activity WHERE application_name = 'career-advisor lock' AND pid <> pg_backend_pid() "
                    + "AND pid = (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted LIMIT 1)"));

            assertTrue(standby.get(10 * CHECK.toMillis(), TimeUnit.MILLISECONDS), "the standby did not take over");
            Thread.sleep(CHECK.toMillis() + 50);
            assertFalse(first.leads(), "the old leader still thinks it polls");
            first.resign();
            second.resign();
        }
    }

    @Test
    void resigning_lets_the_standby_lead_at_its_next_check() throws Exception {
        SharedDatabase settings = TestPostgres.freshDatabase();
        try (PostgresDatabase one = PostgresDatabase.open(settings); PostgresDatabase two = PostgresDatabase.open(settings)) {
            PollingLeader first = new PollingLeader(one, CHECK);
            PollingLeader second = new PollingLeader(two, CHECK);
            assertTrue(first.awaitLeadership(() -> false));
            CompletableFuture<Boolean> standby = CompletableFuture.supplyAsync(() -> second.awaitLeadership(() -> false));

            first.resign();

            assertTrue(standby.get(5 * CHECK.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(second.leads());
            second.resign();
        }
    }

    @Test
    void a_standby_asked_to_stop_stops_waiting(@TempDir Path data) throws Exception {
        SharedDatabase settings = TestPostgres.freshDatabase();
        try (PostgresDatabase one = PostgresDatabase.open(settings); PostgresDatabase two = PostgresDatabase.open(settings)) {
            PollingLeader first = new PollingLeader(one, CHECK);
            assertTrue(first.awaitLeadership(() -> false));
            long start = System.nanoTime();
            assertFalse(new PollingLeader(two, CHECK).awaitLeadership(() -> System.nanoTime() - start > 300_000_000L));
            first.resign();
        }
        try (SqliteDatabase alone = SqliteDatabase.open(data)) {
            PollingLeader only = new PollingLeader(alone, CHECK);
            assertTrue(only.awaitLeadership(() -> false), "one process on a SQLite file always polls");
            assertTrue(only.leads());
            only.resign();
        }
    }
}
