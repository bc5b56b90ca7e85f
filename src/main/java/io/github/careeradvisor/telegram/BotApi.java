package io.github.careeradvisor.telegram;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The Bot API calls this bot makes, through telegrambots' client, against {@code TELEGRAM_API_URL}.
 * The token lives only inside the client; messages of failures never carry it.
 */
final class BotApi {

    /** How long one getUpdates call is held open by the server. */
    static final int POLL_SECONDS = 25;
    private static final String HTML = "HTML";
    /** The kinds of update the bot answers, polled or posted to the webhook. */
    static final List<String> UPDATE_TYPES = List.of("message", "edited_message", "callback_query");

    private final TelegramClient client;
    private final String token;
    private final BotEvents events;

    BotApi(String token, URI apiUrl, BotEvents events) {
        this.token = token;
        this.events = events;
        // Every call goes to one host, and OkHttp allows only 5 at a time per host by default: with a
        // long poll held open, four sends would serve all chats (found by the load benchmark).
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(128);
        dispatcher.setMaxRequestsPerHost(64);
        OkHttpClient http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .readTimeout(Duration.ofSeconds(POLL_SECONDS + 15))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.client = new OkHttpTelegramClient(http, token, telegramUrl(apiUrl));
    }

    /** telegrambots addresses a server by scheme, host and port only. */
    static TelegramUrl telegramUrl(URI url) {
        if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
            throw new ConfigException(Settings.TELEGRAM_API_URL + " '" + url + "' has a path; give only the "
                    + "scheme, host and port of the Bot API server, e.g. http://127.0.0.1:8081");
        }
        boolean https = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        return new TelegramUrl(url.getScheme(), url.getHost(), port, false);
    }

    User getMe() throws TelegramApiException {
        return counted("getMe", () -> client.execute(new GetMe()));
    }

    void deleteWebhook() throws TelegramApiException {
        counted("deleteWebhook", () -> client.execute(DeleteWebhook.builder().dropPendingUpdates(false).build()));
    }

    /** Tells Telegram to post updates to {@code url} with {@code secret}; what it holds already is kept. */
    void setWebhook(String url, String secret, int maxConnections) throws TelegramApiException {
        counted("setWebhook", () -> client.execute(SetWebhook.builder().url(url).secretToken(secret)
                .allowedUpdates(UPDATE_TYPES).maxConnections(maxConnections).dropPendingUpdates(false).build()));
    }

    void setCommands(List<BotCommand> commands) throws TelegramApiException {
        counted("setMyCommands", () -> client.execute(SetMyCommands.builder().commands(commands).build()));
    }

    List<Update> getUpdates(int offset) throws TelegramApiException {
        return counted("getUpdates", () -> client.execute(GetUpdates.builder().offset(offset).timeout(POLL_SECONDS)
                .limit(100).allowedUpdates(UPDATE_TYPES).build()));
    }

    void typing(long chatId) throws TelegramApiException {
        counted("sendChatAction", () -> client.execute(SendChatAction.builder().chatId(chatId)
                .action(ActionType.TYPING.toString()).build()));
    }

    void answerCallback(String callbackId) throws TelegramApiException {
        withRetries(() -> counted("answerCallbackQuery",
                () -> client.execute(AnswerCallbackQuery.builder().callbackQueryId(callbackId).build())));
    }

    /** Answers a button press with a short notice the person sees on top of the chat. */
    void answerCallback(String callbackId, String notice) throws TelegramApiException {
        withRetries(() -> counted("answerCallbackQuery",
                () -> client.execute(AnswerCallbackQuery.builder().callbackQueryId(callbackId).text(notice).build())));
    }

    /** Changes the buttons under message {@code messageId}; tried once, as a courtesy. */
    void editButtons(long chatId, int messageId, Buttons buttons) throws TelegramApiException {
        counted("editMessageReplyMarkup", () -> client.execute(EditMessageReplyMarkup.builder().chatId(chatId)
                .messageId(messageId).replyMarkup(keyboard(buttons)).build()));
    }

    /** telegrambots' keyboard as the bot's buttons: those of a message a button was pressed under. */
    static @Nullable Buttons buttons(@Nullable InlineKeyboardMarkup keyboard) {
        if (keyboard == null || keyboard.getKeyboard() == null) {
            return null;
        }
        List<List<Buttons.Button>> rows = keyboard.getKeyboard().stream()
                .map(row -> row.stream().map(b -> new Buttons.Button(b.getText(),
                        b.getCallbackData() == null ? "" : b.getCallbackData())).toList())
                .filter(row -> !row.isEmpty()).toList();
        return rows.isEmpty() ? null : new Buttons(rows);
    }

    /** Tries a call per the retry policy. */
    private interface Call<T> {
        T run() throws TelegramApiException;
    }

    /** Runs one try of a call and reports how it ended: 200, the error code Telegram gave, or no answer. */
    private <T> T counted(String method, Call<T> call) throws TelegramApiException {
        int status = BotEvents.NO_ANSWER;
        try {
            T result = call.run();
            status = 200;
            return result;
        } catch (TelegramApiRequestException e) {
            status = e.getErrorCode() == null ? BotEvents.NO_ANSWER : e.getErrorCode();
            throw e;
        } finally {
            events.botApiCall(method, status);
        }
    }

    /**
     * Runs a call, trying again after a 429 (waiting what Telegram asks), a 5xx or a lost connection,
     * up to {@value #MAX_TRIES} tries with a growing, jittered pause; any other refusal is final.
     */
    private <T> T withRetries(Call<T> call) throws TelegramApiException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (TelegramApiException e) {
                long pause = retryPauseMillis(e, attempt);
                if (pause < 0) {
                    throw e;
                }
                sleep(pause);
            }
        }
    }

    /**
     * How long to wait before trying again after try {@code attempt} failed with {@code e}, or -1 if
     * it is not to be tried again: a refusal other than 429 and 5xx is final, and so is the last try.
     */
    static long retryPauseMillis(TelegramApiException e, int attempt) {
        int code = e instanceof TelegramApiRequestException r && r.getErrorCode() != null ? r.getErrorCode() : 0;
        if (attempt >= MAX_TRIES || code != 0 && code != 429 && code < 500) {
            return -1;
        }
        return code == 429 ? retryAfterMillis((TelegramApiRequestException) e) : backoffMillis(attempt);
    }

    /** Tries of one call: the pauses between them add up to 16–32 s, enough to ride out a short outage. */
    static final int MAX_TRIES = 8;
    static final long BACKOFF_MILLIS = 250;
    static final long MAX_BACKOFF_MILLIS = 30_000;

    /** What a 429 asks to wait, in milliseconds (a second if it does not say). */
    static long retryAfterMillis(TelegramApiRequestException e) {
        Integer seconds = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
        return Math.min(MAX_BACKOFF_MILLIS * 4, 1000L * (seconds == null ? 1 : Math.max(1, seconds)));
    }

    /** 250 ms, 500 ms, 1 s, … capped at 30 s, each between half and the whole of it. */
    static long backoffMillis(int attempt) {
        long capped = Math.min(MAX_BACKOFF_MILLIS, BACKOFF_MILLIS << Math.min(attempt - 1, 16));
        return capped / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    static void sleep(long millis) throws TelegramApiException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramApiException("interrupted while waiting to retry", e);
        }
    }

    /**
     * Tries once to send one message: in HTML, or with {@code plain} the same text without its markup
     * (for when Telegram cannot parse the HTML). The caller retries per {@link #retryPauseMillis}.
     */
    int sendOnce(long chatId, String html, boolean plain, @Nullable Buttons buttons,
            @Nullable Integer replyTo) throws TelegramApiException {
        Message sent = counted("sendMessage", () -> client.execute(plain
                ? message(chatId, PlainFromHtml.text(html), buttons, replyTo).build()
                : message(chatId, html, buttons, replyTo).parseMode(HTML).build()));
        return sent == null || sent.getMessageId() == null ? 0 : sent.getMessageId();
    }

    /**
     * Tries once to send a picture with its caption (plain text): the PNG itself, or with {@code fileId} the
     * copy Telegram already keeps. Returns the {@code file_id} Telegram gives the picture (its largest size),
     * or null if the answer names none.
     */
    @Nullable String sendPhotoOnce(long chatId, byte @Nullable [] png, @Nullable String fileId, String caption,
            @Nullable Integer replyTo) throws TelegramApiException {
        InputFile photo = fileId != null ? new InputFile(fileId)
                : new InputFile(new java.io.ByteArrayInputStream(java.util.Objects.requireNonNull(png)), "chart.png");
        SendPhoto.SendPhotoBuilder<?, ?> send = SendPhoto.builder().chatId(chatId).photo(photo).caption(caption);
        if (replyTo != null) {
            send.replyParameters(ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
        }
        Message sent = counted("sendPhoto", () -> client.execute(send.build()));
        if (sent == null || sent.getPhoto() == null || sent.getPhoto().isEmpty()) {
            return null;
        }
        return sent.getPhoto().get(sent.getPhoto().size() - 1).getFileId();
    }

    /**
     * Tries once to change the text of message {@code messageId} (a draft of an answer being written) to
     * {@code html}, or with {@code plain} the same text without its markup. An edit to the text the message
     * already has is done already.
     */
    void editOnce(long chatId, int messageId, String html, boolean plain, @Nullable Buttons buttons)
            throws TelegramApiException {
        EditMessageText.EditMessageTextBuilder<?, ?> edit = EditMessageText.builder().chatId(chatId)
                .messageId(messageId).text(plain ? PlainFromHtml.text(html) : html);
        if (!plain) {
            edit.parseMode(HTML);
        }
        if (buttons != null) {
            edit.replyMarkup(keyboard(buttons));
        }
        try {
            counted("editMessageText", () -> client.execute(edit.build()));
        } catch (TelegramApiRequestException e) {
            if (!refused(e) || e.getApiResponse() == null || !e.getApiResponse().contains("message is not modified")) {
                throw e;
            }
        }
    }

    /** The bot's buttons as telegrambots' keyboard: the one place the two meet. */
    static InlineKeyboardMarkup keyboard(Buttons buttons) {
        InlineKeyboardMarkup.InlineKeyboardMarkupBuilder<?, ?> keyboard = InlineKeyboardMarkup.builder();
        for (List<Buttons.Button> row : buttons.rows()) {
            keyboard.keyboardRow(new InlineKeyboardRow(row.stream()
                    .map(b -> InlineKeyboardButton.builder().text(b.label()).callbackData(b.callbackData()).build())
                    .toList()));
        }
        return keyboard.build();
    }

    /** Telegram refused the request as it is (400): trying it again as it is would not help. */
    static boolean refused(TelegramApiException e) {
        return e instanceof TelegramApiRequestException r && r.getErrorCode() != null && r.getErrorCode() == 400;
    }

    /** Telegram could not parse the HTML of a message: the same words can go as plain text. */
    static boolean cannotParse(TelegramApiException e) {
        return refused(e) && ((TelegramApiRequestException) e).getApiResponse() != null
                && ((TelegramApiRequestException) e).getApiResponse().contains("can't parse entities");
    }

    private static SendMessage.SendMessageBuilder<?, ?> message(long chatId, String text,
            @Nullable Buttons buttons, @Nullable Integer replyTo) {
        SendMessage.SendMessageBuilder<?, ?> message = SendMessage.builder().chatId(chatId).text(text);
        if (buttons != null) {
            message.replyMarkup(keyboard(buttons));
        }
        if (replyTo != null) {
            message.replyParameters(ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
        }
        return message;
    }

    /** A failure's description with the token taken out, fit for a log line. */
    String describe(Exception e) {
        String text = e instanceof TelegramApiRequestException r && r.getApiResponse() != null
                ? r.getErrorCode() + " " + r.getApiResponse()
                : String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return Redact.token(text, token);
    }
}
