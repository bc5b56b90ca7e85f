package io.github.careeradvisor.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead log of a real SQLite file, copied back by the thread, never by a writer's commit. */
class CheckpointsTest {

    @TempDir
    Path tmp;

    private static final int PAGE = 4096;

    @Test
    void a_commit_never_copies_the_log_back_so_it_grows_past_sqlites_own_limit_until_the_thread_does() throws Exception {
        Path data = tmp.resolve("data");
        SqliteDatabase database = SqliteDatabase.open(data, Duration.ofHours(1));
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
        SqliteDatabase database = SqliteDatabase.open(data, Duration.ofMillis(50));
        try (database) {
            assertFalse(database.checkpointing(), "no thread before the first write");
            createTable(database);
            long before = database.checkpoints();
            insert(database, new String(marker, StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (database.checkpoints() == before && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(database.checkpoints() > before, "no checkpoint ran");
            assertTrue(contains(Files.readAllBytes(data.resolve(SqliteDatabase.FILE)), marker),
                    "the row is in the database file, not only in its log");
        }
        assertFalse(database.checkpointing(), "closing stopped the thread");
    }

    @Test
    void without_a_checkpoint_yet_a_row_is_only_in_the_log() throws Exception {
        Path data = tmp.resolve("data");
        byte[] marker = "only-in-the-log-0815".getBytes(StandardCharsets.US_ASCII);
        try (SqliteDatabase database = SqliteDatabase.open(data, Duration.ofHours(1))) {
            createTable(database);
            insert(database, new String(marker, StandardCharsets.US_ASCII));
            assertFalse(contains(Files.readAllBytes(data.resolve(SqliteDatabase.FILE)), marker));
            assertTrue(contains(Files.readAllBytes(data.resolve(SqliteDatabase.FILE + "-wal")), marker));
        }
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
