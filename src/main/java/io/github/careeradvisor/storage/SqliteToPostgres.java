package io.github.careeradvisor.storage;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Copies the data dir's SQLite database into PostgreSQL, for an operator whose bot moves up to a shared
 * database (README, "Moving from SQLite to PostgreSQL"). Both are at the newest schema (opening them
 * migrated them), so every table has the same columns in both. The whole copy is one PostgreSQL
 * transaction: the target's tables are locked against writers, checked empty (or emptied, when asked to
 * replace what they hold), filled from one consistent read of the file, the identity of {@code answers.id}
 * moved past every id SQLite ever gave, and each table's count checked against the file's before the
 * commit; any failure leaves the target as it was. The file is only read.
 */
public final class SqliteToPostgres {

    /** Every table of the schema, in the order copied; each database keeps its own schema history. */
    static final List<String> TABLES = List.of("profiles", "topic_progress", "dialogue", "answers", "votes",
            "reminders", "inbox", "bot_state", "send_slots", "question_times", "question_windows");
    /** Rows sent to PostgreSQL in one round trip. */
    private static final int BATCH = 500;

    private final SqliteDatabase from;
    private final PostgresDatabase to;

    public SqliteToPostgres(SqliteDatabase from, PostgresDatabase to) {
        this.from = from;
        this.to = to;
    }

    /**
     * What was copied, from where to where (as messages name them, no password): the rows of each table,
     * in {@link #TABLES} order, and the id the next answer noted in PostgreSQL gets.
     */
    public record Copied(String from, String to, Map<String, Long> rows, long nextAnswerId) {
        public Copied {
            rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }

        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }

        /** What the command prints: a line per table, then the total. */
        public String summary() {
            StringBuilder text = new StringBuilder("Copied " + from + " into " + to + ":\n");
            rows.forEach((table, n) -> text.append(String.format(java.util.Locale.ROOT, "  %-16s%8d%n", table, n)));
            text.append(String.format(java.util.Locale.ROOT, "  %-16s%8d rows, each table's count checked in "
                    + "PostgreSQL; the next answer is numbered %d%n", "in all", total(), nextAnswerId));
            return text.toString();
        }
    }

    /**
     * Copies every table. A target that holds any row already is refused with a {@link ConfigException}
     * naming the tables and what they hold, nothing written, unless {@code replace}: then what it holds is
     * deleted first, in the same transaction. Rows are never merged: ids of two databases would collide.
     */
    public Copied copy(boolean replace) {
        Map<String, Long> copied = new LinkedHashMap<>();
        long[] nextAnswerId = new long[1];
        to.write("copying " + from.describe() + " into it", pg -> {
            copied.clear(); // a retry after a lost connection starts over
            try (Statement s = pg.createStatement()) {
                // Writers (a bot already started on the target) wait for the commit; readers do not.
                s.execute("LOCK TABLE " + String.join(", ", TABLES) + " IN EXCLUSIVE MODE");
            }
            Map<String, Long> held = counts(pg);
            held.values().removeIf(n -> n == 0);
            if (!held.isEmpty() && !replace) {
                throw new ConfigException(to.describe() + " already holds data (" + describe(held) + "), named by "
                        + Settings.DATABASE_URL + ": nothing was copied. Point " + Settings.DATABASE_URL
                        + " at an empty database, or run again with --replace to delete what it holds and copy anew");
            }
            for (String table : held.keySet()) {
                try (Statement s = pg.createStatement()) {
                    s.executeUpdate("DELETE FROM " + table);
                }
            }
            Map<String, Long> inFile;
            try {
                inFile = read(pg, copied, nextAnswerId);
            } catch (TargetFailure e) {
                throw (SQLException) e.getCause();
            }
            try (PreparedStatement p = pg.prepareStatement(
                    "SELECT setval(pg_get_serial_sequence('answers', 'id'), ?, false)")) {
                p.setLong(1, Math.max(nextAnswerId[0], maxAnswerId(pg) + 1));
                p.executeQuery().close();
            }
            Map<String, Long> inTarget = counts(pg);
            if (!inTarget.equals(inFile) || !copied.equals(inFile)) {
                throw new IllegalStateException("the counts do not match after copying (" + from.describe() + ": "
                        + describe(inFile) + "; copied: " + describe(copied) + "; " + to.describe() + ": "
                        + describe(inTarget) + "), so nothing was copied");
            }
        });
        return new Copied(from.describe(), to.describe(), copied, nextAnswerId[0]);
    }

    /** Copies every table in one read of the file; the rows of each table in the file, as of that read. */
    private Map<String, Long> read(Connection pg, Map<String, Long> copied, long[] nextAnswerId) {
        return from.read("reading every table to copy", sqlite -> {
            try (Statement s = sqlite.createStatement()) {
                // One read transaction: every table as of one moment, whatever else uses the file.
                s.execute("BEGIN");
                try {
                    for (String table : TABLES) {
                        copied.put(table, copyTable(sqlite, pg, table));
                    }
                    nextAnswerId[0] = nextAnswerId(sqlite);
                    return counts(sqlite);
                } finally {
                    s.execute("COMMIT");
                }
            }
        });
    }

    /** Streams one table's rows from the file into PostgreSQL, column by column by name; how many rows. */
    private static long copyTable(Connection sqlite, Connection pg, String table) throws SQLException {
        long rows = 0;
        try (Statement read = sqlite.createStatement(); ResultSet rs = read.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                names.add(columns.getColumnName(i));
            }
            try (Inserts inserts = new Inserts(pg, table, names)) {
                while (rs.next()) {
                    Object[] row = new Object[names.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    inserts.add(row);
                    rows++;
                }
                inserts.flush();
            }
        }
        return rows;
    }

    /**
     * A failure of PostgreSQL met while reading the file: carried out of the file's read (which would name
     * the file) to be PostgreSQL's again, retried if the connection was lost.
     */
    private static final class TargetFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TargetFailure(SQLException cause) {
            super(cause);
        }
    }

    /** The inserts into one PostgreSQL table, {@value #BATCH} rows a round trip; its failures are {@link TargetFailure}s. */
    private static final class Inserts implements AutoCloseable {

        private final PreparedStatement insert;
        private final int[] types;
        private int pending;

        Inserts(Connection pg, String table, List<String> columns) {
            String list = String.join(", ", columns);
            try (Statement s = pg.createStatement();
                    ResultSet rs = s.executeQuery("SELECT " + list + " FROM " + table + " WHERE false")) {
                types = new int[columns.size()];
                for (int i = 0; i < types.length; i++) {
                    types[i] = rs.getMetaData().getColumnType(i + 1);
                }
                insert = pg.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
                        + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")");
            } catch (SQLException e) {
                throw new TargetFailure(e);
            }
        }

        void add(Object[] row) {
            try {
                for (int i = 0; i < types.length; i++) {
                    if (row[i] == null) {
                        insert.setNull(i + 1, types[i]);
                    } else {
                        // SQLite's values are typed by the value (1 may come as Integer or Long): PostgreSQL's
                        // column says what to send.
                        insert.setObject(i + 1, row[i], types[i]);
                    }
                }
                insert.addBatch();
                if (++pending == BATCH) {
                    flush();
                }
            } catch (SQLException e) {
                throw new TargetFailure(e);
            }
        }

        void flush() {
            try {
                if (pending > 0) {
                    insert.executeBatch();
                    pending = 0;
                }
            } catch (SQLException e) {
                throw new TargetFailure(e);
            }
        }

        @Override
        public void close() {
            try {
                insert.close();
            } catch (SQLException e) {
                throw new TargetFailure(e);
            }
        }
    }

    /**
     * The id SQLite would give the next answer: past every id it ever gave, the deleted ones too (its
     * AUTOINCREMENT never takes one again), so a vote button on a forgotten answer never names a new one.
     */
    private static long nextAnswerId(Connection sqlite) throws SQLException {
        try (Statement s = sqlite.createStatement(); ResultSet rs = s.executeQuery("SELECT max(n) FROM (SELECT seq AS n "
                + "FROM sqlite_sequence WHERE name = 'answers' UNION ALL SELECT max(id) FROM answers)")) {
            return (rs.next() ? rs.getLong(1) : 0) + 1;
        }
    }

    private static long maxAnswerId(Connection pg) throws SQLException {
        try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM answers")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The rows of every table, in {@link #TABLES} order. */
    static Map<String, Long> counts(Connection db) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = db.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static String describe(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
