package io.github.careeradvisor.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.SharedDatabase;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.profile.SqlProfileStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SQLite file with rows in every table copied into a fresh database of the embedded PostgreSQL. */
class SqliteToPostgresTest {

    @TempDir
    Path data;

    private final SharedDatabase target = TestPostgres.freshDatabase();

    private SqliteDatabase filledFile() {
        SqliteDatabase file = SqliteDatabase.open(data);
        EveryTable.fill(file);
        return file;
    }

    @Test
    void every_row_of_every_table_comes_over_and_the_stores_on_postgresql_read_back_the_same() {
        try (SqliteDatabase file = filledFile(); PostgresDatabase postgres = PostgresDatabase.open(target)) {
            Map<String, List<String>> inFile = EveryTable.rows(file, SqliteToPostgres.TABLES);
            inFile.forEach((table, rows) -> assertFalse(rows.isEmpty(), "the file has rows in " + table));

            SqliteToPostgres.Copied copied = new SqliteToPostgres(file, postgres).copy(false);

            assertEquals(inFile, EveryTable.rows(postgres, SqliteToPostgres.TABLES), "row for row, value for value");
            assertEquals(SqliteToPostgres.TABLES, List.copyOf(copied.rows().keySet()));
            inFile.forEach((table, rows) -> assertEquals((long) rows.size(), copied.rows().get(table), table));
            assertEquals(inFile.values().stream().mapToLong(List::size).sum(), copied.total());

            SqlProfileStore before = new SqlProfileStore(file);
            SqlProfileStore after = new SqlProfileStore(postgres);
            for (long user : EveryTable.USERS) {
                assertEquals(before.load(user), after.load(user), "profile of " + user);
                assertEquals(before.dialogue().recent(user, user, Instant.EPOCH), after.dialogue().recent(user, user, Instant.EPOCH));
                assertEquals(before.reminders().get(user), after.reminders().get(user));
            }
            assertEquals(before.feedback().report(Instant.EPOCH, 10), after.feedback().report(Instant.EPOCH, 10));
            assertEquals(new SqlInbox(file).unanswered(), new SqlInbox(postgres).unanswered());
            assertEquals(2, new SqlInbox(postgres).unanswered().size());
            assertEquals(503, new SqlInbox(postgres).nextOffset());
            assertEquals("стать ML-инженером 🚀 — «быстро»", after.load(EveryTable.BIG_ID).goal());

            assertEquals(EveryTable.FORGOTTEN_ANSWER + 1, copied.nextAnswerId());
            assertEquals(EveryTable.FORGOTTEN_ANSWER + 1, after.feedback().answered(1001, 1001, "and in Europe?", true,
                    EveryTable.NOW), "a new answer never takes the id of one forgotten: an old vote button names it");
        }
    }

    @Test
    void the_summary_names_both_databases_and_counts_each_table() {
        try (SqliteDatabase file = filledFile(); PostgresDatabase postgres = PostgresDatabase.open(target)) {
            String summary = new SqliteToPostgres(file, postgres).copy(false).summary();

            assertTrue(summary.startsWith("Copied the SQLite file '" + data.resolve(SqliteDatabase.FILE) + "' into PostgreSQL at '"
                    + target.safeUrl() + "':\n  profiles               3\n  topic_progress         2\n  dialogue               2\n"
                    + "  answers                2\n  votes                  2\n  reminders              1\n  inbox                  3\n"
                    + "  bot_state              1\n  send_slots             2\n  question_times         1\n"
                    + "  question_windows       1\n  in all                20 rows, each table's "
                    + "count checked in PostgreSQL; the next answer is numbered 4\n"), summary);
        }
    }

    @Test
    void a_target_that_holds_any_row_is_refused_with_nothing_written_and_replace_copies_anew() {
        try (SqliteDatabase file = filledFile(); PostgresDatabase postgres = PostgresDatabase.open(target)) {
            StoreContract.update(postgres, "INSERT INTO bot_state (key, value) VALUES ('offset', '77')");
            new SqlProfileStore(postgres).setGoal(4242, "someone only PostgreSQL knows");
            Map<String, List<String>> held = EveryTable.rows(postgres, SqliteToPostgres.TABLES);

            ConfigException e = assertThrows(ConfigException.class, () -> new SqliteToPostgres(file, postgres).copy(false));

            assertEquals("PostgreSQL at '" + target.safeUrl() + "' already holds data (profiles: 1, bot_state: 1), named by "
                    + "ADVISOR_DATABASE_URL: nothing was copied. Point ADVISOR_DATABASE_URL at an empty database, or run "
                    + "again with --replace to delete what it holds and copy anew", e.getMessage());
            assertEquals(held, EveryTable.rows(postgres, SqliteToPostgres.TABLES), "nothing written");

            new SqliteToPostgres(file, postgres).copy(true);

            assertEquals(EveryTable.rows(file, SqliteToPostgres.TABLES), EveryTable.rows(postgres, SqliteToPostgres.TABLES),
                    "replaced, not merged");
            assertTrue(new SqlProfileStore(postgres).load(4242).isEmpty());
            assertEquals(503, new SqlInbox(postgres).nextOffset());
        }
    }

    @Test
    void copying_twice_is_refused_the_second_time() {
        try (SqliteDatabase file = filledFile(); PostgresDatabase postgres = PostgresDatabase.open(target)) {
            new SqliteToPostgres(file, postgres).copy(false);
            Map<String, List<String>> once = EveryTable.rows(postgres, SqliteToPostgres.TABLES);

            ConfigException e = assertThrows(ConfigException.class, () -> new SqliteToPostgres(file, postgres).copy(false));

            assertTrue(e.getMessage().contains("already holds data (profiles: 3, topic_progress: 2, dialogue: 2, answers: 2, "
                    + "votes: 2, reminders: 1, inbox: 3, bot_state: 1, send_slots: 2, question_times: 1, "
                    + "question_windows: 1)"), e.getMessage());
            assertEquals(once, EveryTable.rows(postgres, SqliteToPostgres.TABLES), "not doubled, not merged");
        }
    }

    @Test
    void every_table_of_the_schema_is_copied() {
        try (SqliteDatabase file = SqliteDatabase.open(data); PostgresDatabase postgres = PostgresDatabase.open(target)) {
            List<String> ownTables = List.of(Migrations.HISTORY, "sqlite_sequence");
            TreeSet<String> inFile = new TreeSet<>(StoreContract.rows(file, "SELECT name FROM sqlite_master WHERE type = 'table'"));
            TreeSet<String> inPostgres = new TreeSet<>(StoreContract.rows(postgres,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
            inFile.removeAll(ownTables);
            inPostgres.removeAll(ownTables);

            assertEquals(new TreeSet<>(SqliteToPostgres.TABLES), inFile, "a table a migration adds is copied too");
            assertEquals(inFile, inPostgres);
        }
    }
}
