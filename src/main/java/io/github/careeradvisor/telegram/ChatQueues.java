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
    private final Map<Long, CompletableFuture<Void>> tails = new HashMap<>();

    ChatQueues(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chat-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code task} behind everything already queued for {@code chatId}. */
    synchronized void submit(long chatId, Runnable task) {
        CompletableFuture<Void> tail = tails.getOrDefault(chatId, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = tail.thenRunAsync(task, pool).exceptionally(e -> null);
        tails.put(chatId, next);
        next.whenComplete((ok, e) -> forget(chatId, next));
    }

    private synchronized void forget(long chatId, CompletableFuture<Void> done) {
        tails.remove(chatId, done);
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
