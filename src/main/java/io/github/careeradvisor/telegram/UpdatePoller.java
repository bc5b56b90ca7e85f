package io.github.careeradvisor.telegram;

import io.github.careeradvisor.inbox.UpdateInbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Long-polls getUpdates with its own loop (not on telegrambots' shared single thread) and hands each new
 * update to the {@link UpdateDispatcher}, after storing it in the inbox: Telegram is told an update
 * arrived (by the next offset) only once it is stored. Faults are logged and polling goes on: a 429
 * after the wait Telegram asks for ({@code retry_after}), anything else after a growing, jittered pause.
 */
final class UpdatePoller {

    private static final Logger LOG = LoggerFactory.getLogger(UpdatePoller.class);

    private final BotApi api;
    private final UpdateInbox inbox;
    private final UpdateDispatcher dispatcher;
    private final BotEvents events;
    private final BooleanSupplier leads;
    private volatile boolean running = true;

    UpdatePoller(BotApi api, UpdateInbox inbox, UpdateDispatcher dispatcher, BotEvents events) {
        this(api, inbox, dispatcher, events, () -> true);
    }

    /** @param leads whether this process still holds the polling lock: polling ends when it no longer does */
    UpdatePoller(BotApi api, UpdateInbox inbox, UpdateDispatcher dispatcher, BotEvents events, BooleanSupplier leads) {
        this.leads = leads;
        this.events = events;
        this.api = api;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
    }

    /** Polls from the inbox's offset until {@link #stop()}, or until this process no longer leads. */
    void run() {
        Long first = firstOffset();
        if (first == null) {
            return;
        }
        long offset = first;
        int failures = 0;
        int storeFailures = 0; // counted apart: a poll that works between two failed stores does not reset it
        while (running && leads.getAsBoolean()) {
            List<Update> updates;
            try {
                updates = api.getUpdates(Math.toIntExact(offset)); // Telegram's update ids are 32-bit
                failures = 0;
            } catch (TelegramApiException e) {
                if (!running) {
                    break;
                }
                failures++;
                pause(refused(e, failures));
                continue;
            }
            if (!running) {
                break; // a stopping bot takes nothing more: what came stays with Telegram for the next start
            }
            if (updates.isEmpty()) {
                continue;
            }
            long next = offset;
            List<UpdateInbox.Received> batch = new ArrayList<>();
            Map<Long, Update> read = new HashMap<>(); // handed on as read, not parsed again from the journal
            for (Update update : updates) {
                next = Math.max(next, update.getUpdateId() + 1L);
                try {
                    batch.add(Updates.received(update));
                    read.put(update.getUpdateId().longValue(), update);
                } catch (RuntimeException e) {
                    // Confirmed with the rest but not kept: otherwise Telegram would send it at every start.
                    LOG.error("update {} could not be read ({}); skipped", update.getUpdateId(), e.getClass().getName());
                }
            }
            try {
                List<UpdateInbox.Received> fresh = inbox.receive(batch, next);
                offset = next;
                storeFailures = 0;
                fresh.forEach(r -> {
                    events.updateReceived();
                    dispatcher.dispatch(r, read.get(r.updateId()));
                });
            } catch (RuntimeException e) {
                // Not stored, so not confirmed: the offset stays, and Telegram sends the batch again, after
                // a pause that grows while the disk stays full (README, "A full disk or a read-only data dir").
                storeFailures++;
                LOG.error("storing {} updates failed ({} in a row); they stay with Telegram and are fetched again: {}",
                        batch.size(), storeFailures, e.getMessage());
                pause(BotApi.backoffMillis(storeFailures));
            }
        }
    }

    /**
     * Where polling starts, read again after a pause while the database cannot be read (PostgreSQL down
     * longer than its own retries), so an outage delays polling rather than ending it; null once stopped.
     */
    private @Nullable Long firstOffset() {
        return UntilItWorks.run("reading where polling starts", inbox::nextOffset,
                () -> !running || !leads.getAsBoolean(), LOG);
    }

    /** Logs a failed getUpdates and says how long to wait before the next. */
    private long refused(TelegramApiException e, int failures) {
        int code = e instanceof TelegramApiRequestException r && r.getErrorCode() != null ? r.getErrorCode() : 0;
        if (code == 409) {
            LOG.error("getUpdates refused with 409 Conflict: another process is polling with this bot's token "
                    + "(or a webhook is set); stop the other instance. Retrying.");
        } else {
            LOG.warn("getUpdates failed ({} in a row): {}", failures, api.describe(e));
        }
        return code == 429 ? BotApi.retryAfterMillis((TelegramApiRequestException) e) : BotApi.backoffMillis(failures);
    }

    /** Stops polling; a getUpdates under way is let finish and what it brings left with Telegram. */
    void stop() {
        running = false;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
