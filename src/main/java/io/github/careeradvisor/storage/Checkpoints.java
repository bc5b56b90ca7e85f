package io.github.careeradvisor.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.JDBC;

/**
 * Copies the SQLite file's write-ahead log back into the file on a thread of its own. By default SQLite
 * does it inside the commit that takes the log past 1,000 pages, so whoever was asking then waited for
 * the copy and its two fsyncs (5–10 ms here, about one turn in a hundred, and once 170 ms).
 * {@link SqliteDatabase} turns that off and calls {@link #written} after each write; this thread then
 * waits {@link #AFTER} (more writes join the same copy) and runs the same passive checkpoint on a
 * connection of its own, which waits for no reader or writer and is never waited for. The log holds
 * about a second of writes, and a bot with nothing to write copies nothing.
 */
final class Checkpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    /** How long after a write its copy starts. */
    static final Duration AFTER = Duration.ofSeconds(1);

    private final Path file;
    private final long afterNanos;
    /** Held while a checkpoint runs: {@link SqliteDatabase}'s scrub must not meet this thread's. */
    final ReentrantLock running = new ReentrantLock();
    private final Object signal = new Object();
    /** Guarded by {@link #signal}: something was written since the last copy began. */
    private boolean wanted;
    private boolean closed;
    /** Started at the first write: a command that reads and exits needs none. */
    private @Nullable Thread thread;
    private @Nullable Connection connection;
    private volatile long done;

    Checkpoints(Path file, Duration after) {
        this.file = file;
        this.afterNanos = after.toNanos();
    }

    /** After a write: its pages are copied {@link #AFTER} from now, with whatever else is written meanwhile. */
    void written() {
        synchronized (signal) {
            if (wanted || closed) {
                return;
            }
            wanted = true;
            if (thread == null) {
                thread = new Thread(this::run, "sqlite-checkpoint");
                thread.setDaemon(true);
                thread.start();
            }
            signal.notifyAll();
        }
    }

    /** How many checkpoints this thread ran. */
    long done() {
        return done;
    }

    /** Whether the thread is running (it starts at the first write and stops at close). */
    boolean alive() {
        synchronized (signal) {
            return thread != null && thread.isAlive();
        }
    }

    private void run() {
        try {
            while (awaitWrite()) {
                running.lock();
                try {
                    checkpoint();
                } finally {
                    running.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a write, then {@link #AFTER} more; false once closed. */
    private boolean awaitWrite() throws InterruptedException {
        synchronized (signal) {
            while (!wanted && !closed) {
                signal.wait();
            }
            long end = System.nanoTime() + afterNanos;
            for (long left = afterNanos; left > 0 && !closed; left = end - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
            wanted = false; // what is written from now on is for the next copy
            return !closed;
        }
    }

    private void checkpoint() {
        try {
            if (connection == null) {
                connection = JDBC.createConnection("jdbc:sqlite:" + file, new Properties());
                try (Statement s = connection.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 5000"); // for opening; the checkpoint itself never waits
                }
            }
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                rs.next();
            }
            done++;
        } catch (SQLException e) {
            // The writes that follow meet the same disk and report it; this one is only the log's copy.
            LOG.warn("copying the write-ahead log into '{}' failed: {}", file, e.getMessage());
        }
    }

    /**
     * Stops the thread, after the copy it is running if any. Whatever is still in the log is copied when
     * the last connection to the file closes, as SQLite always does.
     */
    @Override
    public void close() {
        Thread started;
        synchronized (signal) {
            closed = true;
            started = thread;
            signal.notifyAll();
        }
        if (started != null) {
            try {
                started.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.lock();
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.warn("closing the checkpoint connection to '{}' failed: {}", file, e.getMessage());
        } finally {
            connection = null;
            running.unlock();
        }
    }
}
