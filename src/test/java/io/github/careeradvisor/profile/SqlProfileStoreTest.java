package io.github.careeradvisor.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.storage.DatabaseFile;
import io.github.careeradvisor.storage.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SQLite file in a temporary data dir. */
class SqlProfileStoreTest {

    @TempDir
    Path data;

    private long rows(String sql) throws Exception {
        return DatabaseFile.count(data, sql);
    }

    @Test
    void a_profile_round_trips_and_survives_a_restart() {
        try (SqlProfileStore store = SqlProfileStore.open(data)) {
            store.setLevel(7, Level.JUNIOR);
            store.setCloud(7, Cloud.GCP);
            store.setGoal(7, "ML engineer at a fintech");
            store.setHours(7, 5);
            store.setBackground(7, "Java developer", 5);
            store.setTopic(7, "python", TopicStatus.DONE);
            store.setTopic(7, "math", TopicStatus.LEARNING);
            store.setTopic(7, "math", TopicStatus.SKIPPED);
        }
        try (SqlProfileStore reopened = SqlProfileStore.open(data)) {
            assertEquals(new Profile(7, Level.JUNIOR, "Java developer", 5, "ML engineer at a fintech", Cloud.GCP, 5,
                    Map.of("python", TopicStatus.DONE, "math", TopicStatus.SKIPPED)), reopened.load(7));
        }
    }

    @Test
    void an_update_writes_everything_it_changes_at_once_or_nothing() {
        try (SqlProfileStore store = SqlProfileStore.open(data)) {
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
    void a_new_file_is_created_at_the_current_schema_in_wal_mode() throws Exception {
        try (SqlProfileStore store = SqlProfileStore.open(data.resolve("nested"))) {
            assertEquals(Migrations.LATEST, store.schemaVersion());
            assertTrue(store.load(1).isEmpty());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("nested").resolve(SqlProfileStore.FILE));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void a_version_1_file_is_migrated_and_keeps_its_data() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqlProfileStore.FILE));
                Statement s = c.createStatement()) {
            for (String sql : DatabaseFile.migration("V1__profiles_and_progress.sql")) {
                s.execute(sql);
            }
            s.execute("PRAGMA user_version = 1");
            s.execute("INSERT INTO profiles (user_id, level, cloud, goal, hours_per_week, updated_at) "
                    + "VALUES (9, 'student', 'aws', 'data science', 10, '2026-01-01T00:00:00Z')");
            s.execute("INSERT INTO topic_progress VALUES (9, 'python', 'done', '2026-01-01T00:00:00Z')");
        }

        try (SqlProfileStore store = SqlProfileStore.open(data)) {
            assertEquals(Migrations.LATEST, store.schemaVersion());
            assertEquals(new Profile(9, Level.STUDENT, null, null, "data science", Cloud.AWS, 10,
                    Map.of("python", TopicStatus.DONE)), store.load(9));
            store.setBackground(9, "student of physics", 0);
            assertEquals("student of physics", store.load(9).background());
        }
    }

    @Test
    void forget_leaves_no_row_behind_and_touches_nobody_else() throws Exception {
        try (SqlProfileStore store = SqlProfileStore.open(data)) {
            store.setLevel(1, Level.SENIOR);
            store.setTopic(1, "python", TopicStatus.DONE);
            store.setLevel(2, Level.STUDENT);
            store.setTopic(2, "math", TopicStatus.DONE);

            assertTrue(store.forget(1));
            assertFalse(store.forget(1), "nothing left the second time");
            assertTrue(store.load(1).isEmpty());
            assertEquals(Level.STUDENT, store.load(2).level());
        }
        assertEquals(0, rows("SELECT count(*) FROM profiles WHERE user_id = 1"));
        assertEquals(0, rows("SELECT count(*) FROM topic_progress WHERE user_id = 1"));
        assertEquals(1, rows("SELECT count(*) FROM topic_progress WHERE user_id = 2"));
    }

    @Test
    void two_users_never_see_each_others_data() {
        try (SqlProfileStore store = SqlProfileStore.open(data)) {
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
        try (SqlProfileStore store = SqlProfileStore.open(data)) {
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
        assertEquals(40 * 12, rows("SELECT count(*) FROM topic_progress"));
    }

    @Test
    void a_file_that_is_not_a_database_is_named_in_a_clear_error() throws Exception {
        Files.writeString(data.resolve(SqlProfileStore.FILE), "this is not a database, just text ".repeat(200));

        ConfigException e = assertThrows(ConfigException.class, () -> SqlProfileStore.open(data));

        assertTrue(e.getMessage().startsWith("the profile database '" + data.resolve(SqlProfileStore.FILE)
                + "' cannot be opened: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(move it away to start afresh, or set ADVISOR_DATA_DIR)"), e.getMessage());
    }

    @Test
    void a_database_with_damaged_pages_is_refused_at_start_up_with_what_to_do() throws Exception {
        try (SqlProfileStore store = SqlProfileStore.open(data)) {
            for (long user = 1; user <= 2_000; user++) {
                store.setGoal(user, "become an ML engineer at a company that ships models, number " + user);
            }
        }
        Path file = data.resolve(SqlProfileStore.FILE);
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 16 * 4096, "a file of many pages: " + bytes.length);
        java.util.Arrays.fill(bytes, 8 * 4096, 12 * 4096, (byte) 0x5A); // four pages in the middle overwritten
        Files.write(file, bytes);

        ConfigException e = assertThrows(ConfigException.class, () -> SqlProfileStore.open(data));

        assertTrue(e.getMessage().startsWith("the profile database '" + file + "' cannot be opened: "), e.getMessage());
        assertTrue(e.getMessage().contains("malformed") || e.getMessage().contains("damaged"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(move it away to start afresh, or set ADVISOR_DATA_DIR)"), e.getMessage());
    }

    @Test
    void the_database_refuses_values_outside_the_schema() throws Exception {
        try (SqlProfileStore store = SqlProfileStore.open(data)) {
            store.setLevel(1, Level.MID);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqlProfileStore.FILE));
                Statement s = c.createStatement()) {
            assertThrows(java.sql.SQLException.class, () -> s.execute("UPDATE profiles SET level = 'wizard'"));
            assertThrows(java.sql.SQLException.class, () -> s.execute("UPDATE profiles SET hours_per_week = 1000"));
        }
    }
}
