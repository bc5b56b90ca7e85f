package io.github.careeradvisor.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The database file read directly, as an operator's sqlite3 would: what is really stored, not what the code says. */
public final class DatabaseFile {

    /** The files whose bytes hold the data: the database and its write-ahead log. */
    public static final List<String> FILES = List.of(SqliteDatabase.FILE, SqliteDatabase.FILE + "-wal");

    private DatabaseFile() {
    }

    /** The statements of one of SQLite's migrations, {@code name} being its file under db/migration/sqlite. */
    public static List<String> migration(String name) throws IOException {
        try (var in = DatabaseFile.class.getResourceAsStream("/db/migration/sqlite/" + name)) {
            if (in == null) {
                throw new IOException("no migration " + name);
            }
            List<String> statements = new ArrayList<>();
            for (String sql : new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statements.add(sql.strip());
                }
            }
            return statements;
        }
    }

    /** The one number {@code sql} (a {@code SELECT count(*) …}) gives on the file in {@code dataDir}. */
    public static long count(Path dataDir, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteDatabase.FILE));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs one change ({@code UPDATE …}) on the file in {@code dataDir}, as another process would; how many rows it changed. */
    public static int update(Path dataDir, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteDatabase.FILE));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            return s.executeUpdate(sql);
        }
    }

    /**
     * Makes {@code database} find its disk full, or lifts that: SQLite's page limit set to the pages the
     * file has now, so the next write that needs a page gets a real SQLITE_FULL from the engine.
     */
    public static void diskFull(SqliteDatabase database, boolean full) {
        pragma(database, "max_page_count = " + (full ? 1 : 1_000_000_000));
    }

    /** Makes {@code database} refuse writes as a read-only file would (SQLITE_READONLY), or lifts that. */
    public static void readOnly(SqliteDatabase database, boolean readOnly) {
        pragma(database, "query_only = " + (readOnly ? "ON" : "OFF"));
    }

    private static void pragma(SqliteDatabase database, String pragma) {
        database.read("setting PRAGMA " + pragma, c -> {
            try (Statement s = c.createStatement()) {
                return s.execute("PRAGMA " + pragma);
            }
        });
    }

    /**
     * The files of {@code dataDir}'s database whose raw bytes hold any of {@code needles} anywhere, live
     * rows, free pages and old WAL frames alike, each named with what it holds.
     */
    public static List<String> holding(Path dataDir, List<byte[]> needles) throws IOException {
        List<String> found = new ArrayList<>();
        for (String name : FILES) {
            Path file = dataDir.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            for (byte[] needle : needles) {
                if (indexOf(bytes, needle) >= 0) {
                    found.add(name + " holds " + describe(needle));
                }
            }
        }
        return found;
    }

    /** A word as SQLite stores text (UTF-8). */
    public static byte[] text(String word) {
        return word.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A user id as it can lie in the files: its decimal text (the update's JSON), a 6-byte big-endian
     * integer (a column value; ids below 2^47) and a varint (a rowid, as the profiles' user_id is).
     */
    public static List<byte[]> id(long id) {
        if (id < 1L << 40 || id >= 1L << 47) {
            throw new IllegalArgumentException("use an id from 2^40 to 2^47, which SQLite stores in 6 bytes: " + id);
        }
        byte[] six = new byte[6];
        for (int i = 0; i < 6; i++) {
            six[i] = (byte) (id >>> (8 * (5 - i)));
        }
        return List.of(text(Long.toString(id)), six, varint(id));
    }

    private static byte[] varint(long value) {
        List<Byte> groups = new ArrayList<>();
        for (long v = value; v != 0 || groups.isEmpty(); v >>>= 7) {
            groups.add(0, (byte) (v & 0x7f));
        }
        byte[] out = new byte[groups.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (groups.get(i) | (i < out.length - 1 ? 0x80 : 0));
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String describe(byte[] needle) {
        String asText = new String(needle, StandardCharsets.UTF_8);
        return asText.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? "'" + asText + "'"
                : "bytes " + java.util.HexFormat.of().formatHex(needle);
    }
}
