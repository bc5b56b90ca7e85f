package io.github.careeradvisor.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.storage.Database;
import io.github.careeradvisor.storage.Migrations;
import io.github.careeradvisor.storage.StoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Profiles and progress as any database keeps them: run on SQLite and on PostgreSQL by the subclasses. */
abstract class ProfileStoreContract extends StoreContract {

    ProfileStoreContract(Kind kind) {
        super(kind);
    }

    /** The profiles in the test's database, opened (again) as the bot opens them at start. */
    final SqlProfileStore store() {
        return new SqlProfileStore(open());
    }

    @Test
    void a_profile_round_trips_and_survives_a_restart() {
        try (SqlProfileStore store = store()) {
            store.setLevel(7, Level.JUNIOR);
            store.setCloud(7, Cloud.GCP);
            store.setGoal(7, "ML engineer at a fintech");
            store.setHours(7, 5);
            store.setBackground(7, "Java developer", 5);
            store.setTopic(7, "python", TopicStatus.DONE);
            store.setTopic(7, "math", TopicStatus.LEARNING);
            store.setTopic(7, "math", TopicStatus.SKIPPED);
        }
        try (SqlProfileStore reopened = store()) {
            assertEquals(new Profile(7, Level.JUNIOR, "Java developer", 5, "ML engineer at a fintech", Cloud.GCP, 5,
                    Map.of("python", TopicStatus.DONE, "math", TopicStatus.SKIPPED)), reopened.load(7));
        }
    }

    @Test
    void an_update_writes_everything_it_changes_at_once_or_nothing() {
        try (SqlProfileStore store = store()) {
            store.setGoal(4, "work in healthcare");

            Profile stored = store.update(4, p -> new Profile(4, Level.SENIOR, "data engineer", 8, p.goal(), Cloud.GCP,
                    null, Map.of("python", TopicStatus.DONE, "data-sql", TopicStatus.DONE)));

            assertEquals(stored, store.load(4));
            assertEquals("work in healthcare", stored.goal(), "what the change kept stays");
            assertEquals(Map.of("python", TopicStatus.DONE, "data-sql", TopicStatus.DONE), stored.progress());
            assertThrows(IllegalStateException.class, () -> store.update(4, p -> {
                throw new IllegalStateException("changed its mind");
            }));
            assertThrows(RuntimeException.class, () -> store.update(4, p -> new Profile(4, Level.JUNIOR, p.background(),
                    p.experienceYears(), p.goal(), p.cloud(), p.hoursPerWeek(), Map.of("x".repeat(41), TopicStatus.DONE)))); // a topic id the table refuses, after the row was written
            assertEquals(stored, store.load(4), "a change that fails part-way leaves nothing of itself");
        }
    }

    @Test
    void a_new_database_is_created_at_the_current_schema_and_empty() {
        try (SqlProfileStore store = store()) {
            assertEquals(Migrations.LATEST, store.schemaVersion());
            assertTrue(store.load(1).isEmpty());
        }
    }

    @Test
    void forget_leaves_no_row_behind_and_touches_nobody_else() {
        try (SqlProfileStore store = store()) {
            store.setLevel(1, Level.SENIOR);
            store.setTopic(1, "python", TopicStatus.DONE);
            store.setLevel(2, Level.STUDENT);
            store.setTopic(2, "math", TopicStatus.DONE);

            assertTrue(store.forget(1));
            assertFalse(store.forget(1), "nothing left the second time");
            assertTrue(store.load(1).isEmpty());
            assertEquals(Level.STUDENT, store.load(2).level());
        }
        assertEquals(0, count("SELECT count(*) FROM profiles WHERE user_id = 1"));
        assertEquals(0, count("SELECT count(*) FROM topic_progress WHERE user_id = 1"));
        assertEquals(1, count("SELECT count(*) FROM topic_progress WHERE user_id = 2"));
    }

    @Test
    void two_users_never_see_each_others_data() {
        try (SqlProfileStore store = store()) {
            store.setCloud(100, Cloud.AZURE);
            store.setTopic(100, "sql", TopicStatus.DONE);

            Profile other = store.load(200);

            assertNull(other.cloud());
            assertTrue(other.progress().isEmpty());
        }
    }

    @Test
    void concurrent_updates_from_many_chats_lose_nothing() throws Exception {
        List<String> topics = List.of("python", "math", "statistics", "data-sql", "ml-algorithms", "deep-learning",
                "software-engineering", "deployment", "big-data", "cloud", "portfolio", "job-search");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (SqlProfileStore store = store()) {
            List<Future<?>> work = new ArrayList<>();
            for (long user = 1; user <= 40; user++) {
                long u = user;
                for (String topic : topics) {
                    work.add(pool.submit(() -> store.setTopic(u, topic, TopicStatus.DONE)));
                }
                work.add(pool.submit(() -> store.setHours(u, (int) (u % 80) + 1)));
                work.add(pool.submit(() -> store.setLevel(u, Level.JUNIOR)));
            }
            for (Future<?> f : work) {
                f.get();
            }
            for (long user = 1; user <= 40; user++) {
                Profile p = store.load(user);
                assertEquals(12, p.progress().size(), "user " + user);
                assertEquals((int) (user % 80) + 1, p.hoursPerWeek());
                assertEquals(Level.JUNIOR, p.level());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40 * 12, count("SELECT count(*) FROM topic_progress"));
    }

    @Test
    void the_database_refuses_values_outside_the_schema() {
        try (SqlProfileStore store = store()) {
            store.setLevel(1, Level.MID);
        }
        try (Database database = open()) {
            for (String sql : List.of("UPDATE profiles SET level = 'wizard'", "UPDATE profiles SET hours_per_week = 1000")) {
                RuntimeException e = assertThrows(IllegalStateException.class, () -> update(database, sql), sql);
                assertInstanceOf(java.sql.SQLException.class, e.getCause(), "the database's own refusal: " + e);
            }
            assertEquals(1, count(database, "SELECT count(*) FROM profiles WHERE level = 'mid' AND hours_per_week IS NULL"));
        }
    }
}
