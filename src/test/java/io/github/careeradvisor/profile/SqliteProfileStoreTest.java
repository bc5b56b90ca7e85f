package io.github.careeradvisor.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The profile store's contract on a real SQLite file in a temporary data dir, and what only a file has. */
class SqliteProfileStoreTest extends ProfileStoreContract {

    SqliteProfileStoreTest() {
        super(Kind.SQLITE);
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
}
