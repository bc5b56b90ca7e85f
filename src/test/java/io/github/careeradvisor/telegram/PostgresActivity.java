package io.github.careeradvisor.telegram;

import io.github.careeradvisor.config.SharedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the replicas' PostgreSQL sessions are doing, sampled from {@code pg_stat_activity} while the probe
 * runs: how many sessions are busy at once on average, and which statements and waits take the time. The
 * replica probe's look into where an answer's database time goes. Statements show with their
 * placeholders, never the values.
 */
final class PostgresActivity implements AutoCloseable {

    private static final long EVERY_MILLIS = 20;
    private static final int STATEMENT_CHARS = 60;
    /** Kinds of wait fewer sessions than this spent their time in are not worth a word. */
    private static final double SHOWN_SESSIONS = 0.01;

    /** One kind of work seen: a statement's start and what it waited on, if anything. */
    record Seen(String statement, String waiting, double averageSessions) {
    }

    private final Connection connection;
    private final Thread sampling;
    private final Map<List<String>, Integer> seen = new HashMap<>();
    private int samples;
    private volatile boolean running = true;

    private PostgresActivity(Connection connection) {
        this.connection = connection;
        this.sampling = new Thread(this::sample, "pg-activity");
        sampling.setDaemon(true);
    }

    /** Starts sampling the sessions of {@code database} other than its own. */
    static PostgresActivity watch(SharedDatabase database) throws SQLException {
        PostgresActivity activity = new PostgresActivity(DriverManager.getConnection(database.url(), database.user(),
                database.password()));
        activity.sampling.start();
        return activity;
    }

    private void sample() {
        // A transaction whose client is between statements shows as "idle in transaction", its last statement
        // as the query: the locks it took are held while the bot works (or waits for a core).
        String sql = "SELECT query, CASE WHEN state = 'active' THEN COALESCE(wait_event_type || ':' || wait_event, "
                + "'running') ELSE state END FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            while (running) {
                try (ResultSet rs = p.executeQuery()) {
                    synchronized (this) {
                        samples++;
                        while (rs.next()) {
                            String statement = rs.getString(1).replaceAll("\\s+", " ").strip();
                            seen.merge(List.of(statement.substring(0, Math.min(STATEMENT_CHARS, statement.length())),
                                    rs.getString(2)), 1, Integer::sum);
                        }
                    }
                }
                Thread.sleep(EVERY_MILLIS);
            }
        } catch (SQLException e) {
            System.err.println("sampling pg_stat_activity stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sessions running a statement or inside a transaction at once, on average over the samples. */
    synchronized double averageActive() {
        return samples == 0 ? 0 : seen.values().stream().mapToInt(Integer::intValue).sum() / (double) samples;
    }

    /** The {@code n} kinds of work seen most, most first. */
    synchronized List<Seen> top(int n) {
        return seen.entrySet().stream().sorted(Map.Entry.<List<String>, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> new Seen(e.getKey().get(0), e.getKey().get(1), e.getValue() / (double) Math.max(1, samples)))
                .toList();
    }

    /** Sessions on average by what they were doing: running, waiting on a lock (by kind), idle in a transaction, … */
    synchronized Map<String, Double> byWaiting() {
        Map<String, Double> by = new java.util.TreeMap<>();
        seen.forEach((kind, count) -> by.merge(kind.get(1), count / (double) Math.max(1, samples), Double::sum));
        return by;
    }

    /** {@link #byWaiting} and {@link #top} as one line for the report. */
    String summary(int n) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%.2f sessions busy at once on average (",
                averageActive()));
        s.append(String.join(", ", byWaiting().entrySet().stream()
                .filter(e -> e.getValue() >= SHOWN_SESSIONS).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).toList()));
        s.append(String.format(Locale.ROOT, ", each under %.2f left out); the statements seen most: ", SHOWN_SESSIONS));
        s.append(String.join("; ", top(n).stream().map(w -> String.format(Locale.ROOT, "`%s…` %s %.2f",
                w.statement(), w.waiting(), w.averageSessions())).toList()));
        return s.toString();
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        running = false;
        sampling.join(1_000);
        connection.close();
    }
}
