package io.github.careeradvisor.telegram;

import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.profile.UpdateInbox;
import java.io.IOException;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The advisor on Telegram: polls for updates itself (not on telegrambots' shared single thread),
 * answers chats in parallel and each chat in order, renders answers in Telegram's HTML, offers
 * follow-up buttons, and in groups speaks only when spoken to.
 */
public final class TelegramBot {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramBot.class);

    /** Chats answered at the same time; answers are CPU-bound and short. */
    static final int WORKERS = 8;
    /** Starts that may take up one unanswered update before it is given up as what crashes the bot. */
    static final int MAX_STARTS = 3;
    /** How long a stop waits for answers already being written. */
    static final long DRAIN_SECONDS = 8;
    static final String NOT_TEXT = "I read text questions. Ask me, for example, \"How much does a junior ML engineer earn?\"";
    static final String NOT_ALLOWED = "Sorry, this bot is private.";
    static final String SORRY = "Sorry, something went wrong while I was answering that. Please ask again.";
    static final String PROFILE_IN_PRIVATE = "Your profile is for you alone: send me /profile in a private chat";

    static final List<BotCommand> MENU = List.of(
            new BotCommand("start", "Welcome and what I can help with"),
            new BotCommand("help", "How to ask me questions"),
            new BotCommand("next", "What to learn next"),
            new BotCommand("certs", "Which certification to take"),
            new BotCommand("salary", "ML engineer pay by level"),
            new BotCommand("profile", "Your level, goals and progress"),
            new BotCommand("forget", "Delete everything I know about you"));

    /** Follow-up buttons: callback data (well under Telegram's 64 bytes) and what it asks. */
    static final Map<String, String> TOPICS = Map.of(
            "t:salary", "/salary",
            "t:skills", "What skills does a machine learning engineer need?",
            "t:certs", "/certs",
            "t:next", "/next");

    /** Callback data of a choice button: this prefix, then the command it sends. */
    static final String CHOICE = "c:";
    static final int MAX_CALLBACK_BYTES = 64;

    /** Messages waiting in one chat beyond which new ones are dropped: a flood delays only itself. */
    static final int MAX_PENDING_PER_CHAT = 30;
    static final String SLOW_DOWN = "You're sending questions faster than I can answer them well. "
            + "Please wait a minute, then ask again.";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final BotApi api;
    private final Advisor advisor;
    private final Set<Long> allowedUsers;
    private final UpdateInbox inbox;
    private final RateLimiter rateLimiter;
    private final SendPacer pacer;
    private final ChatQueues queues = new ChatQueues(WORKERS, MAX_PENDING_PER_CHAT);
    private volatile boolean running = true;
    private long botId;
    private String username = "";

    /** The bot as it runs against Telegram: Telegram's send limits, the configured questions a minute. */
    public static TelegramBot forTelegram(String token, URI apiUrl, Advisor advisor, Set<Long> allowedUsers,
            UpdateInbox inbox, int questionsPerMinute) {
        return new TelegramBot(token, apiUrl, advisor, allowedUsers, inbox, questionsPerMinute, Pacing.TELEGRAM);
    }

    /**
     * The bot without Telegram's send pacing, for a local Bot API server that does not enforce it: the
     * load benchmark measures what the machine can answer, not what Telegram lets through.
     */
    public static TelegramBot unpaced(String token, URI apiUrl, Advisor advisor, UpdateInbox inbox,
            int questionsPerMinute) {
        return new TelegramBot(token, apiUrl, advisor, Set.of(), inbox, questionsPerMinute, Pacing.NONE);
    }

    TelegramBot(String token, URI apiUrl, Advisor advisor, Set<Long> allowedUsers, UpdateInbox inbox,
            int questionsPerMinute, Pacing pacing) {
        this.api = new BotApi(token, apiUrl);
        this.advisor = advisor;
        this.allowedUsers = Set.copyOf(allowedUsers);
        this.inbox = inbox;
        this.rateLimiter = new RateLimiter(questionsPerMinute);
        this.pacer = new SendPacer(pacing);
    }

    /** Checks the token with getMe, drops any webhook and sets the command menu. */
    public void start() {
        try {
            User me = api.getMe();
            botId = me.getId();
            username = me.getUserName() == null ? "" : me.getUserName();
            api.deleteWebhook();
            api.setCommands(MENU);
            LOG.info("started as @{} (id {})", username, botId);
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
                dispatch(u.update(), u.reply(), u.partsSent());
            }
        }
        long offset = inbox.nextOffset();
        int failures = 0;
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
            for (Update update : updates) {
                next = Math.max(next, update.getUpdateId() + 1L);
                batch.add(received(update));
            }
            try {
                List<UpdateInbox.Received> fresh = inbox.receive(batch, next);
                offset = next;
                fresh.forEach(r -> dispatch(r, null, 0));
            } catch (RuntimeException e) {
                // Not stored, so not confirmed: Telegram sends the batch again.
                failures++;
                LOG.error("storing {} updates failed: {}", batch.size(), e.getMessage());
                pause(BotApi.backoffMillis(failures));
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
            Message m = update.hasMessage() ? update.getMessage() : update.hasEditedMessage() ? update.getEditedMessage() : null;
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

    /**
     * What goes out for one update: its parts in order, the buttons under the last, the group message
     * it answers, and whether it is a grounded answer (null for a notice). Stored as JSON before the
     * first part is sent.
     */
    record Reply(List<String> parts, @Nullable InlineKeyboardMarkup keyboard, @Nullable Integer replyTo,
            @Nullable Boolean grounded) {

        static Reply notice(String text, @Nullable Integer replyTo) {
            return new Reply(List.of(TelegramHtml.escape(text)), null, replyTo, null);
        }
    }

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /**
     * Queues a stored update on its chat: {@code stored} is its reply if one was composed before a
     * restart, of which {@code partsSent} parts went out.
     */
    private void dispatch(UpdateInbox.Received received, @Nullable String stored, int partsSent) {
        boolean queued = queues.submitAsync(received.chatId(), () -> {
            try {
                return handle(received, stored, partsSent).exceptionally(e -> {
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
    private CompletableFuture<Void> handle(UpdateInbox.Received received, @Nullable String stored, int partsSent) {
        long start = System.nanoTime();
        Reply reply;
        try {
            reply = stored != null ? JSON.readValue(stored, Reply.class) : compose(received);
            if (reply != null && stored == null) {
                inbox.replying(received.updateId(), JSON.writeValueAsString(reply));
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
        return sendFrom(received, reply, partsSent, start);
    }

    /** Sends part {@code part} when the chat's turn comes (no thread waits for it), then the rest. */
    private CompletableFuture<Void> sendFrom(UpdateInbox.Received received, Reply reply, int part, long start) {
        long wait = pacer.reserve(received.chatId(), received.chatId() < 0); // group and channel ids are negative
        return sendPart(received, reply, part, 1, false, queues.after(wait))
                .thenCompose(sent -> {
                    boolean more = sent && part + 1 < reply.parts().size();
                    if (!more && reply.grounded() != null) {
                        LOG.info("answered chat={} latencyMs={} grounded={} sent={}", received.chatId(),
                                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e6), reply.grounded(), sent);
                    }
                    return more ? sendFrom(received, reply, part + 1, start) : DONE;
                });
    }

    /**
     * Tries to send one part on {@code when}, and records it as sent. A 429, 5xx or lost connection is
     * tried again after a pause that holds no worker; HTML Telegram cannot parse goes again as plain
     * text. Completes with false if Telegram refused the part or the tries ran out: the update is then
     * given up (marked answered) rather than tried forever.
     */
    private CompletableFuture<Boolean> sendPart(UpdateInbox.Received received, Reply reply, int part, int attempt,
            boolean plain, java.util.concurrent.Executor when) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> parts = reply.parts();
            boolean last = part == parts.size() - 1;
            try {
                api.sendOnce(received.chatId(), parts.get(part), plain, last ? reply.keyboard() : null,
                        part == 0 ? reply.replyTo() : null);
            } catch (TelegramApiException e) {
                if (!plain && BotApi.cannotParse(e)) {
                    return sendPart(received, reply, part, 1, true, queues.after(0));
                }
                long pause = BotApi.retryPauseMillis(e, attempt);
                if (pause >= 0) {
                    return sendPart(received, reply, part, attempt + 1, plain, queues.after(pause * 1_000_000));
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
            advisor.stats().error();
            LOG.warn("sendMessage failed in chat {} (part {} of {}); the reply is given up: {}", received.chatId(),
                    part + 1, parts, api.describe(e));
        }
        inbox.answered(received.updateId());
    }

    /** The reply an update gets, or null if none is due; its chat and sender were worked out when it was stored. */
    private @Nullable Reply compose(UpdateInbox.Received received) {
        Update update;
        try {
            update = JSON.readValue(received.payload(), Update.class);
        } catch (IOException e) {
            LOG.error("update {} could not be read back ({}); skipped", received.updateId(), e.getClass().getSimpleName());
            return null;
        }
        if (update.hasCallbackQuery()) {
            return onCallback(update.getCallbackQuery(), received.chatId(), received.userId());
        }
        Message message = update.hasMessage() ? update.getMessage()
                : update.hasEditedMessage() ? update.getEditedMessage() : null;
        if (message != null && message.getChat() != null && !message.isChannelMessage()) {
            return onMessage(message, received.userId());
        }
        return null;
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

    private @Nullable Reply onCallback(CallbackQuery callback, long chatId, long userId) {
        try {
            api.answerCallback(callback.getId());
        } catch (TelegramApiException e) {
            LOG.warn("answerCallbackQuery failed in chat {}: {}", chatId, api.describe(e));
        }
        String data = callback.getData() == null ? "" : callback.getData();
        String question = data.startsWith(CHOICE) ? data.substring(CHOICE.length()) : TOPICS.get(data);
        if (question == null || !allowed(callback.getFrom())) {
            return null;
        }
        return chatId < 0 && showsProfile(question) ? profileInPrivate(null) : answer(chatId, userId, question, null);
    }

    private @Nullable Reply onMessage(Message message, long userId) {
        boolean group = message.isGroupMessage() || message.isSuperGroupMessage();
        String text = message.hasText() ? message.getText() : null;
        if (group) {
            if (!addressed(message, text)) {
                return null;
            }
            text = text == null ? null : withoutMention(text);
        }
        if (!allowed(message.getFrom())) {
            return group ? null : Reply.notice(NOT_ALLOWED, null);
        }
        Integer replyTo = group ? message.getMessageId() : null;
        if (text == null) {
            return Reply.notice(NOT_TEXT, replyTo);
        }
        if (group && showsProfile(text)) {
            return profileInPrivate(replyTo);
        }
        return answer(message.getChatId(), userId, text, replyTo);
    }

    private @Nullable Reply answer(long chatId, long userId, String text, @Nullable Integer replyTo) {
        RateLimiter.Verdict verdict = rateLimiter.check(userId);
        if (verdict != RateLimiter.Verdict.ALLOW) {
            LOG.info("rate-limited chat={} notice={}", chatId, verdict == RateLimiter.Verdict.NOTICE);
            return verdict == RateLimiter.Verdict.NOTICE ? Reply.notice(SLOW_DOWN, replyTo) : null;
        }
        try {
            api.typing(chatId);
        } catch (TelegramApiException e) {
            LOG.debug("typing indicator failed in chat {}: {}", chatId, api.describe(e));
        }
        Answer answer = advisor.reply(userId, text);
        return new Reply(TelegramHtml.render(answer), keyboard(answer), replyTo, answer.grounded());
    }

    /** A command that shows what is stored about a person: for their eyes, so never in a group. */
    private static boolean showsProfile(String text) {
        String command = text.strip().split("\\s", 2)[0].toLowerCase(Locale.ROOT);
        int at = command.indexOf('@');
        return (at < 0 ? command : command.substring(0, at)).equals("/profile");
    }

    private Reply profileInPrivate(@Nullable Integer replyTo) {
        return Reply.notice(PROFILE_IN_PRIVATE + (username.isEmpty() ? "." : " with @" + username + "."), replyTo);
    }

    private boolean addressed(Message message, @Nullable String text) {
        Message repliedTo = message.getReplyToMessage();
        if (repliedTo != null && repliedTo.getFrom() != null && repliedTo.getFrom().getId() == botId) {
            return true;
        }
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/")) {
            String command = lower.split("\\s", 2)[0];
            int at = command.indexOf('@');
            return at < 0 || command.substring(at + 1).equals(username.toLowerCase(Locale.ROOT));
        }
        return !username.isEmpty() && lower.contains("@" + username.toLowerCase(Locale.ROOT));
    }

    private String withoutMention(String text) {
        return username.isEmpty() ? text
                : text.replaceAll("(?i)@" + java.util.regex.Pattern.quote(username) + "\\b", " ").strip();
    }

    private boolean allowed(@Nullable User user) {
        return allowedUsers.isEmpty() || user != null && allowedUsers.contains(user.getId());
    }

    /** The answer's own choices as buttons, two a row; otherwise the topic buttons. */
    static InlineKeyboardMarkup keyboard(Answer answer) {
        if (answer.choices().isEmpty()) {
            return topicKeyboard();
        }
        InlineKeyboardMarkup.InlineKeyboardMarkupBuilder<?, ?> keyboard = InlineKeyboardMarkup.builder();
        InlineKeyboardRow row = new InlineKeyboardRow();
        for (Answer.Choice choice : answer.choices()) {
            String data = CHOICE + choice.command();
            if (data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CALLBACK_BYTES) {
                continue; // Telegram refuses the whole keyboard for one oversized button
            }
            row.add(button(choice.label(), data));
            if (row.size() == 2) {
                keyboard.keyboardRow(row);
                row = new InlineKeyboardRow();
            }
        }
        if (!row.isEmpty()) {
            keyboard.keyboardRow(row);
        }
        return keyboard.build();
    }

    private static InlineKeyboardMarkup topicKeyboard() {
        return InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(button("Salaries", "t:salary"), button("Skills", "t:skills")))
                .keyboardRow(new InlineKeyboardRow(button("Certifications", "t:certs"), button("What next?", "t:next")))
                .build();
    }

    private static InlineKeyboardButton button(String text, String data) {
        return InlineKeyboardButton.builder().text(text).callbackData(data).build();
    }
}
