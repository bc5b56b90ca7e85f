package io.github.careeradvisor.storage;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;
import org.sqlite.JDBC;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file under the data dir that holds the profiles and the bot's update journal (the default
 * {@link Database}): WAL journal, the schema migrated forward when opened ({@link Migrations}, its
 * version mirrored in {@code PRAGMA user_version} so an older release refuses a newer file), and
 * a quick check for damaged pages when opened, deleted content overwritten with zeros (see {@link #erase}).
 * One connection serves every call, one call at a time
 * (each well under a millisecond), its prepared statements kept open ({@link KeptStatements}); every
 * write is one transaction, and the log is copied back into the file off the writers' path
 * ({@link Checkpoints}). Whoever opens it closes it; the stores built on it ({@code SqlProfileStore},
 * {@code SqlInbox}) share it.
 */
public final class SqliteDatabase implements Database {

    public static final String FILE = "advisor.db";
    /** Past this many pages in the log (40 MB) a commit copies it back itself, as SQLite does past 1,000 by default. */
    static final int BACKSTOP_PAGES = 10_000;
    /** How long a write waits for another process's (`ask` beside the bot). */
    static final int BUSY_TIMEOUT_MS = 5000;

    private final Connection db;
    /** What the stores are handed: {@link #db} with its prepared statements kept open. */
    private final KeptStatements statements;
    private final Checkpoints checkpoints;
    private final Path file;
    /** People erased whose updates the journal has not let go of yet. */
    private final Set<Long> erased = new HashSet<>();
    private final DatabaseTime time = new DatabaseTime();
    /** Why the last write failed, until one succeeds: a full or read-only disk fails writes, not reads. */
    private volatile @Nullable String writeProblem;

    private SqliteDatabase(Connection db, Path file, Duration checkpointAfter, Duration emptyEvery) {
        this.db = db;
        this.statements = new KeptStatements(db);
        this.checkpoints = new Checkpoints(file, checkpointAfter, emptyEvery);
        this.file = file;
    }

    /**
     * Opens (creating if needed, readable by its owner only) the database in {@code dataDir} and brings
     * its schema up to date; the WAL and shared-memory files SQLite makes beside it take its permissions.
     */
    public static SqliteDatabase open(Path dataDir) {
        return open(dataDir, Checkpoints.AFTER, Checkpoints.EMPTY_EVERY);
    }

    /**
     * The same, its write-ahead log copied back {@code checkpointAfter} after a write and its file cut to
     * nothing at most every {@code emptyEvery} (see {@link Checkpoints}).
     */
    static SqliteDatabase open(Path dataDir, Duration checkpointAfter, Duration emptyEvery) {
        Path file = DataDir.prepare(dataDir).resolve(FILE);
        try {
            DataDir.createPrivateFile(file);
        } catch (IOException e) {
            throw new ConfigException("the profile database '" + file + "' cannot be created (" + e + ") (set "
                    + Settings.DATA_DIR + ")");
        }
        SqliteLibrary.beforeFirstUse(dataDir);
        Connection connection = null;
        try {
            // The driver itself, not DriverManager, which first loads and starts every JDBC driver on the classpath.
            Properties properties = new Properties();
            // The driver would otherwise run "SELECT last_insert_rowid()", a statement parsed anew and left
            // open, after every INSERT; the stores read what they need with RETURNING.
            properties.setProperty("jdbc.get_generated_keys", "false");
            connection = JDBC.createConnection("jdbc:sqlite:" + file, properties);
            SqliteDatabase database = new SqliteDatabase(connection, file, checkpointAfter, emptyEvery);
            database.configure();
            database.migrate();
            return database;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ConfigException("the profile database '" + file + "' cannot be opened: " + e.getMessage()
                    + " (move it away to start afresh, or set " + Settings.DATA_DIR + ")");
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Opens the database in {@code dataDir} as {@link #open} does, but only if its file is there: for
     * reading one that must exist (README, "Moving from SQLite to PostgreSQL"). A missing file is a
     * {@link ConfigException} naming it and the setting; nothing is created.
     */
    public static SqliteDatabase openExisting(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new ConfigException("there is no profile database '" + file + "' (set " + Settings.DATA_DIR
                    + " to the data dir that holds " + FILE + ")");
        }
        return open(dataDir);
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
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                rs.next();
            }
            s.execute("PRAGMA synchronous = NORMAL");
            // The log is copied back into the file on a thread of its own (Checkpoints), not in an answer's
            // commit; SQLite's own copy only if that thread falls far behind.
            s.execute("PRAGMA wal_autocheckpoint = " + BACKSTOP_PAGES);
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

    @Override
    public synchronized int schemaVersion() {
        return read("reading the schema version", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /**
     * Migrates the schema to the newest version. A file from before Flyway (its version only in
     * {@code PRAGMA user_version}) is baselined at that version; the version is written back to
     * {@code user_version} for releases that read only that.
     */
    private void migrate() throws SQLException {
        int version = schemaVersion();
        if (version > Migrations.LATEST) {
            // Not "move it away": the file is fine, only this program is too old for it.
            throw new ConfigException("the profile database '" + file + "' has schema version " + version
                    + ", newer than this program's " + Migrations.LATEST + " (a newer release wrote it): run that "
                    + "release, or set " + Settings.DATA_DIR + " to another data dir; the file was left as it is");
        }
        boolean history = read("looking for the schema history", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                p.setString(1, Migrations.HISTORY);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (history && version == Migrations.LATEST) {
            // user_version is written only once Flyway has migrated to LATEST: nothing to do, and starting
            // Flyway to find that out took about 0.3 s of every start (README, "Performance"). What is given
            // up: Flyway's check that the applied migrations' files were not edited since, which released
            // migrations never are.
            return;
        }
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        source.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            Migrations.migrate(source, Dialect.SQLITE, history ? 0 : version);
        } catch (FlywayException e) {
            throw new SQLException("migrating its schema failed: " + e.getMessage(), e);
        }
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA user_version = " + Migrations.LATEST);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    /** One process has the file (README, "One bot per data dir"): the lock is always its. */
    @Override
    public Optional<HeldLock> tryLock(String name) {
        return Optional.of(new HeldLock() {
            @Override
            public boolean held() {
                return true;
            }

            @Override
            public void close() {
                // nothing was taken
            }
        });
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public String describe() {
        return "the SQLite file '" + file + "'";
    }

    @Override
    public synchronized <T> T read(String doing, Query<T> query) {
        long start = System.nanoTime();
        try {
            return query.run(statements.connection());
        } catch (SQLException e) {
            throw failure(doing, e);
        } finally {
            time.read(System.nanoTime() - start);
        }
    }

    @Override
    public synchronized void write(String doing, Work work) {
        long start = System.nanoTime();
        try {
            inTransaction(work);
            writeProblem = null;
            checkpoints.written();
        } catch (SQLException e) {
            // What SQLite says and the advice only: what was being done may name a person.
            writeProblem = "the last write to '" + file + "' failed: " + e.getMessage() + advice(e);
            throw failure(doing, e);
        } finally {
            time.write(System.nanoTime() - start);
        }
    }

    /** How many times the log was copied back into the file off the writers' path. */
    long checkpoints() {
        return checkpoints.done();
    }

    /** How many of those also cut the log file to nothing. */
    long emptiedLogs() {
        return checkpoints.emptied();
    }

    /** Whether the thread that copies it runs now. */
    boolean checkpointing() {
        return checkpoints.alive();
    }

    @Override
    public DatabaseTime time() {
        return time;
    }

    /**
     * Why the database cannot serve the bot now, on one line, or empty if it answers a trivial query and
     * its last write (if any) went through: a full or read-only disk shows only in writes.
     */
    @Override
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
        Connection c = statements.connection();
        execute(c, "BEGIN IMMEDIATE");
        try {
            work.run(c);
            execute(c, "COMMIT");
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw e;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.execute();
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            execute(c, "ROLLBACK");
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
    @Override
    public synchronized void erase(String doing, long userId, Work work) {
        write(doing, work);
        erased.add(userId);
        scrub(doing);
    }

    /**
     * The journal dropped the text and sender of the last update of {@code userId} it held: if that
     * person was erased, the files are scrubbed again, so the old copies of those rows go too.
     */
    @Override
    public synchronized void scrubIfErased(long userId) {
        if (erased.remove(userId)) {
            scrub("scrubbing the journal of user " + userId);
        }
    }

    private void scrub(String doing) {
        checkpoints.running.lock(); // not beside the background checkpoint, which would make this one busy
        try {
            boolean emptied = read(doing, c -> {
                try (Statement s = c.createStatement()) {
                    // Not waiting for another process's reader: that would hold every writer back meanwhile.
                    s.execute("PRAGMA busy_timeout = 0");
                    try {
                        return Checkpoints.run(c, "TRUNCATE");
                    } finally {
                        s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                    }
                }
            });
            if (!emptied) {
                // Another process reads: the checkpoint thread empties the log as soon as it lets it.
                checkpoints.emptySoon();
            }
        } finally {
            checkpoints.running.unlock();
        }
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
            checkpoints.close();
            statements.close();
            db.close();
        } catch (SQLException e) {
            throw failure("closing the database", e);
        }
    }
}
