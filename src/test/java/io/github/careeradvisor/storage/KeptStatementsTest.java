package io.github.careeradvisor.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;

/** The kept statements on a real SQLite file: reused, reset between uses, never shared by two uses at once. */
class KeptStatementsTest {

    @TempDir
    Path tmp;

    private Connection real;
    private KeptStatements kept;
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        real = JDBC.createConnection("jdbc:sqlite:" + tmp.resolve("t.db"), new Properties());
        try (Statement s = real.createStatement()) {
            s.execute("CREATE TABLE t (n INTEGER)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
        }
        kept = new KeptStatements(real);
        c = kept.connection();
    }

    @AfterEach
    void close() throws SQLException {
        kept.close();
        real.close();
    }

    @Test
    void a_text_prepared_again_after_its_close_gets_the_same_statement_with_its_parameters_cleared() throws SQLException {
        PreparedStatement first;
        try (PreparedStatement p = c.prepareStatement("SELECT ?")) {
            first = p;
            p.setInt(1, 42);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT ?")) {
            assertSame(first, p);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertNull(rs.getObject(1), "the last use's 42 is not bound any more");
            }
        }
        assertEquals(1, kept.size());
    }

    @Test
    void the_same_text_prepared_inside_its_own_loop_gets_a_statement_of_its_own() throws SQLException {
        List<Integer> pairs = new ArrayList<>();
        try (PreparedStatement outer = c.prepareStatement("SELECT n FROM t WHERE n >= ? ORDER BY n")) {
            outer.setInt(1, 2);
            try (ResultSet rs = outer.executeQuery()) {
                while (rs.next()) {
                    try (PreparedStatement inner = c.prepareStatement("SELECT n FROM t WHERE n >= ? ORDER BY n")) {
                        assertNotSame(outer, inner);
                        inner.setInt(1, 3);
                        try (ResultSet in = inner.executeQuery()) {
                            assertTrue(in.next());
                            pairs.add(rs.getInt(1) * 10 + in.getInt(1));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(23, 33), pairs, "the outer rows went on undisturbed");
    }

    @Test
    void closing_the_statement_closes_the_rows_a_caller_left_open() throws SQLException {
        ResultSet left;
        try (PreparedStatement p = c.prepareStatement("SELECT n FROM t")) {
            left = p.executeQuery();
            assertTrue(left.next());
        }
        assertTrue(left.isClosed());
        // No read is held open: another connection can empty the log completely.
        try (Statement s = real.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("INSERT INTO t VALUES (4)");
        }
        try (Connection other = JDBC.createConnection("jdbc:sqlite:" + tmp.resolve("t.db"), new Properties());
                Statement s = other.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1), "the checkpoint was not blocked by a reader");
        }
    }

    @Test
    void a_closed_use_cannot_run_and_says_so_and_its_close_twice_is_harmless() throws SQLException {
        PreparedStatement p = c.prepareStatement("SELECT 1");
        p.close();
        p.close();
        assertTrue(p.isClosed());
        assertThrows(SQLException.class, p::executeQuery);
        try (PreparedStatement again = c.prepareStatement("SELECT 1"); ResultSet rs = again.executeQuery()) {
            assertFalse(again.isClosed());
            assertTrue(rs.next());
        }
    }

    @Test
    void a_batch_left_unrun_is_not_run_by_the_next_use() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?)")) {
            p.setInt(1, 99);
            p.addBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?)")) {
            p.setInt(1, 5);
            p.addBatch();
            assertEquals(1, p.executeBatch().length);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT group_concat(n) FROM t")) {
            assertTrue(rs.next());
            assertEquals("1,2,3,5", rs.getString(1));
        }
    }

    @Test
    void past_the_limit_the_least_used_texts_are_closed() throws SQLException {
        List<PreparedStatement> uses = new ArrayList<>();
        for (int i = 0; i < KeptStatements.KEPT + 5; i++) {
            try (PreparedStatement p = c.prepareStatement("SELECT " + i)) {
                uses.add(p);
            }
        }
        assertEquals(KeptStatements.KEPT, kept.size());
        try (PreparedStatement p = c.prepareStatement("SELECT 0")) {
            assertNotSame(uses.get(0), p, "the first text was let go and prepared anew");
        }
        try (PreparedStatement p = c.prepareStatement("SELECT " + (KeptStatements.KEPT + 4))) {
            assertSame(uses.get(KeptStatements.KEPT + 4), p, "the last text is still kept");
        }
    }

    @Test
    void other_calls_reach_the_connection_and_the_statement_names_the_connection_it_came_from() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1")) {
            assertSame(c, p.getConnection());
        }
        assertTrue(c.getAutoCommit());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            assertTrue(rs.next());
            assertEquals(3, rs.getInt(1));
        }
    }
}
