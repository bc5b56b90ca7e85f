package io.github.careeradvisor.storage;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The SQLite file under the data dir that holds the profiles and the bot's update journal: WAL
 * journal, the schema versioned with {@code PRAGMA user_version} and migrated forward when opened, and
 * a quick check for damaged pages when opened, deleted content overwritten with zeros (see {@link #erase}).
 * One connection serves every call, one call at a time
 * (each is a few milliseconds); every write is one transaction. Whoever opens it closes it; the stores
 * built on it ({@code SqliteProfileStore}, {@code SqliteInbox}) share it.
 */
public final class SqliteDatabase implements AutoCloseable {

    public static final String FILE = "advisor.db";

    /**
     * The schema of every table in the file, profiles' and the journal's alike. Each entry moves the
     * schema from version {@code index} to {@code index + 1}: add new ones at the end, never renumber.
     */
    public static final List<List<String>> MIGRATIONS = List.of(
            List.of("""
                    CREATE TABLE profiles (
                      user_id INTEGER PRIMARY KEY,
                      level TEXT CHECK (level IN ('new-to-tech','student','career-switcher','junior','mid','senior')),
                      cloud TEXT CHECK (cloud IN ('aws','gcp','azure','none')),
                      goal TEXT CHECK (length(goal) <= 200),
                      hours_per_week INTEGER CHECK (hours_per_week BETWEEN 1 AND 80),
                      updated_at TEXT NOT NULL)""", """
                    CREATE TABLE topic_progress (
                      user_id INTEGER NOT NULL,
                      topic_id TEXT NOT NULL CHECK (length(topic_id) BETWEEN 1 AND 40),
                      status TEXT NOT NULL CHECK (status IN ('done','learning','skipped')),
                      updated_at TEXT NOT NULL,
                      PRIMARY KEY (user_id, topic_id))"""),
            List.of(
                    "ALTER TABLE profiles ADD COLUMN background TEXT CHECK (length(background) <= 200)",
                    "ALTER TABLE profiles ADD COLUMN experience_years INTEGER CHECK (experience_years BETWEEN 0 AND 60)"),
            List.of("""
                    CREATE TABLE inbox (
                      update_id INTEGER PRIMARY KEY,
                      chat_id INTEGER NOT NULL,
                      user_id INTEGER NOT NULL,
                      payload TEXT NOT NULL,
                      received_at TEXT NOT NULL,
                      answered_at TEXT)""",
                    "CREATE INDEX inbox_unanswered ON inbox (answered_at, update_id)",
                    "CREATE INDEX inbox_user ON inbox (user_id)",
                    "CREATE TABLE bot_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            List.of(
                    "ALTER TABLE inbox ADD COLUMN reply TEXT",
                    "ALTER TABLE inbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0 CHECK (parts_sent >= 0)",
                    // Answered rows kept before v4 still named their sender; from now on they do not.
                    "UPDATE inbox SET chat_id = 0, user_id = 0 WHERE answered_at IS NOT NULL"),
            List.of("ALTER TABLE inbox ADD COLUMN starts INTEGER NOT NULL DEFAULT 0"),
            List.of("""
                    CREATE TABLE dialogue (
                      user_id INTEGER NOT NULL,
                      chat_id INTEGER NOT NULL,
                      seq INTEGER NOT NULL,
                      at_ms INTEGER NOT NULL,
                      turn TEXT NOT NULL,
                      PRIMARY KEY (user_id, chat_id, seq))""",
                    "CREATE INDEX dialogue_age ON dialogue (at_ms)"),
            List.of("""
                    CREATE TABLE answers (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      user_id INTEGER NOT NULL,
                      chat_id INTEGER NOT NULL,
                      question TEXT NOT NULL,
                      grounded INTEGER NOT NULL CHECK (grounded IN (0, 1)),
                      at_ms INTEGER NOT NULL)""",
                    "CREATE INDEX answers_age ON answers (at_ms)",
                    "CREATE INDEX answers_user ON answers (user_id)", """
                    CREATE TABLE votes (
                      answer_id INTEGER NOT NULL,
                      user_id INTEGER NOT NULL,
                      chat_id INTEGER NOT NULL,
                      helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
                      at_ms INTEGER NOT NULL,
                      comment TEXT CHECK (length(comment) <= 1000),
                      comment_asked INTEGER NOT NULL DEFAULT 0 CHECK (comment_asked IN (0, 1)),
                      comment_wanted_at_ms INTEGER,
                      PRIMARY KEY (answer_id, user_id))""",
                    "CREATE INDEX votes_user ON votes (user_id)"),
            List.of("""
                    CREATE TABLE reminders (
                      user_id INTEGER PRIMARY KEY,
                      chat_id INTEGER NOT NULL,
                      weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
                      minute_of_day INTEGER NOT NULL CHECK (minute_of_day BETWEEN 0 AND 1439),
                      offset_minutes INTEGER NOT NULL CHECK (offset_minutes BETWEEN -720 AND 840),
                      next_at_ms INTEGER NOT NULL)""",
                    "CREATE INDEX reminders_due ON reminders (next_at_ms)"));

    public static final int SCHEMA_VERSION = MIGRATIONS.size();

    /** Reads through the connection. */
    public interface Query<T> {
        T run(Connection db) throws SQLException;
    }

    /** Writes through the connection, inside a transaction. */
    public interface Work {
        void run(Connection db) throws SQLException;
    }

    private final Connection db;
    private final Path file;
    /** People erased whose updates the journal has not let go of yet. */
    private final Set<Long> erased = new HashSet<>();
    private final DatabaseTime time = new DatabaseTime();
    /** Why the last write failed, until one succeeds: a full or read-only disk fails writes, not reads. */
    private volatile @Nullable String writeProblem;

    private SqliteDatabase(Connection db, Path file) {
        this.db = db;
        this.file = file;
    }

    /**
     * Opens (creating if needed, readable by its owner only) the database in {@code dataDir} and brings
     * its schema up to date; the WAL and shared-memory files SQLite makes beside it take its permissions.
     */
    public static SqliteDatabase open(Path dataDir) {
        Path file = DataDir.prepare(dataDir).resolve(FILE);
        try {
            DataDir.createPrivateFile(file);
        } catch (IOException e) {
            throw new ConfigException("the profile database '" + file + "' cannot be created (" + e + ") (set "
                    + Settings.DATA_DIR + ")");
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            SqliteDatabase database = new SqliteDatabase(connection, file);
            database.configure();
            database.migrate();
            return database;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ConfigException("the profile database '" + file + "' cannot be opened: " + e.getMessage()
                    + " (move it away to start afresh, or set " + Settings.DATA_DIR + ")");
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the open already failed; that failure is the one to report
            }
        }
    }

    private void configure() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                rs.next();
            }
            s.execute("PRAGMA synchronous = NORMAL");
            // Deleted rows are overwritten with zeros, not left in free space: see erase().
            s.execute("PRAGMA secure_delete = ON");
            // Reading one page proves the file is a SQLite database before anything is written, and a
            // quick check finds damaged pages now, at start-up, not in the middle of a conversation.
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
            }
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check(1)")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new SQLException("the file is damaged (" + verdict + ")");
                }
            }
        }
    }

    public synchronized int schemaVersion() {
        return read("reading the schema version", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private void migrate() throws SQLException {
        int version = schemaVersion();
        if (version > SCHEMA_VERSION) {
            throw new SQLException("schema version " + version + " is newer than this program's " + SCHEMA_VERSION);
        }
        for (int v = version; v < SCHEMA_VERSION; v++) {
            int target = v + 1;
            inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : MIGRATIONS.get(target - 1)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + target);
                }
            });
        }
    }

    /** Runs a read; a failure names what was being done and the file. */
    public synchronized <T> T read(String doing, Query<T> query) {
        long start = System.nanoTime();
        try {
            return query.run(db);
        } catch (SQLException e) {
            throw failure(doing, e);
        } finally {
            time.read(System.nanoTime() - start);
        }
    }

    /** Runs a write in one transaction, rolled back whole if any of it fails. */
    public synchronized void write(String doing, Work work) {
        long start = System.nanoTime();
        try {
            inTransaction(work);
            writeProblem = null;
        } catch (SQLException e) {
            // What SQLite says and the advice only: what was being done may name a person.
            writeProblem = "the last write to '" + file + "' failed: " + e.getMessage() + advice(e);
            throw failure(doing, e);
        } finally {
            time.write(System.nanoTime() - start);
        }
    }

    /** Reads and writes run so far, and the time they took. */
    public DatabaseTime time() {
        return time;
    }

    /**
     * Why the database cannot serve the bot now, on one line, or empty if it answers a trivial query and
     * its last write (if any) went through: a full or read-only disk shows only in writes.
     */
    public Optional<String> problem() {
        String problem;
        try {
            read("checking the database answers", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            });
            problem = writeProblem;
        } catch (RuntimeException e) {
            problem = "the database does not answer: " + e.getMessage();
        }
        return Optional.ofNullable(problem).map(p -> p.replaceAll("\\s+", " ").strip());
    }

    /**
     * Runs {@code work} between BEGIN IMMEDIATE (the write lock taken up front, so a second process on
     * the file waits its turn instead of failing mid-way) and COMMIT. The transaction is spelled out
     * rather than left to JDBC's auto-commit switch: after a full disk SQLite has already rolled back,
     * and JDBC's own rollback and switch back then fail, hide the real error and leave the connection
     * unable to write again.
     */
    private void inTransaction(Work work) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                work.run(db);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollback(s, e);
                throw e;
            }
        }
    }

    private static void rollback(Statement s, Exception cause) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // After SQLITE_FULL and a few others SQLite rolled back itself and nothing is left to undo.
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * Deletes a person's rows ({@code work}) and scrubs the files of them: secure_delete zeroed what the
     * rows held, and the WAL, which still holds the pages as they were before, is copied into the file
     * and emptied. The person's updates still in the journal (the one asking to be forgotten among
     * them) are scrubbed the same way once answered: see {@link #scrubIfErased}.
     */
    public synchronized void erase(String doing, long userId, Work work) {
        write(doing, work);
        erased.add(userId);
        scrub(doing);
    }

    /**
     * The journal dropped the text and sender of the last update of {@code userId} it held: if that
     * person was erased, the files are scrubbed again, so the old copies of those rows go too.
     */
    public synchronized void scrubIfErased(long userId) {
        if (erased.remove(userId)) {
            scrub("scrubbing the journal of user " + userId);
        }
    }

    private void scrub(String doing) {
        read(doing, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                // While another process reads, the WAL cannot be emptied now; a later checkpoint does it.
                return rs.next();
            }
        });
    }

    private IllegalStateException failure(String doing, SQLException e) {
        return new IllegalStateException(doing + " in '" + file + "' failed: " + e.getMessage() + advice(e), e);
    }

    /** What the operator can do about the errors that are the disk's, not the program's. */
    private static String advice(SQLException e) {
        return switch (e.getErrorCode() & 0xff) {
            case 13 -> " (the disk of the data dir is full: free space there, or set " + Settings.DATA_DIR
                    + " to a disk with room)";
            case 8 -> " (the data dir cannot be written: make it writable for this user, or set "
                    + Settings.DATA_DIR + " to a folder that is)";
            default -> "";
        };
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("closing the database", e);
        }
    }
}
