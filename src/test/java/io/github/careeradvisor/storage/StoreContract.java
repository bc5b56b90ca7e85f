package io.github.careeradvisor.storage;

import io.github.careeradvisor.config.SharedDatabase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a store's contract tests stand on: the database they run on, whichever kind it is (a SQLite file
 * in a temporary data dir, or a fresh database on the embedded PostgreSQL), opened again within a test as
 * a restart would, and its rows read and changed raw through the {@link Database} itself, as an operator's
 * SQL client would.
 */
public abstract class StoreContract {

    /** The two kinds of database a contract runs on, a subclass each. */
    public enum Kind { SQLITE, POSTGRESQL }

    /** The data dir of the SQLite file (empty for PostgreSQL). */
    @TempDir
    protected Path data;

    private final Kind kind;
    /** Created by the first {@link #open()} of a PostgreSQL test: every test has its own database. */
    private SharedDatabase postgres;

    protected StoreContract(Kind kind) {
        this.kind = kind;
    }

    /** Opens the same database the test began with: its first call creates it, later ones reopen it. */
    protected final Database open() {
        if (kind == Kind.SQLITE) {
            return SqliteDatabase.open(data);
        }
        if (postgres == null) {
            postgres = TestPostgres.freshDatabase();
        }
        return PostgresDatabase.open(postgres);
    }

    /** The one number {@code sql} (a {@code SELECT count(*) …}) gives in {@code database}. */
    public static long count(Database database, String sql) {
        return database.read("counting: " + sql, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The same, in the database opened again for this one query (the stores under test may be closed). */
    protected final long count(String sql) {
        try (Database database = open()) {
            return count(database, sql);
        }
    }

    /** Runs one change ({@code UPDATE …}) in {@code database}; how many rows it changed. */
    public static int update(Database database, String sql) {
        int[] changed = new int[1];
        database.write("changing: " + sql, c -> {
            try (Statement s = c.createStatement()) {
                changed[0] = s.executeUpdate(sql);
            }
        });
        return changed[0];
    }

    /** The rows {@code sql} gives in {@code database}, in its order, each as its values joined by spaces. */
    public static List<String> rows(Database database, String sql) {
        return database.read("reading: " + sql, c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        values.add(String.valueOf(rs.getObject(i)));
                    }
                    rows.add(String.join(" ", values));
                }
            }
            return rows;
        });
    }
}
