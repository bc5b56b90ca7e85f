package io.github.careeradvisor.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The database file read directly, as an operator's sqlite3 would: what is really stored, not what the code says. */
public final class DatabaseFile {

    private DatabaseFile() {
    }

    /** The one number {@code sql} (a {@code SELECT count(*) …}) gives on the file in {@code dataDir}. */
    public static long count(Path dataDir, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteDatabase.FILE));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
