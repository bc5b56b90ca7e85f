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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
    static final int WORKERS = 4;
    /** How long a stop waits for answers already being written. */
    static final long DRAIN_SECONDS = 8;
    static final String NOT_TEXT = "I read text questions. Ask me, for example, \"How much does a junior ML engineer earn?\"";
    static final String NOT_ALLOWED = "Sorry, this bot is private.";

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

    private final BotApi api;
    private final Advisor advisor;
    private final Set<Long> allowedUsers;
    private final ChatQueues queues = new ChatQueues(WORKERS);
    private volatile boolean running = true;
    private long botId;
    private String username = "";

    public TelegramBot(String token, URI apiUrl, Advisor advisor, Set<Long> allowedUsers) {
        this.api = new BotApi(token, apiUrl);
        this.advisor = advisor;
        this.allowedUsers = Set.copyOf(allowedUsers);
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

    /** Polls until {@link #stop()}; network faults are logged and retried with a growing pause. */
    public void run() {
        int offset = 0;
        int failures = 0;
        while (running) {
            List<Update> updates;
            try {
                updates = api.getUpdates(offset);
                failures = 0;
            } catch (TelegramApiException e) {
                if (!running) {
                    break;
                }
                failures++;
                LOG.warn("getUpdates failed ({} in a row): {}", failures, api.describe(e));
                pause(failures);
                continue;
            }
            for (Update update : updates) {
                offset = Math.max(offset, update.getUpdateId() + 1);
                dispatch(update);
            }
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

    private void pause(int failures) {
        long capped = Math.min(30_000, 500L << Math.min(failures, 6));
        long millis = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void dispatch(Update update) {
        if (update.hasCallbackQuery()) {
            CallbackQuery callback = update.getCallbackQuery();
            long chatId = callback.getMessage() != null ? callback.getMessage().getChatId() : callback.getFrom().getId();
            queues.submit(chatId, safely(chatId, () -> onCallback(callback, chatId)));
            return;
        }
        Message message = update.hasMessage() ? update.getMessage()
                : update.hasEditedMessage() ? update.getEditedMessage() : null;
        if (message != null && message.getChat() != null && !message.isChannelMessage()) {
            queues.submit(message.getChatId(), safely(message.getChatId(), () -> onMessage(message)));
        }
    }

    /** A failure in one update is logged (never with the user's text) and does not stop the chat. */
    private static Runnable safely(long chatId, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The exception's message could quote the user's text, so only its type and place are logged.
                StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
                LOG.error("handling an update in chat {} failed: {} at {}", chatId, e.getClass().getName(), at);
            }
        };
    }

    private void onCallback(CallbackQuery callback, long chatId) {
        try {
            api.answerCallback(callback.getId());
        } catch (TelegramApiException e) {
            LOG.warn("answerCallbackQuery failed in chat {}: {}", chatId, api.describe(e));
        }
        String data = callback.getData() == null ? "" : callback.getData();
        String question = data.startsWith(CHOICE) ? data.substring(CHOICE.length()) : TOPICS.get(data);
        if (question != null && allowed(callback.getFrom())) {
            answer(chatId, callback.getFrom().getId(), question, null);
        }
    }

    private void onMessage(Message message) {
        boolean group = message.isGroupMessage() || message.isSuperGroupMessage();
        String text = message.hasText() ? message.getText() : null;
        if (group) {
            if (!addressed(message, text)) {
                return;
            }
            text = text == null ? null : withoutMention(text);
        }
        if (!allowed(message.getFrom())) {
            if (!group) {
                send(message.getChatId(), List.of(TelegramHtml.escape(NOT_ALLOWED)), null, null);
            }
            return;
        }
        Integer replyTo = group ? message.getMessageId() : null;
        if (text == null) {
            send(message.getChatId(), List.of(TelegramHtml.escape(NOT_TEXT)), null, replyTo);
            return;
        }
        // Each person has their own profile, in a group too; a message with no sender (an anonymous
        // group admin) is answered as the chat.
        long userId = message.getFrom() != null ? message.getFrom().getId() : message.getChatId();
        answer(message.getChatId(), userId, text, replyTo);
    }

    private void answer(long chatId, long userId, String text, @Nullable Integer replyTo) {
        long start = System.nanoTime();
        try {
            api.typing(chatId);
        } catch (TelegramApiException e) {
            LOG.debug("typing indicator failed in chat {}: {}", chatId, api.describe(e));
        }
        Answer answer = advisor.reply(userId, text);
        boolean sent = send(chatId, TelegramHtml.render(answer), keyboard(answer), replyTo);
        LOG.info("answered chat={} latencyMs={} grounded={} sent={}", chatId,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e6), answer.grounded(), sent);
    }

    /** Sends the parts in order, the buttons under the last one; false if a part could not be sent. */
    private boolean send(long chatId, List<String> parts, @Nullable InlineKeyboardMarkup keyboard,
            @Nullable Integer replyTo) {
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            try {
                api.send(chatId, parts.get(i), last ? keyboard : null, i == 0 ? replyTo : null);
            } catch (TelegramApiException e) {
                LOG.warn("sendMessage failed in chat {} (part {} of {}): {}", chatId, i + 1, parts.size(),
                        api.describe(e));
                return false;
            }
        }
        return true;
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
