package io.github.careeradvisor.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.careeradvisor.config.ConfigException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared SQLite file in a real temporary data dir, on a disk that fills up or turns read-only. */
class SqliteDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void a_write_on_a_full_disk_fails_naming_ADVISOR_DATA_DIR_and_the_next_succeeds_once_space_returns() throws Exception {
        refusedThenRecovered(DatabaseFile::diskFull, "[SQLITE_FULL]", "(the disk of the data dir is full: free space "
                + "there, or set ADVISOR_DATA_DIR to a disk with room)");
    }

    @Test
    void a_write_refused_as_read_only_names_ADVISOR_DATA_DIR_and_the_next_succeeds_once_writable() throws Exception {
        refusedThenRecovered(DatabaseFile::readOnly, "[SQLITE_READONLY]", "(the data dir cannot be written: make it "
                + "writable for this user, or set ADVISOR_DATA_DIR to a folder that is)");
    }

    private void refusedThenRecovered(BiConsumer<SqliteDatabase, Boolean> fault, String error, String advice)
            throws Exception {
        Path data = tmp.resolve("data");
        try (SqliteDatabase database = SqliteDatabase.open(data)) {
            fault.accept(database, true);

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> store(database, 1));

            assertTrue(e.getMessage().startsWith("storing row 1 in '" + data.resolve(SqliteDatabase.FILE) + "' failed: "
                    + error), e.getMessage());
            assertTrue(e.getMessage().endsWith(advice), e.getMessage());
            fault.accept(database, false);
            store(database, 2);
        }
        assertEquals(1, DatabaseFile.count(data, "SELECT count(*) FROM bot_state WHERE key LIKE 'row-%'"),
                "the refused write left nothing, the one after it is kept");
        assertEquals(1, DatabaseFile.count(data, "SELECT count(*) FROM bot_state WHERE key = 'row-2'"));
    }

    /** A row big enough to need new pages: a disk at its limit cannot take it. */
    private static void store(SqliteDatabase database, int n) {
        database.write("storing row " + n, db -> {
            try (PreparedStatement p = db.prepareStatement("INSERT INTO bot_state (key, value) VALUES (?, ?)")) {
                p.setString(1, "row-" + n);
                p.setString(2, "x".repeat(20_000));
                p.executeUpdate();
            }
        });
    }

    @Test
    void a_new_data_dir_is_readable_by_its_owner_only_and_so_is_every_database_file() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path data = tmp.resolve("new").resolve("data");
        DataDir.Lock lock = DataDir.lockForBot(data);
        try (lock; SqliteDatabase database = SqliteDatabase.open(data)) {
            store(database, 1); // the WAL and shared-memory files exist once something is written

            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
            try (Stream<Path> files = Files.list(data)) {
                for (Path file : files.toList()) {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                            file.toString());
                }
            }
            assertTrue(Files.exists(data.resolve(SqliteDatabase.FILE + "-wal")));
            assertTrue(Files.exists(data.resolve(DataDir.BOT_LOCK)));
        }
    }

    @Test
    void a_data_dir_where_a_file_is_cannot_be_created_and_says_which_setting_to_fix() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "not a folder");
        Path data = file.resolve("data");

        ConfigException e = assertThrows(ConfigException.class, () -> SqliteDatabase.open(data));

        assertTrue(e.getMessage().startsWith("data dir '" + data + "' cannot be created ("), e.getMessage());
        assertTrue(e.getMessage().endsWith(") (set ADVISOR_DATA_DIR)"), e.getMessage());
    }
}
