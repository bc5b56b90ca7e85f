package io.github.careeradvisor.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.careeradvisor.config.SharedDatabase;
import io.github.careeradvisor.storage.PostgresDatabase;
import io.github.careeradvisor.storage.TestPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Replicas on one PostgreSQL taking due reminders at once: each reminder goes out once (README, "Run at scale"). */
class ReminderReplicasTest {

    @Test
    void two_replicas_taking_due_reminders_at_once_take_each_once() throws Exception {
        SharedDatabase settings = TestPostgres.freshDatabase();
        Instant base = Instant.parse("2026-12-01T10:00:00Z");
        Instant due = Weekly.DEFAULT.nextAfter(base);
        try (SqlProfileStore one = new SqlProfileStore(PostgresDatabase.open(settings));
                SqlProfileStore two = new SqlProfileStore(PostgresDatabase.open(settings))) {
            for (long user = 1; user <= 200; user++) {
                one.reminders().set(user, user, Weekly.DEFAULT, base);
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<ReminderStore.Due>>> takers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ReminderStore store = (i % 2 == 0 ? one : two).reminders();
                takers.add(pool.submit(() -> {
                    List<ReminderStore.Due> taken = new ArrayList<>();
                    List<ReminderStore.Due> batch;
                    do {
                        batch = store.takeDue(due.plusSeconds(30), 7);
                        taken.addAll(batch);
                    } while (!batch.isEmpty());
                    return taken;
                }));
            }
            List<Long> users = new ArrayList<>();
            for (Future<List<ReminderStore.Due>> f : takers) {
                f.get().forEach(d -> users.add(d.userId()));
            }
            pool.shutdown();

            assertEquals(200, users.size(), "reminders taken twice or not at all");
            assertEquals(200, users.stream().distinct().count());
        }
    }
}
