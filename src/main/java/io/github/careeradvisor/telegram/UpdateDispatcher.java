package io.github.careeradvisor.telegram;

import io.github.careeradvisor.advisor.UsageStats;
import io.github.careeradvisor.inbox.UpdateInbox;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Answers stored updates, whoever fetched them (the poller today, a webhook later): chats in parallel
 * and each chat in order ({@link ChatQueues}), {@link Responder} deciding what to say and
 * {@link Delivery} sending it in the chat's turn. The reply is journaled before its first part goes,
 * so a restart sends the rest of it with the same words instead of composing it again.
 */
final class UpdateDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateDispatcher.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** Starts that may take up one unanswered update before it is given up as what crashes the bot. */
    static final int MAX_STARTS = 3;
    /** How long a stop waits for answers already being written. */
    static final long DRAIN_SECONDS = 8;
    static final String SORRY = "Sorry, something went wrong while I was answering that. Please ask again.";

    private final ChatQueues queues;
    private final Responder responder;
    private final Delivery delivery;
    private final UpdateInbox inbox;
    private final UsageStats stats;
    /** How this replica takes its share when several answer from one inbox; null when it answers alone. */
    private final @Nullable ClaimLoop claims;
    private volatile boolean stopping;

    /** {@code queues} are the ones {@code delivery} waits on for a chat's turn. */
    UpdateDispatcher(ChatQueues queues, Responder responder, Delivery delivery, UpdateInbox inbox, UsageStats stats) {
        this(queues, responder, delivery, inbox, stats, null);
    }

    /** @param claims how this replica claims updates when the inbox is shared (README, "Run at scale"); null alone */
    UpdateDispatcher(ChatQueues queues, Responder responder, Delivery delivery, UpdateInbox inbox, UsageStats stats,
            @Nullable ClaimLoop claims) {
        this.claims = claims;
        this.queues = queues;
        this.responder = responder;
        this.delivery = delivery;
        this.inbox = inbox;
        this.stats = stats;
    }

    /**
     * Queues what the last run left unanswered, oldest first: an update composed before the crash goes
     * on from its next unsent part. One that {@value #MAX_STARTS} starts took up and never finished is
     * given up with an error line, so it cannot keep the bot in a crash loop.
     */
    void resume() {
        ClaimLoop claiming = claims;
        if (claiming != null) {
            // Replicas: what any of them left unanswered is claimed like the rest, once its lease ran out.
            claiming.start(this::take);
            return;
        }
        List<UpdateInbox.Unanswered> leftOver = takeUp();
        if (!leftOver.isEmpty()) {
            LOG.info("answering {} updates left unanswered by the last run", leftOver.size());
        }
        for (UpdateInbox.Unanswered u : leftOver) {
            take(u, () -> { });
        }
    }

    /**
     * What the last run left unanswered, taken up again and again while the database refuses the write
     * (a full disk, a read-only data dir: README, "A full disk or a read-only data dir"), so a bad disk
     * at start delays the bot rather than stopping it; nothing if the bot stops first.
     */
    private List<UpdateInbox.Unanswered> takeUp() {
        // Once stopping, taken up now the updates would be counted as one more start and left.
        List<UpdateInbox.Unanswered> taken = UntilItWorks.run("taking up the unanswered updates", inbox::resume,
                () -> stopping, LOG);
        return taken == null ? List.of() : taken;
    }

    /**
     * Queues an update taken up from the journal (by a start, or claimed), going on from its next unsent
     * part; {@code done} runs once it is answered or given up. One that {@value #MAX_STARTS} starts or
     * claims took up and never finished is given up with an error line, so it cannot keep the bot in a
     * crash loop.
     */
    private void take(UpdateInbox.Unanswered u, Runnable done) {
        if (u.starts() > MAX_STARTS) {
            LOG.error("update {} in chat {} was taken up by {} starts and never finished; given up",
                    u.update().updateId(), u.update().chatId(), MAX_STARTS);
            try {
                inbox.answered(u.update().updateId());
            } finally {
                done.run();
            }
        } else {
            queue(u.update(), null, u.reply(), u.partsSent(), done);
        }
    }

    /**
     * Queues an update just stored in the inbox, {@code update} being it as read from Telegram. With
     * replicas it is claimed from the inbox instead, by whichever replica has room first.
     */
    void dispatch(UpdateInbox.Received received, Update update) {
        ClaimLoop claiming = claims;
        if (claiming != null) {
            claiming.wake();
            return;
        }
        queue(received, update, null, 0, () -> { });
    }

    /**
     * Queues a stored update on its chat: {@code update} is it as read from Telegram (null for one taken
     * up from the journal, which is read from there), {@code stored} its reply if one was composed
     * before a restart, of which {@code partsSent} parts went out. A chat with its queue full drops
     * it: a flood delays only itself.
     */
    private void queue(UpdateInbox.Received received, @Nullable Update update, @Nullable String stored, int partsSent,
            Runnable done) {
        boolean queued = queues.submitAsync(received.chatId(), () -> {
            CompletableFuture<Void> handled;
            try {
                handled = handle(received, update, stored, partsSent).exceptionally(e -> {
                    failed(received.chatId(), e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    return null;
                });
            } catch (RuntimeException e) {
                failed(received.chatId(), e); // the inbox could not be written: the update is tried at the next start
                handled = DONE;
            }
            return handled.whenComplete((ok, e) -> done.run());
        });
        if (!queued) {
            LOG.warn("chat {} has {} messages waiting; update {} dropped", received.chatId(), queues.maxPerChat(),
                    received.updateId());
            try {
                inbox.answered(received.updateId());
            } finally {
                done.run();
            }
        }
    }

    /**
     * Composes the reply (or reads the one composed before a restart), stores it, then sends what of
     * it is unsent. If that fails the person gets an apology rather than silence, the failure is
     * logged, and the update is not tried again.
     */
    private CompletableFuture<Void> handle(UpdateInbox.Received received, @Nullable Update update,
            @Nullable String stored, int partsSent) {
        long start = System.nanoTime();
        Reply reply;
        try {
            reply = stored != null ? StoredReply.read(stored) : compose(received, update);
            if (reply != null && stored == null) {
                inbox.replying(received.updateId(), StoredReply.write(reply));
            }
        } catch (IOException | RuntimeException e) {
            failed(received.chatId(), e);
            reply = Reply.notice(SORRY, null);
            partsSent = 0;
        }
        if (reply == null || partsSent >= reply.parts().size()) {
            inbox.answered(received.updateId());
            return DONE;
        }
        return delivery.sendFrom(received, reply, partsSent, start);
    }

    /** The reply an update gets, or null if none is due (or the stored update cannot be read back). */
    private @Nullable Reply compose(UpdateInbox.Received received, @Nullable Update update) {
        try {
            if (update == null) {
                update = Updates.read(received);
            }
        } catch (IOException e) {
            // Whether it even asked for a reply is unknown: a group message may not have been for the bot.
            LOG.error("update {} could not be read back ({}); skipped", received.updateId(), e.getClass().getSimpleName());
            return null;
        }
        return responder.reply(update, received.chatId(), received.userId());
    }

    /** Takes no more work and waits up to {@value #DRAIN_SECONDS} s for answers being written. */
    void stop() {
        stopping = true;
        ClaimLoop claiming = claims;
        if (claiming != null) {
            claiming.stop();
        }
        try {
            if (!queues.drain(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("stopped with answers still in flight");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (claiming != null) {
            claiming.release();
        }
    }

    /** A failure in one update is logged (never with the user's text) and does not stop the chat. */
    private void failed(long chatId, Throwable e) {
        if (stopping && e instanceof RejectedExecutionException) {
            LOG.info("stopping: a reply in chat {} is left for the next start", chatId);
            return;
        }
        stats.error();
        // The exception's message could quote the user's text, so only its type and place are logged.
        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        LOG.error("handling an update in chat {} failed: {} at {}", chatId, e.getClass().getName(), at);
    }
}
