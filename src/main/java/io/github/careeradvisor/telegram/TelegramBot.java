package io.github.careeradvisor.telegram;

import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.inbox.UpdateInbox;
import java.io.IOException;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The advisor on Telegram. It polls for updates itself (not on telegrambots' shared single thread),
 * stores each in the inbox before Telegram is told it arrived, and answers chats in parallel and each
 * chat in order: {@link Responder} decides what to say, {@link Delivery} sends it in the chat's turn,
 * and the inbox journals every step so a restart loses nothing and repeats nothing it recorded.
 */
public final class TelegramBot {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramBot.class);

    /** Chats answered at the same time; answers are CPU-bound and short. */
    static final int WORKERS = 8;
    /** Starts that may take up one unanswered update before it is given up as what crashes the bot. */
    static final int MAX_STARTS = 3;
    /** How long a stop waits for answers already being written. */
    static final long DRAIN_SECONDS = 8;
    static final String SORRY = "Sorry, something went wrong while I was answering that. Please ask again.";

    static final List<BotCommand> MENU = List.of(
            new BotCommand("start", "Welcome and what I can help with"),
            new BotCommand("help", "How to ask me questions"),
            new BotCommand("next", "What to learn next"),
            new BotCommand("certs", "Which certification to take"),
            new BotCommand("salary", "ML engineer pay by level"),
            new BotCommand("profile", "Your level, goals and progress"),
            new BotCommand("new", "Start a new topic (I forget our thread)"),
            new BotCommand("forget", "Delete everything I know about you"));

    /** Messages waiting in one chat beyond which new ones are dropped: a flood delays only itself. */
    static final int MAX_PENDING_PER_CHAT = 30;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final BotApi api;
    private final Advisor advisor;
    private final Set<Long> allowedUsers;
    private final UpdateInbox inbox;
    private final RateLimiter rateLimiter;
    private final ChatQueues queues = new ChatQueues(WORKERS, MAX_PENDING_PER_CHAT);
    private final Delivery delivery;
    /** Set by {@link #start()}, which learns the bot's own name. */
    private @Nullable Responder responder;
    private volatile boolean running = true;

    /** The bot as it runs against Telegram: Telegram's send limits, the configured questions a minute. */
    public static TelegramBot forTelegram(String token, URI apiUrl, Advisor advisor, Set<Long> allowedUsers,
            UpdateInbox inbox, int questionsPerMinute) {
        return new TelegramBot(token, apiUrl, advisor, allowedUsers, inbox, questionsPerMinute, Pacing.TELEGRAM);
    }

    TelegramBot(String token, URI apiUrl, Advisor advisor, Set<Long> allowedUsers, UpdateInbox inbox,
            int questionsPerMinute, Pacing pacing) {
        this.api = new BotApi(token, apiUrl);
        this.advisor = advisor;
        this.allowedUsers = Set.copyOf(allowedUsers);
        this.inbox = inbox;
        this.rateLimiter = new RateLimiter(questionsPerMinute);
        this.delivery = new Delivery(api, inbox, new SendPacer(pacing), queues, advisor.stats());
    }

    /** Checks the token with getMe, drops any webhook and sets the command menu. */
    public void start() {
        try {
            User me = api.getMe();
            String username = me.getUserName() == null ? "" : me.getUserName();
            responder = new Responder(api, advisor, allowedUsers, rateLimiter, me.getId(), username);
            api.deleteWebhook();
            api.setCommands(MENU);
            LOG.info("started as @{} (id {})", username, me.getId());
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() != null && (e.getErrorCode() == 401 || e.getErrorCode() == 404)) {
                throw new ConfigException(Settings.TELEGRAM_TOKEN + " was rejected by the Bot API ("
                        + api.describe(e) + "); check the token from @BotFather");
            }
            throw new IllegalStateException("the Bot API refused to start the bot: " + api.describe(e));
        } catch (TelegramApiException e) {
            throw new IllegalStateException("cannot reach the Bot API (check " + Settings.TELEGRAM_API_URL + "): "
                    + api.describe(e));
        }
    }

    /**
     * Answers what a crash left unanswered, then polls until {@link #stop()}. Every update is stored
     * before Telegram is told it arrived (the next offset); its reply is stored before it is sent, and
     * each part recorded once Telegram took it. So a restart loses nothing, sends the rest of a reply
     * it had begun (the same words, not composed again), and sends again only a part that was on the
     * wire at the crash, which the Bot API gives no way to check. Faults are logged and retried: a 429
     * after the wait Telegram asks for, anything else with a growing, jittered pause.
     */
    public void run() {
        if (responder == null) {
            throw new IllegalStateException("start() the bot before run(): it needs the bot's own name from getMe");
        }
        List<UpdateInbox.Unanswered> leftOver = inbox.resume();
        if (!leftOver.isEmpty()) {
            LOG.info("answering {} updates left unanswered by the last run", leftOver.size());
        }
        for (UpdateInbox.Unanswered u : leftOver) {
            if (u.starts() > MAX_STARTS) {
                // Taken up by start after start and never finished: it is what brings the bot down.
                LOG.error("update {} in chat {} was taken up by {} starts and never finished; given up", u.update().updateId(),
                        u.update().chatId(), MAX_STARTS);
                inbox.answered(u.update().updateId());
            } else {
                dispatch(u.update(), null, u.reply(), u.partsSent());
            }
        }
        long offset = inbox.nextOffset();
        int failures = 0;
        int storeFailures = 0; // counted apart: a poll that works between two failed stores does not reset it
        while (running) {
            List<Update> updates;
            try {
                updates = api.getUpdates((int) offset);
                failures = 0;
            } catch (TelegramApiRequestException e) {
                if (!running) {
                    break;
                }
                failures++;
                int code = e.getErrorCode() == null ? 0 : e.getErrorCode();
                if (code == 409) {
                    LOG.error("getUpdates refused with 409 Conflict: another process is polling with this bot's token "
                            + "(or a webhook is set); stop the other instance. Retrying.");
                } else {
                    LOG.warn("getUpdates failed ({} in a row): {}", failures, api.describe(e));
                }
                pause(code == 429 ? BotApi.retryAfterMillis(e) : BotApi.backoffMillis(failures));
                continue;
            } catch (TelegramApiException e) {
                if (!running) {
                    break;
                }
                failures++;
                LOG.warn("getUpdates failed ({} in a row): {}", failures, api.describe(e));
                pause(BotApi.backoffMillis(failures));
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
                    batch.add(received(update));
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
                fresh.forEach(r -> dispatch(r, read.get(r.updateId()), null, 0));
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

    private static UpdateInbox.Received received(Update update) {
        long chatId = 0;
        long userId = 0;
        if (update.hasCallbackQuery()) {
            CallbackQuery q = update.getCallbackQuery();
            userId = q.getFrom().getId();
            chatId = q.getMessage() != null ? q.getMessage().getChatId() : userId;
        } else {
            Message m = Updates.message(update);
            if (m != null && m.getChat() != null) {
                chatId = m.getChatId();
                // Each person has their own profile, in a group too; a message with no sender (an
                // anonymous group admin) is answered as the chat.
                userId = m.getFrom() != null ? m.getFrom().getId() : chatId;
            }
        }
        try {
            return new UpdateInbox.Received(update.getUpdateId(), chatId, userId, JSON.writeValueAsString(update));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("writing update " + update.getUpdateId() + " as JSON", e);
        }
    }

    /** Stops polling and waits a few seconds for answers in flight. */
    public void stop() {
        running = false;
        try {
            if (!queues.drain(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("stopped with answers still in flight");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped");
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /**
     * Queues a stored update on its chat: {@code update} is it as just read from Telegram (null for
     * one taken up from the journal, which is parsed from there), {@code stored} its reply if one was
     * composed before a restart, of which {@code partsSent} parts went out.
     */
    private void dispatch(UpdateInbox.Received received, @Nullable Update update, @Nullable String stored,
            int partsSent) {
        boolean queued = queues.submitAsync(received.chatId(), () -> {
            try {
                return handle(received, update, stored, partsSent).exceptionally(e -> {
                    failed(received.chatId(), e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    return null;
                });
            } catch (RuntimeException e) {
                failed(received.chatId(), e); // the inbox could not be written: the update is tried at the next start
                return DONE;
            }
        });
        if (!queued) {
            LOG.warn("chat {} has {} messages waiting; update {} dropped", received.chatId(), MAX_PENDING_PER_CHAT,
                    received.updateId());
            inbox.answered(received.updateId());
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

    /**
     * The reply an update gets, or null if none is due (or the stored update cannot be read back):
     * {@code update} as read from Telegram, or if null, as the journal holds it.
     */
    private @Nullable Reply compose(UpdateInbox.Received received, @Nullable Update update) {
        try {
            if (update == null) {
                update = JSON.readValue(received.payload(), Update.class);
            }
        } catch (IOException e) {
            // Whether it even asked for a reply is unknown: a group message may not have been for the bot.
            LOG.error("update {} could not be read back ({}); skipped", received.updateId(), e.getClass().getSimpleName());
            return null;
        }
        return java.util.Objects.requireNonNull(responder, "started").reply(update, received.chatId(), received.userId());
    }

    /** A failure in one update is logged (never with the user's text) and does not stop the chat. */
    private void failed(long chatId, Throwable e) {
        if (!running && e instanceof java.util.concurrent.RejectedExecutionException) {
            LOG.info("stopping: a reply in chat {} is left for the next start", chatId);
            return;
        }
        advisor.stats().error();
        // The exception's message could quote the user's text, so only its type and place are logged.
        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        LOG.error("handling an update in chat {} failed: {} at {}", chatId, e.getClass().getName(), at);
    }
}
