package io.github.careeradvisor.replicas;

import io.github.careeradvisor.storage.Database;
import io.github.careeradvisor.storage.HeldLock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replica polls Telegram: the one holding the database's polling lock (README, "Run at scale").
 * The others try again every {@link #CHECK}; the lock of a replica that dies goes with its connection,
 * so another polls within {@code CHECK} of that (the README promises 15 s). The leader checks every
 * {@code CHECK} that it still holds the lock: a restarted server took it away. With SQLite there is one
 * process, which leads at once.
 */
public final class PollingLeader {

    private static final Logger LOG = LoggerFactory.getLogger(PollingLeader.class);

    public static final Duration CHECK = Duration.ofSeconds(5);
    static final String LOCK = "telegram-polling";

    private final Database database;
    private final Duration check;
    private @Nullable HeldLock lock;
    private long checkedAt;
    private boolean leads;

    public PollingLeader(Database database) {
        this(database, CHECK);
    }

    PollingLeader(Database database, Duration check) {
        this.database = database;
        this.check = check;
    }

    /**
     * Waits until this process holds the lock (true), or {@code stop} says to stop waiting (false). A
     * database that does not answer is tried again at the next check.
     */
    public boolean awaitLeadership(BooleanSupplier stop) {
        boolean waiting = false;
        while (!stop.getAsBoolean()) {
            Optional<HeldLock> taken;
            try {
                taken = database.tryLock(LOCK);
            } catch (RuntimeException e) {
                LOG.warn("cannot ask the database who polls: {}", e.getMessage());
                taken = Optional.empty();
            }
            if (taken.isPresent()) {
                synchronized (this) {
                    lock = taken.get();
                    leads = true;
                    checkedAt = System.nanoTime();
                }
                if (database.shared()) {
                    LOG.info("this replica polls Telegram now");
                }
                return true;
            }
            if (!waiting) {
                LOG.info("another replica polls Telegram; this one answers and stands by to take over");
                waiting = true;
            }
            if (!pause(stop)) {
                return false;
            }
        }
        return false;
    }

    private boolean pause(BooleanSupplier stop) {
        long until = System.nanoTime() + check.toNanos();
        while (System.nanoTime() < until) {
            if (stop.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Whether this process still leads: the lock is checked against the database at most every {@link #CHECK}. */
    public synchronized boolean leads() {
        HeldLock held = lock;
        if (held == null || !leads) {
            return false;
        }
        if (System.nanoTime() - checkedAt >= check.toNanos()) {
            checkedAt = System.nanoTime();
            leads = held.held();
            if (!leads) {
                LOG.warn("this replica lost the polling lock (the database restarted?); it stops polling until it "
                        + "takes the lock again");
            }
        }
        return leads;
    }

    /** Lets the lock go: another replica may poll now. */
    public synchronized void resign() {
        HeldLock held = lock;
        lock = null;
        leads = false;
        if (held != null) {
            held.close();
        }
    }
}
