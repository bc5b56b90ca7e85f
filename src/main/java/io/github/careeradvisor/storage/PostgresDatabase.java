package io.github.careeradvisor.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.config.SharedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database several replicas of the bot share (README, "Run at scale"): a HikariCP pool of
 * connections, the schema migrated by Flyway when opened (replicas starting together take turns on
 * Flyway's lock), every write one transaction. While the server is unreachable (a restart, a failover)
 * reads and writes wait for it, retried for up to {@link #OUTAGE}, instead of failing the answer at hand.
 */
public final class PostgresDatabase implements Database {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    /** How long a read or write waits for an unreachable server before it fails. */
    static final Duration OUTAGE = Duration.ofSeconds(60);
    /** How long opening waits for the server before the start is given up. */
    static final Duration FIRST_CONNECTION = Duration.ofSeconds(5);
    static final int POOL_SIZE = 8;

    private final HikariDataSource pool;
    private final SharedDatabase settings;
    private final DatabaseTime time = new DatabaseTime();
    private final Duration outage;
    private volatile @Nullable String writeProblem;

    private PostgresDatabase(HikariDataSource pool, SharedDatabase settings, Duration outage) {
        this.pool = pool;
        this.settings = settings;
        this.outage = outage;
    }

    /**
     * Connects to the database {@code settings} names and migrates its schema. A server that does not
     * answer within {@link #FIRST_CONNECTION}, refused credentials or a failed migration stop the start
     * with a {@link DatabaseUnavailableException} naming {@code ADVISOR_DATABASE_URL} (the password masked).
     */
    public static PostgresDatabase open(SharedDatabase settings) {
        return open(settings, OUTAGE);
    }

    static PostgresDatabase open(SharedDatabase settings, Duration outage) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("advisor-db");
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(FIRST_CONNECTION.toMillis());
        config.setInitializationFailTimeout(FIRST_CONNECTION.toMillis());
        config.setValidationTimeout(2_000);
        config.setDataSourceProperties(driverProperties("career-advisor"));
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            throw unavailable(settings, "cannot be reached", e);
        }
        try {
            Migrations.migrate(pool, Dialect.POSTGRESQL, 0);
            PostgresDatabase database = new PostgresDatabase(pool, settings, outage);
            int version = database.schemaVersion();
            if (version > Migrations.LATEST) {
                throw new ConfigException(Settings.DATABASE_URL + " '" + settings.safeUrl() + "' holds schema version "
                        + version + ", newer than this program's " + Migrations.LATEST
                        + " (a newer release wrote it): run that release, or point " + Settings.DATABASE_URL
                        + " elsewhere");
            }
            LOG.info("state kept in PostgreSQL at '{}' (schema version {})", settings.safeUrl(), version);
            return database;
        } catch (FlywayException | IllegalStateException e) {
            pool.close();
            throw unavailable(settings, "cannot be migrated", e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static DatabaseUnavailableException unavailable(SharedDatabase settings, String what, Exception e) {
        String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
        return new DatabaseUnavailableException(Settings.DATABASE_URL + " '" + settings.safeUrl() + "': the database "
                + what + ": " + SharedDatabase.mask(String.valueOf(cause)).replaceAll("\\s+", " ").strip()
                + " (check that PostgreSQL runs there and " + Settings.DATABASE_USER + " and "
                + Settings.DATABASE_PASSWORD + " are right, or unset " + Settings.DATABASE_URL
                + " to use SQLite in " + Settings.DATA_DIR + ")");
    }

    @Override
    public <T> T read(String doing, Query<T> query) {
        long start = System.nanoTime();
        try {
            return withRetry(doing, c -> {
                c.setAutoCommit(true);
                return query.run(c);
            });
        } finally {
            time.read(System.nanoTime() - start);
        }
    }

    @Override
    public void write(String doing, Work work) {
        long start = System.nanoTime();
        try {
            withRetry(doing, c -> {
                c.setAutoCommit(false);
                try {
                    work.run(c);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    rollback(c, e);
                    throw e;
                }
                return null;
            });
            writeProblem = null;
        } catch (RuntimeException e) {
            writeProblem = "the last write failed: " + String.valueOf(e.getMessage());
            throw e;
        } finally {
            time.write(System.nanoTime() - start);
        }
    }

    /**
     * Runs {@code call} on a pooled connection; while the server cannot be reached it waits and tries
     * again, up to {@link #outage}. A transaction that failed with the connection was rolled back by the
     * server, so running it again is safe; any other error fails at once.
     */
    private <T> T withRetry(String doing, Query<T> call) {
        long deadline = System.nanoTime() + outage.toNanos();
        long pause = 100;
        while (true) {
            try (Connection c = pool.getConnection()) {
                return call.run(c);
            } catch (SQLException e) {
                if (!connectionLost(e) || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw failure(doing, e);
                }
                LOG.warn("the database does not answer ({}); trying again in {} ms", e.getSQLState(), pause);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(doing + " was interrupted while the database did not answer", e);
            }
            pause = Math.min(pause * 2, 2_000);
        }
    }

    /** Errors of the connection, not of the statement: the server down, restarting or unreachable. */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03"));
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private IllegalStateException failure(String doing, SQLException e) {
        return new IllegalStateException(doing + " in PostgreSQL at '" + settings.safeUrl() + "' failed: "
                + SharedDatabase.mask(String.valueOf(e.getMessage())), e);
    }

    /** PostgreSQL keeps no copy to scrub beside its tables that a delete leaves readable to the bot; vacuum reclaims the space. */
    @Override
    public void erase(String doing, long userId, Work work) {
        write(doing, work);
    }

    @Override
    public void scrubIfErased(long userId) {
        // nothing kept beside the tables: see erase
    }

    @Override
    public Optional<String> problem() {
        String problem;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            problem = writeProblem;
        } catch (SQLException | RuntimeException e) {
            problem = "the database does not answer: " + SharedDatabase.mask(String.valueOf(e.getMessage()));
        }
        return Optional.ofNullable(problem).map(p -> p.replaceAll("\\s+", " ").strip());
    }

    @Override
    public DatabaseTime time() {
        return time;
    }

    @Override
    public int schemaVersion() {
        return read("reading the schema version", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT version FROM " + Migrations.HISTORY + " WHERE success");
                    ResultSet rs = p.executeQuery()) {
                int newest = 0;
                while (rs.next()) {
                    String v = rs.getString(1);
                    if (v != null && v.matches("\\d+")) {
                        newest = Math.max(newest, Integer.parseInt(v));
                    }
                }
                return newest;
            }
        });
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public String describe() {
        return "PostgreSQL at '" + settings.safeUrl() + "'";
    }

    /**
     * A session advisory lock ({@code pg_try_advisory_lock}) keyed by {@code name}'s hash, on a connection
     * of its own outside the pool: PostgreSQL frees it when that connection closes, which the death of this
     * process does at once.
     */
    @Override
    public Optional<HeldLock> tryLock(String name) {
        Connection c = null;
        try {
            c = java.sql.DriverManager.getConnection(settings.url(), credentials());
            try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                p.setLong(1, lockKey(name));
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        c.close();
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new AdvisoryLock(c));
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the failure below is the one to report
                }
            }
            throw failure("taking the lock '" + name + "'", e);
        }
    }

    /** The lock's key: a stable 64-bit number from its name, the same in every replica. */
    static long lockKey(String name) {
        long h = 1125899906842597L;
        for (char ch : ("career-advisor:" + name).toCharArray()) {
            h = 31 * h + ch;
        }
        return h;
    }

    private static final class AdvisoryLock implements HeldLock {
        private final Connection connection;

        AdvisoryLock(Connection connection) {
            this.connection = connection;
        }

        @Override
        public boolean held() {
            try {
                return connection.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            try {
                connection.close(); // the session ends, and its advisory locks with it
            } catch (SQLException e) {
                LOG.warn("closing the lock's connection failed: {}", e.getSQLState());
            }
        }
    }

    /** The lock's connection: the pool's driver settings and credentials, under a name of its own. */
    private java.util.Properties credentials() {
        java.util.Properties p = driverProperties("career-advisor lock");
        if (settings.user() != null) {
            p.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            p.setProperty("password", settings.password());
        }
        return p;
    }

    /**
     * What every connection tells the driver: give up connecting after 5 s, keep the socket alive so a
     * server gone quiet is noticed, and show as {@code application} in {@code pg_stat_activity}.
     */
    private static java.util.Properties driverProperties(String application) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("connectTimeout", "5");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", application);
        return p;
    }

    @Override
    public void close() {
        pool.close();
    }
}
