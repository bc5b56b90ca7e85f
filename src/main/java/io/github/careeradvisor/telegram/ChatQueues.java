package io.github.careeradvisor.telegram;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work for many chats in parallel on a small pool, and each chat's work in the order it came:
 * one slow answer holds up only its own chat.
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

    /**
     * Queues {@code task} behind everything already queued for {@code chatId}; false, and nothing
     * queued, if that chat already has its maximum waiting.
     */
    synchronized boolean submit(long chatId, Runnable task) {
        int waiting = pending.getOrDefault(chatId, 0);
        if (waiting >= maxPerChat) {
            return false;
        }
        pending.put(chatId, waiting + 1);
        CompletableFuture<Void> tail = tails.getOrDefault(chatId, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = tail.thenRunAsync(task, pool).exceptionally(e -> null);
        tails.put(chatId, next);
        next.whenComplete((ok, e) -> done(chatId, next));
        return true;
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
