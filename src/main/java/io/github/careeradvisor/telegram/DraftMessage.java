package io.github.careeradvisor.telegram;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.Drafts;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * An answer shown in its chat while a language model writes it (README, "Use a language model"): the
 * first sentence is sent as a message as soon as the chat's turn allows, and later drafts edit it, no
 * more often than once every {@link #EDIT_GAP_MILLIS} ms and each within the pacer's budget. Drafts
 * that come faster are folded into the next edit. A draft that cannot be shown stops the drafting: the
 * finished answer goes anyway. {@link #finish} stops it; the finished answer is then put in that message
 * by one last edit ({@link Delivery}), or sent as a message of its own if no draft was shown.
 */
final class DraftMessage implements Drafts {

    private static final Logger LOG = LoggerFactory.getLogger(DraftMessage.class);

    /** The least time between two edits of one draft, the final edit included. */
    static final long EDIT_GAP_MILLIS = 1_500;
    /** How long {@link #finish} waits for a draft being sent. */
    static final long FINISH_WAIT_MILLIS = 5_000;

    private final BotApi api;
    private final SendPacer pacer;
    private final ChatQueues queues;
    private final long chatId;
    private final @Nullable Integer replyTo;

    private @Nullable String latest;
    private boolean scheduled;
    private boolean running;
    private boolean stopped;
    private @Nullable Integer messageId;
    private long lastSentNanos;
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

    DraftMessage(BotApi api, SendPacer pacer, ChatQueues queues, long chatId, @Nullable Integer replyTo) {
        this.api = api;
        this.pacer = pacer;
        this.queues = queues;
        this.chatId = chatId;
        this.replyTo = replyTo;
    }

    @Override
    public synchronized void draft(List<Answer.Block> soFar) {
        String html = TelegramHtml.draft(soFar);
        if (stopped || html == null) {
            return;
        }
        latest = html;
        if (scheduled) {
            return; // the edit already booked will show this one
        }
        scheduled = true;
        long wait = Math.max(pacer.reserve(chatId, chatId < 0), messageId == null ? 0 : gapLeft());
        chain = chain.thenRunAsync(this::show, queues.after(wait));
    }

    /** Sends the latest draft, or edits the message into it. */
    private void show() {
        String html;
        Integer id;
        synchronized (this) {
            scheduled = false;
            if (stopped || latest == null) {
                return;
            }
            running = true;
            html = latest;
            id = messageId;
        }
        try {
            if (id == null) {
                int sent = api.sendOnce(chatId, html, false, null, replyTo);
                synchronized (this) {
                    messageId = sent > 0 ? sent : null;
                }
            } else {
                api.editOnce(chatId, id, html, false, null);
            }
        } catch (TelegramApiException e) {
            // A draft is a courtesy: the finished answer goes anyway, as an edit or a message of its own.
            LOG.debug("a draft in chat {} could not be shown: {}", chatId, api.describe(e));
            synchronized (this) {
                stopped = true;
            }
        } finally {
            synchronized (this) {
                running = false;
                lastSentNanos = System.nanoTime();
            }
        }
    }

    /**
     * Stops drafting and returns the draft's message id, null if no draft was sent. Waits for a draft
     * being sent (up to {@value #FINISH_WAIT_MILLIS} ms), and keeps the chat's next message back until
     * the edit gap has passed, so the final edit keeps it too.
     */
    @Nullable Integer finish() {
        CompletableFuture<Void> inFlight;
        synchronized (this) {
            stopped = true;
            inFlight = running ? chain : null;
        }
        if (inFlight != null) {
            try {
                inFlight.get(FINISH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("a draft in chat {} was still being sent", chatId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (messageId != null) {
                pacer.hold(chatId, gapLeft());
            }
            return messageId;
        }
    }

    /** Nanoseconds until the draft's message may be edited again; 0 or less if it may now. */
    private long gapLeft() {
        return lastSentNanos + EDIT_GAP_MILLIS * 1_000_000 - System.nanoTime();
    }
}
