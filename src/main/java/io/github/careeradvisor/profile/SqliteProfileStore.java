package io.github.careeradvisor.profile;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Profiles in an embedded SQLite file under the data dir: WAL journal, every write in a transaction,
 * the schema versioned with {@code PRAGMA user_version} and migrated forward at start-up. One
 * connection serves every call, one call at a time; each call is a few milliseconds.
 */
public final class SqliteProfileStore implements ProfileStore, UpdateInbox {

    public static final String FILE = "advisor.db";

    /** Each entry moves the schema from version {@code index} to {@code index + 1}. */
    static final List<List<String>> MIGRATIONS = List.of(
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
            List.of("ALTER TABLE inbox ADD COLUMN starts INTEGER NOT NULL DEFAULT 0"));

    static final int SCHEMA_VERSION = MIGRATIONS.size();

    private final Connection db;
    private final Path file;

    private SqliteProfileStore(Connection db, Path file) {
        this.db = db;
        this.file = file;
    }

    /** Opens (creating if needed) the database in {@code dataDir} and brings its schema up to date. */
    public static SqliteProfileStore open(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new ConfigException("data dir '" + dataDir + "' cannot be created (" + e + ") (set "
                    + Settings.DATA_DIR + ")");
        }
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            SqliteProfileStore store = new SqliteProfileStore(db, file);
            store.configure();
            store.migrate();
            return store;
        } catch (SQLException e) {
            throw new ConfigException("the profile database '" + file + "' cannot be opened: " + e.getMessage()
                    + " (move it away to start afresh, or set " + Settings.DATA_DIR + ")");
        }
    }

    private void configure() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                rs.next();
            }
            s.execute("PRAGMA synchronous = NORMAL");
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

    int schemaVersion() {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw failure("reading the schema version", e);
        }
    }

    private void migrate() throws SQLException {
        int version = schemaVersion();
        if (version > SCHEMA_VERSION) {
            throw new SQLException("schema version " + version + " is newer than this program's " + SCHEMA_VERSION);
        }
        for (int v = version; v < SCHEMA_VERSION; v++) {
            int target = v + 1;
            inTransaction(() -> {
                try (Statement s = db.createStatement()) {
                    for (String sql : MIGRATIONS.get(target - 1)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + target);
                }
            });
        }
    }

    @Override
    public synchronized Profile load(long userId) {
        try {
            Map<String, TopicStatus> progress = new HashMap<>();
            try (PreparedStatement p = db.prepareStatement("SELECT topic_id, status FROM topic_progress WHERE user_id = ?")) {
                p.setLong(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        progress.put(rs.getString(1), TopicStatus.fromId(rs.getString(2)));
                    }
                }
            }
            try (PreparedStatement p = db.prepareStatement("SELECT level, background, experience_years, goal, cloud, "
                    + "hours_per_week FROM profiles WHERE user_id = ?")) {
                p.setLong(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return new Profile(userId, null, null, null, null, null, null, progress);
                    }
                    String level = rs.getString(1);
                    String cloud = rs.getString(5);
                    return new Profile(userId,
                            level == null ? null : Level.fromId(level),
                            rs.getString(2),
                            intOrNull(rs, 3),
                            rs.getString(4),
                            cloud == null ? null : Cloud.fromId(cloud),
                            intOrNull(rs, 6),
                            progress);
                }
            }
        } catch (SQLException e) {
            throw failure("reading the profile of user " + userId, e);
        }
    }

    @Override
    public void setLevel(long userId, Level level) {
        setColumns(userId, "level = ?", level.id());
    }

    @Override
    public void setCloud(long userId, Cloud cloud) {
        setColumns(userId, "cloud = ?", cloud.id());
    }

    @Override
    public void setGoal(long userId, String goal) {
        setColumns(userId, "goal = ?", clip(goal));
    }

    @Override
    public void setHours(long userId, int hoursPerWeek) {
        setColumns(userId, "hours_per_week = ?", hoursPerWeek);
    }

    @Override
    public void setBackground(long userId, String background, @Nullable Integer experienceYears) {
        if (experienceYears == null) {
            setColumns(userId, "background = ?", clip(background));
        } else {
            setColumns(userId, "background = ?, experience_years = ?", clip(background), experienceYears);
        }
    }

    @Override
    public synchronized void setTopic(long userId, String topicId, TopicStatus status) {
        inTransactionUnchecked("recording progress of user " + userId, () -> {
            try (PreparedStatement p = db.prepareStatement("INSERT INTO topic_progress (user_id, topic_id, status, "
                    + "updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, topic_id) DO UPDATE SET "
                    + "status = excluded.status, updated_at = excluded.updated_at")) {
                p.setLong(1, userId);
                p.setString(2, topicId);
                p.setString(3, status.id());
                p.setString(4, Instant.now().toString());
                p.executeUpdate();
            }
        });
    }

    @Override
    public synchronized boolean forget(long userId) {
        int[] deleted = new int[1];
        inTransactionUnchecked("deleting the data of user " + userId, () -> {
            for (String table : List.of("topic_progress", "profiles")) {
                try (PreparedStatement p = db.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?")) {
                    p.setLong(1, userId);
                    deleted[0] += p.executeUpdate();
                }
            }
            // The person's questions still waiting (this /forget among them) stay until answered, and
            // an answered update keeps neither its text nor who sent it.
        });
        return deleted[0] > 0;
    }

    /** Answered updates kept for spotting a repeat after a restart; older ones are pruned. */
    static final int KEEP_ANSWERED = 10_000;

    @Override
    public synchronized long nextOffset() {
        try (PreparedStatement p = db.prepareStatement("SELECT value FROM bot_state WHERE key = 'offset'");
                ResultSet rs = p.executeQuery()) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        } catch (SQLException e) {
            throw failure("reading the update offset", e);
        }
    }

    @Override
    public synchronized List<Received> receive(List<Received> batch, long nextOffset) {
        List<Received> fresh = new java.util.ArrayList<>();
        inTransactionUnchecked("storing " + batch.size() + " updates", () -> {
            try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO inbox (update_id, chat_id, user_id, "
                    + "payload, received_at) VALUES (?, ?, ?, ?, ?)")) {
                for (Received r : batch) {
                    p.setLong(1, r.updateId());
                    p.setLong(2, r.chatId());
                    p.setLong(3, r.userId());
                    p.setString(4, r.payload());
                    p.setString(5, Instant.now().toString());
                    if (p.executeUpdate() == 1) {
                        fresh.add(r);
                    }
                }
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO bot_state (key, value) VALUES ('offset', ?) "
                    + "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE CAST(value AS INTEGER) < CAST(excluded.value AS INTEGER)")) {
                p.setString(1, Long.toString(nextOffset));
                p.executeUpdate();
            }
        });
        return fresh;
    }

    @Override
    public synchronized void replying(long updateId, String reply) {
        inTransactionUnchecked("storing the reply to update " + updateId, () -> {
            try (PreparedStatement p = db.prepareStatement(
                    "UPDATE inbox SET reply = ?, parts_sent = 0 WHERE update_id = ? AND answered_at IS NULL")) {
                p.setString(1, reply);
                p.setLong(2, updateId);
                p.executeUpdate();
            }
        });
    }

    @Override
    public synchronized void sent(long updateId, int partsSent, boolean all) {
        if (all) {
            answered(updateId);
            return;
        }
        inTransactionUnchecked("recording a sent part of the reply to update " + updateId, () -> {
            try (PreparedStatement p = db.prepareStatement(
                    "UPDATE inbox SET parts_sent = ? WHERE update_id = ? AND answered_at IS NULL")) {
                p.setInt(1, partsSent);
                p.setLong(2, updateId);
                p.executeUpdate();
            }
        });
    }

    @Override
    public synchronized void answered(long updateId) {
        inTransactionUnchecked("marking update " + updateId + " answered", () -> {
            try (PreparedStatement p = db.prepareStatement("UPDATE inbox SET answered_at = ?, payload = '', "
                    + "reply = NULL, chat_id = 0, user_id = 0 WHERE update_id = ? AND answered_at IS NULL")) {
                p.setString(1, Instant.now().toString());
                p.setLong(2, updateId);
                p.executeUpdate();
            }
            if (updateId % 500 == 0) {
                try (PreparedStatement p = db.prepareStatement("DELETE FROM inbox WHERE answered_at IS NOT NULL AND "
                        + "update_id < (SELECT max(update_id) FROM inbox) - ?")) {
                    p.setLong(1, KEEP_ANSWERED);
                    p.executeUpdate();
                }
            }
        });
    }

    @Override
    public synchronized List<Unanswered> unanswered() {
        try {
            return selectUnanswered();
        } catch (SQLException e) {
            throw failure("reading the unanswered updates", e);
        }
    }

    @Override
    public synchronized List<Unanswered> resume() {
        List<Unanswered> out = new java.util.ArrayList<>();
        inTransactionUnchecked("taking up the unanswered updates", () -> {
            try (Statement s = db.createStatement()) {
                s.executeUpdate("UPDATE inbox SET starts = starts + 1 WHERE answered_at IS NULL");
            }
            out.addAll(selectUnanswered());
        });
        return out;
    }

    private List<Unanswered> selectUnanswered() throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT update_id, chat_id, user_id, payload, reply, parts_sent, "
                + "starts FROM inbox WHERE answered_at IS NULL ORDER BY update_id"); ResultSet rs = p.executeQuery()) {
            List<Unanswered> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(new Unanswered(new Received(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)),
                        rs.getString(5), rs.getInt(6), rs.getInt(7)));
            }
            return out;
        }
    }

    /** Creates the person's row if needed and sets the given columns, in one transaction. */
    private synchronized void setColumns(long userId, String assignments, Object... values) {
        inTransactionUnchecked("updating the profile of user " + userId, () -> {
            try (PreparedStatement p = db.prepareStatement(
                    "INSERT INTO profiles (user_id, updated_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING")) {
                p.setLong(1, userId);
                p.setString(2, Instant.now().toString());
                p.executeUpdate();
            }
            try (PreparedStatement p = db.prepareStatement(
                    "UPDATE profiles SET " + assignments + ", updated_at = ? WHERE user_id = ?")) {
                int i = 1;
                for (Object value : values) {
                    p.setObject(i++, value);
                }
                p.setString(i++, Instant.now().toString());
                p.setLong(i, userId);
                p.executeUpdate();
            }
        });
    }

    private static @Nullable Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static String clip(String text) {
        String clean = text.strip();
        return clean.length() <= Profile.MAX_TEXT ? clean : clean.substring(0, Profile.MAX_TEXT);
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private void inTransactionUnchecked(String doing, Work work) {
        try {
            inTransaction(work);
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    private IllegalStateException failure(String doing, SQLException e) {
        return new IllegalStateException(doing + " in '" + file + "' failed: " + e.getMessage(), e);
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
