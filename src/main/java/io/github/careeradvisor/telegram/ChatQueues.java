package io.github.careeradvisor.telegram;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs work for many chats in parallel on a small pool, and each chat's work in the order it came:
 * one slow answer holds up only its own chat. A task may finish later than it returns (a reply waiting
 * for its turn to be sent): the chat's next task starts when it completes, while the pool's threads
 * serve other chats meanwhile.
 */
final class ChatQueues {

    private final ExecutorService pool;
    private final int maxPerChat;
    private final Map<Long, CompletableFuture<Void>> tails = new HashMap<>();
    private final Map<Long, Integer> pending = new HashMap<>();

    ChatQueues(int threads) {
        this(threads, Integer.MAX_VALUE);
    }

    ChatQueues(int threads, int maxPerChat) {
        this.maxPerChat = maxPerChat;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chat-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Tasks one chat may have waiting: beyond them {@link #submitAsync} refuses. */
    int maxPerChat() {
        return maxPerChat;
    }

    /** Queues work that is done when it returns. */
    boolean submit(long chatId, Runnable task) {
        return submitAsync(chatId, () -> {
            task.run();
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * Queues {@code task} behind everything already queued for {@code chatId}; the chat's next task
     * waits for the stage it returns. False, and nothing queued, if that chat already has its maximum
     * waiting.
     */
    synchronized boolean submitAsync(long chatId, Supplier<? extends CompletionStage<Void>> task) {
        int waiting = pending.getOrDefault(chatId, 0);
        if (waiting >= maxPerChat) {
            return false;
        }
        pending.put(chatId, waiting + 1);
        CompletableFuture<Void> tail = tails.getOrDefault(chatId, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = tail.<Void>thenComposeAsync(ignored -> task.get(), pool)
                .exceptionally(e -> null);
        tails.put(chatId, next);
        next.whenComplete((ok, e) -> done(chatId, next));
        return true;
    }

    /** Runs what is given to it on the pool after {@code nanos}, without holding a thread meanwhile. */
    Executor after(long nanos) {
        return nanos <= 0 ? pool : CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, pool);
    }

    private synchronized void done(long chatId, CompletableFuture<Void> finished) {
        tails.remove(chatId, finished);
        pending.computeIfPresent(chatId, (id, n) -> n <= 1 ? null : n - 1);
    }

    /** Stops taking work and waits up to {@code timeout} for what is queued; true if all of it ran. */
    boolean drain(long timeout, TimeUnit unit) throws InterruptedException {
        CompletableFuture<?>[] pending;
        synchronized (this) {
            pending = tails.values().toArray(CompletableFuture<?>[]::new);
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        try {
            CompletableFuture.allOf(pending).get(timeout, unit);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // fall through: report below whether everything finished
        }
        pool.shutdown();
        return pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                && java.util.Arrays.stream(pending).allMatch(CompletableFuture::isDone);
    }
}
