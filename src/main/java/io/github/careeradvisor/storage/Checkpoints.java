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
 * {@link SqliteDatabase} moves SQLite's own copy out to 10,000 pages, a backstop, and calls
 * {@link #written} after each write; this thread then waits {@link #AFTER} (more writes join the same
 * copy) and runs a passive checkpoint on a connection of its own, which waits for no reader or writer
 * and is never waited for. The log then starts over from its first page at the next write, but the
 * file keeps its length, and its later pages their old contents: so {@link #EMPTY_EVERY} after the
 * last time it did (or after the start), once something was copied, a copy also cuts the file to
 * nothing, whether or not more was written (a truncating checkpoint, which holds writers back for the
 * few milliseconds it takes, and gives up at once if a reader or writer is in the way, to try again a
 * {@link #AFTER} later); and a scrub that found the log in use ({@link #emptySoon}) is tried again here
 * until it succeeds.
 */
final class Checkpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    /** How long after a write its copy starts. */
    static final Duration AFTER = Duration.ofSeconds(1);
    /** How long after the log file was last cut to nothing it is cut again, if anything was copied meanwhile. */
    static final Duration EMPTY_EVERY = Duration.ofMinutes(1);

    private final Path file;
    private final long afterNanos;
    private final long emptyEveryNanos;
    /** Held while a checkpoint runs: {@link SqliteDatabase}'s scrub must not meet this thread's. */
    final ReentrantLock running = new ReentrantLock();
    private final Object signal = new Object();
    // Guarded by signal:
    /** Something was written since the last copy began. */
    private boolean wanted;
    /** The log file may hold old pages: a copy since it was last cut to nothing, or a scrub that could not cut it. */
    private boolean dirty;
    /** When the log file is next cut to nothing, if dirty: a copy at or after it empties the file. */
    private long emptyAt;
    private boolean closed;
    /** Started at the first write: a command that reads and exits needs none. */
    private @Nullable Thread thread;
    // Only the thread's, or under running:
    private @Nullable Connection connection;
    private volatile long done;
    private volatile long emptied;

    Checkpoints(Path file, Duration after, Duration emptyEvery) {
        this.file = file;
        this.afterNanos = after.toNanos();
        this.emptyEveryNanos = emptyEvery.toNanos();
        this.emptyAt = System.nanoTime() + emptyEveryNanos;
    }

    /** After a write: its pages are copied {@link #AFTER} from now, with whatever else is written meanwhile. */
    void written() {
        synchronized (signal) {
            if (wanted || closed) {
                return;
            }
            wanted = true;
            wake();
        }
    }

    /**
     * A scrub found the log in use by another process's reader: this thread empties it as soon as that
     * reader lets it, trying every {@link #AFTER}.
     */
    void emptySoon() {
        synchronized (signal) {
            dirty = true;
            emptyAt = System.nanoTime();
            wake();
        }
    }

    /** Under {@link #signal}. */
    private void wake() {
        if (closed) {
            return;
        }
        if (thread == null) {
            thread = new Thread(this::run, "sqlite-checkpoint");
            thread.setDaemon(true);
            thread.start();
        }
        signal.notifyAll();
    }

    /** How many checkpoints this thread ran. */
    long done() {
        return done;
    }

    /** How many of them cut the log file to nothing. */
    long emptied() {
        return emptied;
    }

    /** Whether the thread is running (it starts at the first write and stops at close). */
    boolean alive() {
        synchronized (signal) {
            return thread != null && thread.isAlive();
        }
    }

    private void run() {
        try {
            while (true) {
                boolean empty;
                synchronized (signal) {
                    if (!awaitWork()) {
                        return;
                    }
                    empty = dirty && System.nanoTime() - emptyAt >= 0 || emptyEveryNanos == 0;
                }
                boolean complete;
                running.lock();
                try {
                    complete = checkpoint(empty);
                } finally {
                    running.unlock();
                }
                synchronized (signal) {
                    long now = System.nanoTime();
                    if (empty && complete) {
                        dirty = false;
                        emptyAt = now + emptyEveryNanos;
                    } else {
                        dirty = true;
                        if (empty) {
                            emptyAt = now + afterNanos; // someone was in the way: again shortly
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Under {@link #signal}: waits for a write and then {@link #AFTER} more, or for the time to empty
     * the log file; false once closed.
     */
    private boolean awaitWork() throws InterruptedException {
        while (!wanted && !closed) {
            if (!dirty) {
                signal.wait();
                continue;
            }
            long left = emptyAt - System.nanoTime();
            if (left <= 0) {
                return true; // nothing written since, but the file is to be emptied
            }
            TimeUnit.NANOSECONDS.timedWait(signal, left);
        }
        long end = System.nanoTime() + afterNanos;
        for (long left = afterNanos; left > 0 && !closed; left = end - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(signal, left);
        }
        wanted = false; // what is written from now on is for the next copy
        return !closed;
    }

    /** One checkpoint; true if nothing was in the way (SQLite's "busy" column is 0). */
    private boolean checkpoint(boolean empty) {
        try {
            if (connection == null) {
                // No busy timeout (the driver's default is 3 s): a truncating checkpoint holds the write lock
                // while it waits for readers, so it gives up at once rather than hold the bot's writes back.
                Properties properties = new Properties();
                properties.setProperty("busy_timeout", "0");
                connection = JDBC.createConnection("jdbc:sqlite:" + file, properties);
            }
            boolean complete = run(connection, empty ? "TRUNCATE" : "PASSIVE");
            if (empty && complete) {
                emptied++;
            }
            done++; // last: whoever sees this copy counted sees whether it emptied the log too
            return complete;
        } catch (SQLException | RuntimeException e) {
            // The writes that follow meet the same disk and report it; this is only the log's copy, tried
            // again after the next write on a new connection.
            LOG.warn("copying the write-ahead log into '{}' failed: {}", file, e.getMessage());
            closeConnection();
            return false;
        }
    }

    /**
     * Runs one checkpoint of {@code mode} (PASSIVE, TRUNCATE) on {@code c}: true if nothing was in the
     * way (SQLite's "busy" column is 0), so every frame was copied and, for TRUNCATE, the file cut.
     */
    static boolean run(Connection c, String mode) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() && rs.getInt(1) == 0;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("closing the checkpoint connection to '{}' failed: {}", file, e.getMessage());
            }
            connection = null;
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
        if (started == null) {
            return;
        }
        try {
            started.join(TimeUnit.SECONDS.toMillis(10));
            if (running.tryLock(10, TimeUnit.SECONDS)) {
                try {
                    closeConnection();
                } finally {
                    running.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
