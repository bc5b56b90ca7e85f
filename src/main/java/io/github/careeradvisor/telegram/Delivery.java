package io.github.careeradvisor.telegram;

import io.github.careeradvisor.advisor.UsageStats;
import io.github.careeradvisor.chart.Chart;
import io.github.careeradvisor.inbox.UpdateInbox;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Sends a reply's parts in order, each when its chat's turn comes, and records each in the inbox once
 * Telegram took it. Faults are tried again after a pause; neither the turn nor the pause holds a
 * worker thread. A part Telegram refuses, or whose tries run out, gives the update up.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final BotApi api;
    private final UpdateInbox inbox;
    private final SendPacer pacer;
    private final ChatQueues queues;
    private final UsageStats stats;
    private final Photos photos;
    private final BotEvents events;

    Delivery(BotApi api, UpdateInbox inbox, SendPacer pacer, ChatQueues queues, UsageStats stats, Photos photos,
            BotEvents events) {
        this.events = events;
        this.api = api;
        this.photos = photos;
        this.inbox = inbox;
        this.pacer = pacer;
        this.queues = queues;
        this.stats = stats;
    }

    /**
     * Sends part {@code part} when the chat's turn comes (no thread waits for it), then the rest. A reply
     * started from its beginning sends its chart first, as a photo in a turn of its own; if the photo
     * fails, the text goes all the same (README, "Charts").
     */
    CompletableFuture<Void> sendFrom(UpdateInbox.Received received, Reply reply, int part, long start) {
        Chart chart = reply.chart();
        if (part > 0 || chart == null) {
            return sendPartsFrom(received, reply, part, start);
        }
        long wait = pacer.reserve(received.chatId(), received.chatId() < 0);
        return sendChart(received, chart, reply.replyTo(), 1, queues.after(wait))
                .thenCompose(done -> sendPartsFrom(received, reply, part, start));
    }

    /** The chart on {@code when}, tried again after a pause that holds no worker (see {@link Photos#send}). */
    private CompletableFuture<Void> sendChart(UpdateInbox.Received received, Chart chart, @Nullable Integer replyTo,
            int attempt, Executor when) {
        return CompletableFuture.supplyAsync(() -> photos.send(received.chatId(), chart, replyTo, attempt), when)
                .thenCompose(pause -> pause < 0 ? DONE
                        : sendChart(received, chart, replyTo, attempt + 1, queues.after(pause * 1_000_000)));
    }

    private CompletableFuture<Void> sendPartsFrom(UpdateInbox.Received received, Reply reply, int part, long start) {
        long wait = pacer.reserve(received.chatId(), received.chatId() < 0); // group and channel ids are negative
        boolean edit = part == 0 && reply.replaces() != null;
        return sendPart(received, reply, part, 1, false, edit, queues.after(wait))
                .thenCompose(sent -> {
                    boolean more = sent && part + 1 < reply.parts().size();
                    if (!more && reply.grounded() != null) {
                        long took = System.nanoTime() - start;
                        LOG.info("answered chat={} latencyMs={} grounded={} sent={}", received.chatId(),
                                String.format(Locale.ROOT, "%.1f", took / 1e6), reply.grounded(), sent);
                        if (sent) {
                            events.answerDelivered(took);
                        }
                    }
                    return more ? sendPartsFrom(received, reply, part + 1, start) : DONE;
                });
    }

    /**
     * Tries to send one part on {@code when}, or with {@code edit} to put it in the message it replaces, and
     * records it as sent. A 429, 5xx or lost connection is tried again after a pause that holds no worker;
     * HTML Telegram cannot parse goes again as plain text; a message Telegram will not edit (deleted, too
     * old) is left as it is and the part goes as a message of its own. Completes with false if Telegram
     * refused the part or the tries ran out: the update is then given up (marked answered) rather than
     * tried forever.
     */
    private CompletableFuture<Boolean> sendPart(UpdateInbox.Received received, Reply reply, int part, int attempt,
            boolean plain, boolean edit, Executor when) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> parts = reply.parts();
            boolean last = part == parts.size() - 1;
            Integer replaced = reply.replaces();
            try {
                if (edit && replaced != null) {
                    api.editOnce(received.chatId(), replaced, parts.get(part), plain, last ? reply.buttons() : null);
                } else {
                    api.sendOnce(received.chatId(), parts.get(part), plain, last ? reply.buttons() : null,
                            part == 0 ? reply.replyTo() : null);
                }
            } catch (TelegramApiException e) {
                if (!plain && BotApi.cannotParse(e)) {
                    return sendPart(received, reply, part, 1, true, edit, queues.after(0));
                }
                if (edit && BotApi.refused(e)) {
                    LOG.info("a message in chat {} could not be edited ({}); the reply goes as a new message",
                            received.chatId(), api.describe(e));
                    return sendPart(received, reply, part, 1, plain, false, queues.after(0));
                }
                long pause = BotApi.retryPauseMillis(e, attempt);
                if (pause >= 0) {
                    return sendPart(received, reply, part, attempt + 1, plain, edit, queues.after(pause * 1_000_000));
                }
                giveUp(received, part, parts.size(), e);
                return CompletableFuture.completedFuture(false);
            }
            inbox.sent(received.updateId(), part + 1, last);
            return CompletableFuture.completedFuture(true);
        }, when).thenCompose(next -> next);
    }

    private void giveUp(UpdateInbox.Received received, int part, int parts, TelegramApiException e) {
        if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null && r.getErrorCode() == 403) {
            // The person blocked the bot or left the group: nothing is wrong, and nothing can be sent.
            LOG.info("chat {} does not accept messages from the bot (403); reply dropped", received.chatId());
        } else {
            stats.error();
            LOG.warn("sendMessage failed in chat {} (part {} of {}); the reply is given up: {}", received.chatId(),
                    part + 1, parts, api.describe(e));
        }
        inbox.answered(received.updateId());
    }
}
