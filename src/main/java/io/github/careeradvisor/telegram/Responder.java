package io.github.careeradvisor.telegram;

import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.advisor.Command;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.profile.FeedbackStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * What the bot says to an update: the advisor's answer in Telegram's HTML with follow-up buttons, a
 * notice (not text, not allowed, slow down), or nothing. In groups it speaks only when spoken to, and
 * never shows a person's profile there.
 */
final class Responder {

    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    static final String NOT_TEXT = "I read text questions. Ask me, for example, \"How much does a junior ML engineer earn?\"";
    static final String NOT_ALLOWED = "Sorry, this bot is private.";
    static final String PROFILE_IN_PRIVATE = "Your profile is for you alone: send me /profile in a private chat";
    static final String EXPIRED = "This button has expired.";
    static final String THANKS = "Thanks for the feedback!";
    static final String ALREADY_VOTED = "Already noted, thanks!";
    static final String SLOW_DOWN = "You're sending questions faster than I can answer them well. "
            + "Please wait a minute, then ask again.";

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
    private final SendPacer pacer;
    private final ChatQueues queues;
    private final Advisor advisor;
    private final Set<Long> allowedUsers;
    private final RateLimiter rateLimiter;
    private final long botId;
    private final String username;
    private final BotEvents events;

    /**
     * {@code botId} and {@code username} are the bot's own, from getMe; {@code pacer} and {@code queues} are
     * the ones replies are sent by, which drafts of an answer being written share.
     */
    Responder(BotApi api, SendPacer pacer, ChatQueues queues, Advisor advisor, Set<Long> allowedUsers,
            RateLimiter rateLimiter, long botId, String username, BotEvents events) {
        this.events = events;
        this.api = api;
        this.pacer = pacer;
        this.queues = queues;
        this.advisor = advisor;
        this.allowedUsers = Set.copyOf(allowedUsers);
        this.rateLimiter = rateLimiter;
        this.botId = botId;
        this.username = username;
    }

    /**
     * The reply to an update, or null if none is due (a group message not addressed to the bot, a
     * flood past its notice, an update kind the bot does not handle). Its chat and sender were worked
     * out once, when it was stored.
     */
    @Nullable Reply reply(Update update, long chatId, long userId) {
        if (update.hasCallbackQuery()) {
            return onCallback(update.getCallbackQuery(), chatId, userId);
        }
        Message message = Updates.message(update);
        if (message != null && message.getChat() != null && !message.isChannelMessage()) {
            return onMessage(message, userId, !update.hasMessage());
        }
        return null;
    }

    private @Nullable Reply onCallback(CallbackQuery callback, long chatId, long userId) {
        String data = callback.getData() == null ? "" : callback.getData();
        if (data.startsWith(VoteButtons.PREFIX)) {
            return onVote(callback, chatId, userId, data);
        }
        acknowledge(callback, chatId, null);
        String question = data.startsWith(CHOICE) ? data.substring(CHOICE.length()) : TOPICS.get(data);
        if (question == null || !allowed(callback.getFrom())) {
            return null;
        }
        if (chatId < 0 && showsProfile(question)) {
            return profileInPrivate(null);
        }
        if (callback.getMessage() instanceof Message under) {
            RateLimiter.Verdict verdict = rateLimiter.check(userId);
            if (verdict != RateLimiter.Verdict.ALLOW) {
                return slowDown(chatId, verdict, null);
            }
            // A progress button: the message it was under becomes what comes next (README, "Your profile").
            Optional<Answer> pressed = advisor.progressPress(userId, question);
            if (pressed.isPresent()) {
                Answer answer = pressed.get();
                return new Reply(TelegramHtml.render(answer), buttons(answer), null, answer.grounded(),
                        under.getMessageId());
            }
            return compose(chatId, userId, question, null);
        }
        return answer(chatId, userId, question, null);
    }

    /**
     * A press of 👍 or 👎 (README, "Feedback"): stored once per person and answer, acknowledged, and the
     * buttons changed to show it; the first 👎 asks what was missing. A button the bot cannot place
     * (forged, or its answer forgotten or too old) is politely expired.
     */
    private @Nullable Reply onVote(CallbackQuery callback, long chatId, long userId, String data) {
        VoteButtons.Press press = VoteButtons.read(data);
        if (press == null || !allowed(callback.getFrom())) {
            acknowledge(callback, chatId, EXPIRED);
            return null;
        }
        FeedbackStore.Vote vote = advisor.vote(userId, chatId, press.answerId(), press.helpful());
        if (vote == FeedbackStore.Vote.UNKNOWN_ANSWER) {
            acknowledge(callback, chatId, EXPIRED);
            return null;
        }
        acknowledge(callback, chatId, vote == FeedbackStore.Vote.UNCHANGED ? ALREADY_VOTED : THANKS);
        if (callback.getMessage() instanceof Message message && vote != FeedbackStore.Vote.UNCHANGED) {
            Buttons shown = BotApi.buttons(message.getReplyMarkup());
            try {
                api.editButtons(chatId, message.getMessageId(),
                        VoteButtons.pressed(shown == null ? new Buttons(List.of(VoteButtons.row(press.answerId()))) : shown,
                                press));
            } catch (TelegramApiException e) {
                LOG.debug("the vote buttons in chat {} could not be changed: {}", chatId, api.describe(e));
            }
        }
        return vote == FeedbackStore.Vote.ASK_WHAT_WAS_MISSING ? Reply.notice(Advisor.WHAT_WAS_MISSING, null) : null;
    }

    private void acknowledge(CallbackQuery callback, long chatId, @Nullable String notice) {
        try {
            if (notice == null) {
                api.answerCallback(callback.getId());
            } else {
                api.answerCallback(callback.getId(), notice);
            }
        } catch (TelegramApiException e) {
            LOG.warn("answerCallbackQuery failed in chat {}: {}", chatId, api.describe(e));
        }
    }

    /**
     * The reply to a message, new or {@code edited}. An edit is answered as the question it now asks,
     * quoting the message (in a private chat too), so it is clear which one is answered; an edit without
     * text (a caption or a photo changed) is not answered again (see the README, "Hostile input").
     */
    private @Nullable Reply onMessage(Message message, long userId, boolean edited) {
        boolean group = message.isGroupMessage() || message.isSuperGroupMessage();
        String text = message.hasText() ? message.getText() : null;
        if (edited && text == null) {
            return null;
        }
        if (group) {
            // A photo's caption may address the bot too: it is then told the bot reads text.
            if (!addressed(message, text != null ? text : message.getCaption())) {
                return null;
            }
            text = text == null ? null : withoutMention(text);
        }
        if (!allowed(message.getFrom())) {
            return group ? null : Reply.notice(NOT_ALLOWED, null);
        }
        Integer replyTo = group || edited ? message.getMessageId() : null;
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
        return verdict == RateLimiter.Verdict.ALLOW ? compose(chatId, userId, text, replyTo)
                : slowDown(chatId, verdict, replyTo);
    }

    /** Asked too fast: a notice the first time, then nothing. */
    private static @Nullable Reply slowDown(long chatId, RateLimiter.Verdict verdict, @Nullable Integer replyTo) {
        LOG.info("rate-limited chat={} notice={}", chatId, verdict == RateLimiter.Verdict.NOTICE);
        return verdict == RateLimiter.Verdict.NOTICE ? Reply.notice(SLOW_DOWN, replyTo) : null;
    }

    private Reply compose(long chatId, long userId, String text, @Nullable Integer replyTo) {
        try {
            api.typing(chatId);
        } catch (TelegramApiException e) {
            LOG.debug("typing indicator failed in chat {}: {}", chatId, api.describe(e));
        }
        // With a language model set, the answer is shown while it is written, and its message then edited.
        DraftMessage draft = new DraftMessage(api, pacer, queues, chatId, replyTo);
        Advisor.Answered answered;
        Integer drafted;
        try {
            answered = advisor.answer(userId, chatId, text, draft);
        } finally {
            drafted = draft.finish();
        }
        events.answered(answered.intent(), answered.declined());
        Answer answer = answered.answer();
        return new Reply(TelegramHtml.render(answer), buttons(answer, answered.id()), replyTo, answer.grounded(), drafted,
                answer.chart());
    }

    /** A command that shows what is stored about a person: for their eyes, so never in a group. */
    private static boolean showsProfile(String text) {
        return Command.of(text).name().equals("/profile");
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
            String addressee = Command.of(text).addressee();
            return addressee.isEmpty() || addressee.equals(username.toLowerCase(Locale.ROOT));
        }
        return !username.isEmpty() && lower.contains("@" + username.toLowerCase(Locale.ROOT));
    }

    private String withoutMention(String text) {
        return username.isEmpty() ? text
                : text.replaceAll("(?i)@" + Pattern.quote(username) + "\\b", " ").strip();
    }

    private boolean allowed(@Nullable User user) {
        return allowedUsers.isEmpty() || user != null && allowedUsers.contains(user.getId());
    }

    /** The topic buttons, two rows of two. */
    private static final Buttons TOPIC_BUTTONS = new Buttons(List.of(
            List.of(new Buttons.Button("Salaries", "t:salary"), new Buttons.Button("Skills", "t:skills")),
            List.of(new Buttons.Button("Certifications", "t:certs"), new Buttons.Button("What next?", "t:next"))));

    /**
     * The answer's own choices as buttons, two a row; otherwise the topic buttons. An answer people may
     * vote on ({@code answerId} not null) has 👍 and 👎 first. Null if there is nothing to show.
     */
    static @Nullable Buttons buttons(Answer answer, @Nullable Long answerId) {
        Buttons own = buttons(answer);
        if (answerId == null) {
            return own;
        }
        List<List<Buttons.Button>> rows = new ArrayList<>();
        rows.add(VoteButtons.row(answerId));
        if (own != null) {
            rows.addAll(own.rows());
        }
        return new Buttons(rows);
    }

    /**
     * The answer's own choices as buttons, two a row; otherwise the topic buttons. Null if the answer
     * has choices but none fits in a callback.
     */
    static @Nullable Buttons buttons(Answer answer) {
        if (answer.choices().isEmpty()) {
            return TOPIC_BUTTONS;
        }
        List<List<Buttons.Button>> rows = new ArrayList<>();
        List<Buttons.Button> row = new ArrayList<>();
        String rowKey = "";
        for (Answer.Choice choice : answer.choices()) {
            String data = CHOICE + choice.command();
            if (data.getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_BYTES) {
                continue; // Telegram refuses the whole keyboard for one oversized button
            }
            if (!row.isEmpty() && (!choice.row().equals(rowKey) || rowKey.isEmpty() && row.size() == 2)) {
                rows.add(row);
                row = new ArrayList<>();
            }
            rowKey = choice.row();
            row.add(new Buttons.Button(choice.label(), data));
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows.isEmpty() ? null : new Buttons(rows);
    }
}
