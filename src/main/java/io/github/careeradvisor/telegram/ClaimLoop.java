package io.github.careeradvisor.telegram;

import io.github.careeradvisor.inbox.UpdateInbox;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a replica takes its share of the updates when several answer from one inbox (README, "Run at
 * scale"): it claims updates ready to be answered (each the next of its chat) as it has room for them,
 * holds each claim under a lease it renews while it works, and looks again as soon as one is done,
 * when an update arrives through this replica, or every {@link #IDLE_MILLIS} for what the others
 * stored. A replica that dies stops renewing: its updates are claimed by another once the lease runs out.
 */
final class ClaimLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimLoop.class);

    /** How long a claim lasts unless renewed: a dead replica's updates wait this long at most. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How often claims being worked on are renewed. */
    static final Duration RENEW = LEASE.dividedBy(3);
    /** How often an idle replica looks for updates another one stored. */
    static final long IDLE_MILLIS = 200;

    /** Takes a claimed update; calls {@code done} once it is answered or given up. */
    interface Taker {
        void take(UpdateInbox.Unanswered update, Runnable done);
    }

    private final UpdateInbox inbox;
    private final String owner;
    private final int capacity;
    private final Duration lease;
    private final Set<Long> working = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private @Nullable Thread thread;
    private @Nullable ScheduledExecutorService renewer;

    /** @param capacity updates this replica works on at once, at most */
    ClaimLoop(UpdateInbox inbox, String owner, int capacity) {
        this(inbox, owner, capacity, LEASE);
    }

    ClaimLoop(UpdateInbox inbox, String owner, int capacity, Duration lease) {
        this.inbox = inbox;
        this.owner = owner;
        this.capacity = capacity;
        this.lease = lease;
    }

    synchronized void start(Taker taker) {
        if (running) {
            return;
        }
        running = true;
        // A replica restarted under the same name (a container keeps its host name and pid) takes back at
        // once what its last life held, instead of waiting for those leases to run out.
        letGo();
        Thread loop = new Thread(() -> loop(taker), "inbox-claims");
        loop.setDaemon(true);
        thread = loop;
        loop.start();
        ScheduledExecutorService renewing = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inbox-claims-renew");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.dividedBy(3).toMillis());
        renewing.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        renewer = renewing;
    }

    /** Looks for updates now: one was stored, or one of this replica's was answered. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop(Taker taker) {
        int failures = 0;
        while (running) {
            List<UpdateInbox.Unanswered> claimed = List.of();
            int room = capacity - working.size();
            if (room > 0) {
                try {
                    claimed = inbox.claim(owner, room, lease);
                    failures = 0;
                } catch (RuntimeException e) {
                    failures++;
                    LOG.warn("claiming updates failed ({} in a row): {}", failures, e.getMessage());
                    sleep(BotApi.backoffMillis(failures));
                    continue;
                }
            }
            for (UpdateInbox.Unanswered u : claimed) {
                long id = u.update().updateId();
                working.add(id);
                try {
                    taker.take(u, () -> {
                        working.remove(id);
                        wake();
                    });
                } catch (RuntimeException e) {
                    working.remove(id); // not taken: the lease runs out and it is claimed again
                    LOG.error("update {} could not be taken up: {}", id, e.getClass().getName());
                }
            }
            if (claimed.isEmpty() || working.size() >= capacity) {
                awaitWork();
            }
        }
    }

    private void awaitWork() {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(IDLE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private void renew() {
        try {
            inbox.renew(owner, Set.copyOf(working), lease);
        } catch (RuntimeException e) {
            LOG.warn("renewing {} claims failed: {}", working.size(), e.getMessage());
        }
    }

    /** Updates this replica holds claims on and works on now. */
    int working() {
        return working.size();
    }

    /** Claims nothing more; what is being answered goes on (see {@link #release}). */
    void stop() {
        synchronized (this) {
            running = false;
        }
        wake();
        Thread loop = thread;
        if (loop != null) {
            try {
                loop.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lets go of the claims left unanswered, once the answers in flight had their time: another replica takes them now. */
    void release() {
        ScheduledExecutorService renewing = renewer;
        if (renewing != null) {
            renewing.shutdownNow(); // renewed until now: the answers in flight kept their claims while they drained
        }
        letGo();
    }

    private void letGo() {
        try {
            inbox.release(owner);
        } catch (RuntimeException e) {
            LOG.warn("letting go of this replica's claims failed; they are taken over when their lease runs out: {}",
                    e.getMessage());
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
