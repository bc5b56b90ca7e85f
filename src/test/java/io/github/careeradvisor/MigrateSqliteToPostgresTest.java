package io.github.careeradvisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.config.SharedDatabase;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.SqlProfileStore;
import io.github.careeradvisor.storage.DataDir;
import io.github.careeradvisor.storage.EveryTable;
import io.github.careeradvisor.storage.PostgresDatabase;
import io.github.careeradvisor.storage.SqliteDatabase;
import io.github.careeradvisor.storage.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate-sqlite-to-postgres} run through the command line, from a real SQLite file to the embedded PostgreSQL. */
class MigrateSqliteToPostgresTest {

    private static final String URL_SECRET = "hunter2secret";
    private static final String PASSWORD = "s3cret-Password";

    @TempDir
    Path data;

    private final SharedDatabase target = TestPostgres.freshDatabase();

    /** The settings an operator gives, a password in the URL and one beside it (the test server asks for neither). */
    private Map<String, String> env() {
        return Map.of("ADVISOR_DATA_DIR", data.toString(), "ADVISOR_DATABASE_URL", target.url() + "&password=" + URL_SECRET,
                "ADVISOR_DATABASE_USER", "postgres", "ADVISOR_DATABASE_PASSWORD", PASSWORD);
    }

    private void aBotsDataDir() {
        try (SqliteDatabase file = SqliteDatabase.open(data)) {
            EveryTable.fill(file);
        }
    }

    private static void assertNoSecret(AppRun run) {
        for (String secret : new String[] {URL_SECRET, PASSWORD}) {
            assertFalse(run.out().contains(secret) || run.err().contains(secret), run.out() + run.err());
        }
    }

    @Test
    void copies_the_data_dirs_database_printing_each_tables_count_and_never_the_password() {
        aBotsDataDir();

        AppRun run = AppRun.of(env(), "", "migrate-sqlite-to-postgres");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("Copied the SQLite file '" + data.resolve(SqliteDatabase.FILE) + "' into PostgreSQL at '"
                + target.url() + "&password=***':\n  profiles               3\n"), run.out());
        assertTrue(run.out().contains("\n  in all                20 rows, each table's count checked in PostgreSQL; the next "
                + "answer is numbered 4\n"), run.out());
        assertNoSecret(run);
        try (PostgresDatabase postgres = PostgresDatabase.open(target)) {
            SqlProfileStore profiles = new SqlProfileStore(postgres);
            assertEquals(Level.JUNIOR, profiles.load(1001).level());
            assertEquals("become an ML engineer at a bank", profiles.load(1001).goal());
        }
    }

    @Test
    void a_second_run_is_refused_with_exit_2_and_replace_copies_anew() {
        aBotsDataDir();
        assertEquals(0, AppRun.of(env(), "", "migrate-sqlite-to-postgres").code());

        AppRun again = AppRun.of(env(), "", "migrate-sqlite-to-postgres");
        AppRun replace = AppRun.of(env(), "", "migrate-sqlite-to-postgres", "--replace");

        assertEquals(2, again.code());
        assertEquals("", again.out());
        assertTrue(again.err().startsWith("error: PostgreSQL at '" + target.url() + "&password=***' already holds data "
                + "(profiles: 3, "), again.err());
        assertTrue(again.err().endsWith(": nothing was copied. Point ADVISOR_DATABASE_URL at an empty database, or run "
                + "again with --replace to delete what it holds and copy anew\n"), again.err());
        assertEquals(0, replace.code(), replace.err());
        assertTrue(replace.out().contains("in all                20 rows"), replace.out());
        assertNoSecret(again);
        assertNoSecret(replace);
    }

    @Test
    void without_a_database_url_it_exits_2_naming_the_setting() {
        aBotsDataDir();

        AppRun run = AppRun.of(Map.of("ADVISOR_DATA_DIR", data.toString()), "", "migrate-sqlite-to-postgres");

        assertEquals(2, run.code());
        assertEquals("error: migrate-sqlite-to-postgres needs ADVISOR_DATABASE_URL, the PostgreSQL database to copy into "
                + "(e.g. jdbc:postgresql://db:5432/advisor)\n", run.err());
    }

    @Test
    void a_data_dir_without_a_database_exits_2_naming_the_file_and_the_setting_and_creates_nothing() {
        Path missing = data.resolve("no-such-dir");
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("ADVISOR_DATA_DIR", missing.toString());

        AppRun run = AppRun.of(env, "", "migrate-sqlite-to-postgres");

        assertEquals(2, run.code());
        assertEquals("error: there is no profile database '" + missing.resolve(SqliteDatabase.FILE) + "' (set "
                + "ADVISOR_DATA_DIR to the data dir that holds advisor.db)\n", run.err());
        assertFalse(Files.exists(missing));
    }

    @Test
    void a_bot_running_on_the_data_dir_stops_the_copy_with_exit_2() {
        aBotsDataDir();
        try (DataDir.Lock bot = DataDir.lockForBot(data)) {
            AppRun run = AppRun.of(env(), "", "migrate-sqlite-to-postgres");

            assertEquals(2, run.code());
            assertTrue(run.err().startsWith("error: another bot is running on data dir '" + data + "'"), run.err());
        }
    }

    @Test
    void a_postgresql_that_does_not_answer_exits_1_naming_the_setting_with_the_password_masked() throws Exception {
        aBotsDataDir();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("ADVISOR_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + port + "/advisor?password=" + URL_SECRET);

        AppRun run = AppRun.of(env, "", "migrate-sqlite-to-postgres");

        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("error: ADVISOR_DATABASE_URL 'jdbc:postgresql://127.0.0.1:" + port
                + "/advisor?password=***': the database cannot be reached"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertNoSecret(run);
    }
}
