package io.github.careeradvisor.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;

/** The write-ahead log of a real SQLite file, copied back by the thread, never by a writer's commit. */
class CheckpointsTest {

    @TempDir
    Path tmp;

    private static final int PAGE = 4096;

    @Test
    void a_commit_never_copies_the_log_back_so_it_grows_past_sqlites_own_limit_until_the_thread_does() throws Exception {
        Path data = tmp.resolve("data");
        SqliteDatabase database = SqliteDatabase.open(data, Duration.ofHours(1), Duration.ofHours(1));
        try (database) {
            createTable(database);
            for (int i = 0; i < 1_200; i++) {
                insert(database, "row " + i);
            }
            long wal = Files.size(data.resolve(SqliteDatabase.FILE + "-wal"));
            // SQLite's own checkpoint, in the commit past 1,000 pages, would have started the log over.
            assertTrue(wal > 1_500L * PAGE, "the log holds " + wal + " bytes");
            assertEquals(0, database.checkpoints());
            assertTrue(database.checkpointing(), "the thread waits its hour");
        }
        assertFalse(Files.exists(data.resolve(SqliteDatabase.FILE + "-wal")), "closing copied the log back and removed it");
        assertFalse(database.checkpointing(), "closing stopped the thread without waiting the hour");
    }

    @Test
    void what_was_written_reaches_the_file_itself_shortly_after_on_the_checkpoint_thread() throws Exception {
        Path data = tmp.resolve("data");
        byte[] marker = "written-but-where-4711".getBytes(StandardCharsets.US_ASCII);
        SqliteDatabase database = SqliteDatabase.open(data, Duration.ofMillis(50), Duration.ofHours(1));
        try (database) {
            assertFalse(database.checkpointing(), "no thread before the first write");
            createTable(database);
            insert(database, new String(marker, StandardCharsets.US_ASCII));
            Path file = data.resolve(SqliteDatabase.FILE);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // The row reaches the file during the copy; the count goes up once the copy has returned.
            while ((!contains(Files.readAllBytes(file), marker) || database.checkpoints() == 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(contains(Files.readAllBytes(file), marker), "the row is in the database file, not only in its log");
            assertTrue(database.checkpoints() > 0);
            assertTrue(database.checkpointing());
            assertEquals(0, database.emptiedLogs(), "a passive copy leaves the log file as long as it was");
            assertTrue(Files.size(data.resolve(SqliteDatabase.FILE + "-wal")) > 0);
        }
        assertFalse(database.checkpointing(), "closing stopped the thread");
    }

    @Test
    void without_a_checkpoint_yet_a_row_is_only_in_the_log() throws Exception {
        Path data = tmp.resolve("data");
        byte[] marker = "only-in-the-log-0815".getBytes(StandardCharsets.US_ASCII);
        try (SqliteDatabase database = SqliteDatabase.open(data, Duration.ofHours(1), Duration.ofHours(1))) {
            createTable(database);
            insert(database, new String(marker, StandardCharsets.US_ASCII));
            assertFalse(contains(Files.readAllBytes(data.resolve(SqliteDatabase.FILE)), marker));
            assertTrue(contains(Files.readAllBytes(data.resolve(SqliteDatabase.FILE + "-wal")), marker));
        }
    }

    @Test
    void every_so_often_the_copy_also_cuts_the_log_file_to_nothing() throws Exception {
        Path data = tmp.resolve("data");
        try (SqliteDatabase database = SqliteDatabase.open(data, Duration.ofMillis(50), Duration.ZERO)) {
            createTable(database);
            insert(database, "a row");
            Path wal = data.resolve(SqliteDatabase.FILE + "-wal");
            awaitTrue(() -> database.emptiedLogs() > 0);
            assertEquals(0, Files.size(wal), "the log file was cut to nothing");
        }
    }

    @Test
    void with_nothing_more_written_the_log_file_is_still_cut_to_nothing_in_its_time() throws Exception {
        Path data = tmp.resolve("data");
        try (SqliteDatabase database = SqliteDatabase.open(data, Duration.ofMillis(10), Duration.ofSeconds(2))) {
            createTable(database);
            insert(database, "a row");
            awaitTrue(() -> database.checkpoints() > 0);
            assumeTrue(database.emptiedLogs() == 0, "the first copy came late enough to empty the file already");
            Path wal = data.resolve(SqliteDatabase.FILE + "-wal");
            assertTrue(Files.size(wal) > 0);
            awaitTrue(() -> database.emptiedLogs() > 0);
            assertEquals(0, Files.size(wal), "emptied without another write");
        }
    }

    @Test
    void a_forget_that_found_another_process_reading_has_its_log_emptied_by_the_thread_once_the_reader_is_done()
            throws Exception {
        Path data = tmp.resolve("data");
        byte[] said = "words-to-forget-1234".getBytes(StandardCharsets.US_ASCII);
        try (SqliteDatabase database = SqliteDatabase.open(data, Duration.ofMillis(50), Duration.ofHours(1))) {
            createTable(database);
            insert(database, new String(said, StandardCharsets.US_ASCII));
            Path wal = data.resolve(SqliteDatabase.FILE + "-wal");
            try (Connection reader = JDBC.createConnection("jdbc:sqlite:" + data.resolve(SqliteDatabase.FILE),
                    new Properties()); Statement s = reader.createStatement()) {
                s.execute("BEGIN");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM filler")) {
                    assertTrue(rs.next()); // a read snapshot held, as `ask` beside the bot would
                }
                database.erase("forgetting", 7L, c -> {
                    try (Statement d = c.createStatement()) {
                        d.execute("DELETE FROM filler");
                    }
                });
                assertTrue(Files.size(wal) > 0, "the reader kept the scrub from emptying the log");
                assertEquals(0, database.emptiedLogs());
                // Meanwhile the thread tries again every 50 ms; each try gives up at once, so the bot's
                // writes go on (with the driver's 3 s busy timeout each try held them back for 3 s).
                long start = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    insert(database, "written while the reader reads " + i);
                    Thread.sleep(20);
                }
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMs < 2_500, "10 writes beside the retries took " + tookMs + " ms");
                assertEquals(0, database.emptiedLogs());
                s.execute("COMMIT");
            }
            awaitTrue(() -> database.emptiedLogs() > 0);
            assertEquals(0, Files.size(wal));
            assertFalse(contains(Files.readAllBytes(data.resolve(SqliteDatabase.FILE)), said),
                    "secure_delete zeroed the row in the file itself");
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.holds() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(condition.holds(), "not within 30 s");
    }

    private static void createTable(SqliteDatabase database) {
        database.write("creating a table", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE filler (text TEXT, pad BLOB)");
            }
        });
    }

    private static void insert(SqliteDatabase database, String text) {
        database.write("inserting a row", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO filler VALUES (?, ?)")) {
                p.setString(1, text);
                p.setBytes(2, new byte[PAGE]);
                p.executeUpdate();
            }
        });
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
