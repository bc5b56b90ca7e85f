package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.replicas.Replicas;
import io.github.careeradvisor.storage.SqliteDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real bot, wired as in production, against the stand-in Bot API server on 127.0.0.1. */
class TelegramBotTest {

    private static final long ANN = 42L;
    private static final long GROUP = -100_200L;
    private static final long WAIT = 20_000;

    @TempDir
    Path data;
    private FakeBotApi telegram;
    private SqliteDatabase database;
    private UpdateInbox inbox;
    private TelegramBot bot;
    private Thread poller;

    /** The bot wired as in production, without Telegram's send pacing (the stand-in does not need it). */
    static TelegramBot bot(FakeBotApi telegram, UpdateInbox inbox, int perMinute) {
        return new TelegramBot(FakeBotApi.TOKEN, telegram.url(), TestAdvisors.shipped().advisor(), Set.of(), inbox,
                perMinute, Pacing.NONE);
    }

    /** Runs the bot's update loop on a daemon thread, as App runs it on its main thread. */
    static Thread poll(TelegramBot bot, String name) {
        Thread poller = new Thread(bot::run, name);
        poller.setDaemon(true);
        poller.start();
        return poller;
    }

    /**
     * Waits until nothing is unanswered: a reply is recorded just after Telegram took it. Fails the test
     * at the deadline, naming what is left: every caller goes on as if all were answered.
     */
    static void awaitAllAnswered(UpdateInbox inbox, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!inbox.unanswered().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        List<UpdateInbox.Unanswered> left = inbox.unanswered();
        assertTrue(left.isEmpty(), () -> left.size() + " updates still unanswered after " + timeoutMillis + " ms: "
                + left.stream().map(u -> u.update().updateId()).toList());
    }

    @BeforeEach
    void startBot() throws Exception {
        telegram = new FakeBotApi();
        database = SqliteDatabase.open(data);
        inbox = new SqlInbox(database);
        bot = bot(telegram, inbox, 1000);
        bot.start();
        poller = poll(bot, "test-poller");
    }

    @AfterEach
    void stopBot() throws InterruptedException {
        bot.stop();
        telegram.close(); // ends the poller's long poll
        poller.join(10_000);
        database.close();
    }

    private static String text(JsonNode sent) {
        return sent.get("text").asText();
    }

    @Test
    void run_calls_its_hook_once_before_its_first_getUpdates() throws Exception {
        List<Integer> pollsBefore = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (FakeBotApi other = new FakeBotApi()) {
            SqliteDatabase otherDatabase = SqliteDatabase.open(data.resolve("other"));
            TelegramBot second = bot(other, new SqlInbox(otherDatabase), 1000);
            second.start();
            Thread loop = new Thread(() -> second.run(() -> pollsBefore.add(other.calls("getUpdates").size())));
            loop.setDaemon(true);
            loop.start();
            other.expectCall("getUpdates", 1, WAIT); // a long poll: it waits there
            second.stop();
            other.close();
            loop.join(10_000);
            otherDatabase.close();
        }

        assertEquals(List.of(0), pollsBefore, "once, before any getUpdates (the bot's warm-up starts there)");
    }

    @Test
    void starts_by_checking_the_token_dropping_the_webhook_and_setting_the_menu() throws Exception {
        assertTrue(telegram.awaitCall("setMyCommands", 1, WAIT), "the menu, set once the bot takes updates");
        List<FakeBotApi.Call> menu = telegram.calls("setMyCommands");

        assertEquals(1, telegram.calls("deleteWebhook").size());
        assertEquals(1, menu.size());
        List<String> commands = new java.util.ArrayList<>();
        menu.get(0).body().get("commands").forEach(c -> commands.add(c.get("command").asText()));
        assertEquals(List.of("start", "help", "next", "certs", "salary", "progress", "profile", "remind", "new",
                "forget"), commands);
    }

    @Test
    void start_welcomes_with_topic_buttons() throws Exception {
        telegram.textMessage(ANN, "private", ANN, "/start");

        JsonNode reply = telegram.awaitSent(ANN, 1, WAIT).get(0);

        assertTrue(text(reply).startsWith("Hi! I'm a career advisor"), text(reply));
        assertEquals("HTML", reply.get("parse_mode").asText());
        List<String> data = new java.util.ArrayList<>();
        reply.get("reply_markup").get("inline_keyboard").forEach(row -> row.forEach(b -> data.add(b.get("callback_data").asText())));
        assertEquals(List.of("t:salary", "t:skills", "t:certs", "t:next"), data);
    }

    @Test
    void a_question_gets_a_grounded_answer_with_its_sources_in_italics() throws Exception {
        telegram.textMessage(ANN, "private", ANN, "how much does a junior ML engineer earn?");

        String reply = text(telegram.awaitSent(ANN, 1, WAIT).get(0));

        assertTrue(reply.contains("$70,000") && reply.contains("$80,000"), reply);
        assertTrue(reply.contains("<i>Source"), reply);
        assertTrue(telegram.calls("sendChatAction").size() >= 1, "typing indicator");
    }

    @Test
    void a_button_is_acknowledged_and_answered() throws Exception {
        String callbackId = telegram.callback(ANN, ANN, "t:salary");

        String reply = text(telegram.awaitSent(ANN, 1, WAIT).get(0));

        telegram.expectCall("answerCallbackQuery", 1, WAIT);
        assertEquals(callbackId, telegram.calls("answerCallbackQuery").get(0).body().get("callback_query_id").asText());
        assertTrue(reply.contains("$"), reply);
    }

    /** The callback data of every button under a sent message, row by row. */
    private static List<String> callbackData(JsonNode sent) {
        List<String> data = new java.util.ArrayList<>();
        sent.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(b -> data.add(b.get("callback_data").asText())));
        return data;
    }

    @Test
    void a_thumbs_down_is_stored_acknowledged_shown_on_the_buttons_and_asks_once_what_was_missing() throws Exception {
        long chat = 4_400_001L;
        try {
            telegram.textMessage(chat, "private", chat, "how much does a junior ML engineer earn?");
            JsonNode answer = telegram.awaitSent(chat, 1, WAIT).get(0);
            List<String> data = callbackData(answer);
            assertTrue(data.get(0).matches("v:\\d+:1") && data.get(1).matches("v:\\d+:0"), "votes first: " + data);
            assertTrue(data.contains("t:certs"), "the topic buttons stay: " + data);

            telegram.callback(chat, chat, data.get(1), answer);
            List<JsonNode> sent = telegram.awaitSent(chat, 2, WAIT);
            telegram.expectCall("editMessageReplyMarkup", 1, WAIT);

            assertEquals(io.github.careeradvisor.advisor.Advisor.WHAT_WAS_MISSING, text(sent.get(1)));
            assertEquals(Responder.THANKS, telegram.calls("answerCallbackQuery").get(0).body().get("text").asText());
            JsonNode edit = telegram.calls("editMessageReplyMarkup").get(0).body();
            assertEquals(answer.get("message_id").asInt(), edit.get("message_id").asInt());
            assertEquals(VoteButtons.DOWN_PRESSED, edit.path("reply_markup").path("inline_keyboard").get(0).get(1).get("text").asText());
            assertEquals(data, callbackData(edit), "the same buttons: a press of 👍 changes the vote");

            telegram.textMessage(chat, "private", chat, "the pay in Europe");
            String thanks = text(telegram.awaitSent(chat, 3, WAIT).get(2));
            assertTrue(thanks.startsWith("Thank you: I have noted what was missing"), thanks);
            assertEquals(1, io.github.careeradvisor.storage.DatabaseFile.count(TestAdvisors.SHIPPED_DATA_DIR,
                    "SELECT count(*) FROM votes WHERE user_id = " + chat + " AND helpful = 0 AND comment = 'the pay in Europe'"));

            telegram.callback(chat, chat, data.get(0), answer);
            telegram.expectCall("answerCallbackQuery", 2, WAIT);
            telegram.expectCall("editMessageReplyMarkup", 2, WAIT);
            assertEquals(1, io.github.careeradvisor.storage.DatabaseFile.count(TestAdvisors.SHIPPED_DATA_DIR,
                    "SELECT count(*) FROM votes WHERE user_id = " + chat + " AND helpful = 1"), "the vote changed");
            assertEquals(3, telegram.sent(chat).size(), "what was missing is asked once");
        } finally {
            TestAdvisors.shipped().advisor().reply(chat, "/forget");
        }
    }

    @Test
    void a_progress_button_under_next_marks_the_topic_and_turns_that_message_into_what_comes_next() throws Exception {
        long chat = 4_400_002L;
        try {
            telegram.textMessage(chat, "private", chat, "/next");
            JsonNode next = telegram.awaitSent(chat, 1, WAIT).get(0);
            JsonNode firstRow = next.path("reply_markup").path("inline_keyboard").get(0);
            assertEquals(List.of("c:/done python", "c:/learning python", "c:/skip python"),
                    List.of(firstRow.get(0).get("callback_data").asText(), firstRow.get(1).get("callback_data").asText(),
                            firstRow.get(2).get("callback_data").asText()));

            telegram.callback(chat, chat, "c:/done python", next);
            telegram.expectCall("editMessageText", 1, WAIT);
            TelegramBotTest.awaitAllAnswered(inbox, WAIT);

            JsonNode edit = telegram.edits(chat).get(0);
            assertEquals(next.get("message_id").asInt(), edit.get("message_id").asInt());
            assertTrue(text(edit).startsWith("Well done: Programming in Python is marked done."), text(edit));
            assertTrue(text(edit).contains("What to learn next"), text(edit));
            assertTrue(!callbackData(edit).contains("c:/done python") && callbackData(edit).contains("c:/done math"),
                    callbackData(edit).toString());
            assertEquals(1, telegram.sent(chat).size(), "the same message, edited");
            assertEquals(1, io.github.careeradvisor.storage.DatabaseFile.count(TestAdvisors.SHIPPED_DATA_DIR,
                    "SELECT count(*) FROM topic_progress WHERE user_id = " + chat + " AND topic_id = 'python' AND status = 'done'"));
        } finally {
            TestAdvisors.shipped().advisor().reply(chat, "/forget");
        }
    }

    @Test
    void a_forged_or_stale_vote_button_is_told_it_has_expired() throws Exception {
        telegram.callback(ANN, ANN, "v:999999999999:1");
        telegram.callback(ANN, ANN, "v:not-a-number:0");
        telegram.expectCall("answerCallbackQuery", 2, WAIT);
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);

        telegram.calls("answerCallbackQuery").forEach(c -> assertEquals(Responder.EXPIRED, c.body().get("text").asText()));
        assertEquals(List.of(), telegram.sent(ANN));
        assertEquals(List.of(), telegram.calls("editMessageReplyMarkup"));
    }

    @Test
    void a_sticker_gets_a_note_that_the_bot_reads_text() throws Exception {
        telegram.sticker(ANN, ANN);

        assertEquals(Responder.NOT_TEXT, text(telegram.awaitSent(ANN, 1, WAIT).get(0)));
    }

    @Test
    void long_and_html_looking_texts_get_replies_telegram_accepts() throws Exception {
        telegram.textMessage(ANN, "private", ANN, "salary? " + "x".repeat(10_000));
        telegram.textMessage(ANN, "private", ANN, "<b>what</b> & <script>alert(1)</script> *skills* do I need_?");

        List<JsonNode> replies = telegram.awaitSent(ANN, 2, WAIT);

        assertEquals(2, replies.size());
        assertTrue(text(replies.get(0)).contains("first 4096 characters"), text(replies.get(0)));
        replies.forEach(r -> assertNull(FakeBotApi.htmlProblem(text(r)), text(r)));
        assertEquals(2, telegram.calls("sendMessage").size(), "no reply was rejected and resent");
    }

    @Test
    void an_edited_message_is_answered_again_quoting_it_and_an_edited_caption_is_not() throws Exception {
        telegram.editedPhoto(ANN, "private", ANN);
        int edited = telegram.editedMessage(ANN, ANN, "which certification should I take for Google Cloud?");

        JsonNode reply = telegram.awaitSent(ANN, 1, WAIT).get(0);
        awaitAllAnswered(inbox, WAIT);

        assertTrue(text(reply).contains("Professional Machine Learning Engineer"), text(reply));
        assertEquals(edited, reply.path("reply_parameters").path("message_id").asInt(), "the reply quotes the edit");
        assertEquals(1, telegram.sent(ANN).size(), "the edited caption got no reply");
    }

    @Test
    void a_chats_messages_are_answered_in_order() throws Exception {
        telegram.textMessage(ANN, "private", ANN, "/help");
        telegram.textMessage(ANN, "private", ANN, "/start");
        telegram.textMessage(ANN, "private", ANN, "/frobnicate");

        List<JsonNode> replies = telegram.awaitSent(ANN, 3, WAIT);

        assertTrue(text(replies.get(0)).startsWith("Ask me anything"));
        assertTrue(text(replies.get(1)).startsWith("Hi!"));
        assertTrue(text(replies.get(2)).startsWith("I don't know the command /frobnicate"));
    }

    @Test
    void in_a_group_it_speaks_only_when_addressed() throws Exception {
        telegram.textMessage(GROUP, "supergroup", ANN, "how much do junior ML engineers earn?");
        telegram.textMessage(GROUP, "supergroup", ANN, "/help@SomeOtherBot");
        int mentioned = telegram.textMessage(GROUP, "supergroup", ANN, "@CareerAdvisorBot how much do junior ML engineers earn?");
        telegram.replyToBot(GROUP, ANN, "and what about seniors?");
        telegram.textMessage(GROUP, "supergroup", ANN, "/help@CareerAdvisorBot");
        assertTrue(telegram.awaitConfirmed(WAIT));

        List<JsonNode> replies = telegram.awaitSent(GROUP, 3, WAIT);
        Thread.sleep(300); // nothing more may arrive

        assertEquals(3, telegram.sent(GROUP).size(), telegram.sent(GROUP).toString());
        assertEquals(mentioned, replies.get(0).get("reply_parameters").get("message_id").asInt());
        assertTrue(text(replies.get(0)).contains("$70,000"), text(replies.get(0)));
        assertTrue(text(replies.get(2)).startsWith("Ask me anything"));
    }

    @Test
    void in_a_group_a_persons_profile_is_not_shown_for_everyone_to_read() throws Exception {
        telegram.textMessage(ANN, "private", ANN, "/level senior");
        telegram.expectSent(ANN, 1, WAIT); // another chat, answered in no set order: the level is saved first
        telegram.textMessage(GROUP, "supergroup", ANN, "/profile@CareerAdvisorBot");

        String reply = text(telegram.awaitSent(GROUP, 1, WAIT).get(0));

        assertEquals(Responder.PROFILE_IN_PRIVATE + " with @CareerAdvisorBot.", reply);
        telegram.textMessage(ANN, "private", ANN, "/profile");
        assertTrue(text(telegram.awaitSent(ANN, 2, WAIT).get(1)).contains("Level: senior"), "in private it is shown");
        TestAdvisors.shipped().advisor().reply(ANN, "/forget");
    }

    @Test
    void an_update_the_bot_cannot_read_is_skipped_and_the_rest_of_its_batch_answered() throws Exception {
        telegram.callbackWithoutSender(ANN);
        telegram.textMessage(ANN, "private", ANN, "/help");

        assertTrue(text(telegram.awaitSent(ANN, 1, WAIT).get(0)).startsWith("Ask me anything"));
        assertTrue(telegram.awaitConfirmed(WAIT), "the unreadable update is confirmed, not fetched again and again");
        awaitAllAnswered(inbox, WAIT);
        assertEquals(List.of(), inbox.unanswered());
    }

    @Test
    void when_telegram_cannot_parse_the_html_the_reply_goes_again_as_plain_text() throws Exception {
        telegram.rejectHtml(1);
        telegram.textMessage(ANN, "private", ANN, "how much does a junior ML engineer earn?");

        JsonNode reply = telegram.awaitSent(ANN, 1, WAIT).get(0);

        assertTrue(reply.path("parse_mode").isMissingNode() || reply.get("parse_mode").isNull(), reply.toString());
        assertTrue(text(reply).contains("Source") && !text(reply).contains("<i>"), text(reply));
    }

    @Test
    void profile_buttons_change_the_profile_of_the_person_who_pressed_them() throws Exception {
        long person = 5_000_000L + System.nanoTime() % 1_000_000;
        telegram.textMessage(person, "private", person, "/profile");
        JsonNode profile = telegram.awaitSent(person, 1, WAIT).get(0);
        List<String> data = new java.util.ArrayList<>();
        profile.get("reply_markup").get("inline_keyboard").forEach(row -> row.forEach(b -> data.add(b.get("callback_data").asText())));
        assertTrue(data.contains("c:/level junior") && data.contains("c:/cloud gcp"), data.toString());

        telegram.callback(person, person, "c:/level junior");
        telegram.expectSent(person, 2, WAIT);
        telegram.textMessage(person, "private", person, "/profile");
        String after = text(telegram.awaitSent(person, 3, WAIT).get(2));

        assertTrue(text(telegram.sent(person).get(1)).startsWith("Saved: your level is junior."));
        assertTrue(after.contains("Level: junior"), after);
        telegram.textMessage(person, "private", person, "/forget");
        telegram.expectSent(person, 4, WAIT);
    }

    @Test
    void a_flood_from_one_person_gets_one_notice_and_slows_nobody_else() throws Exception {
        bot.stop();
        poller.join(10_000);
        bot = bot(telegram, inbox, 3);
        bot.start();
        poller = poll(bot, "test-poller-2");
        long flooder = 31;
        long other = 32;
        for (int i = 0; i < 8; i++) {
            telegram.textMessage(flooder, "private", flooder, "/hours " + (i + 1));
        }
        telegram.textMessage(other, "private", other, "/help");

        assertTrue(text(telegram.awaitSent(other, 1, WAIT).get(0)).startsWith("Ask me anything"));
        assertTrue(telegram.awaitConfirmed(WAIT));
        List<JsonNode> toFlooder = telegram.awaitSent(flooder, 4, WAIT);
        Thread.sleep(500);

        assertEquals(4, telegram.sent(flooder).size(), telegram.sent(flooder).toString());
        assertEquals("Saved: 3 hours a week.", text(toFlooder.get(2)));
        assertEquals(Responder.SLOW_DOWN, text(toFlooder.get(3)));
        TestAdvisors.shipped().advisor().reply(flooder, "/forget");
    }

    @Test
    void stats_are_for_admins_only() throws Exception {
        telegram.textMessage(ANN, "private", ANN, "/stats");

        String reply = text(telegram.awaitSent(ANN, 1, WAIT).get(0));

        assertTrue(reply.startsWith("I don't know the command /stats."), reply);
    }

    @Test
    void a_menu_telegram_refuses_is_told_and_the_bot_answers_all_the_same() throws Exception {
        try (FakeBotApi refusing = new FakeBotApi(); SqliteDatabase own = SqliteDatabase.open(data.resolve("menu"))) {
            refusing.refuseMenu();
            TelegramBot refused = bot(refusing, new SqlInbox(own), 1000);
            refused.start();
            Thread polling = poll(refused, "menu-poller");
            try {
                assertTrue(refusing.awaitCall("setMyCommands", 1, WAIT), "the menu was asked for");
                refusing.textMessage(ANN, "private", ANN, "/start");
                assertTrue(text(refusing.expectSent(ANN, 1, WAIT).get(0)).startsWith("Hi! I'm a career advisor"));
            } finally {
                refused.stop();
                refusing.close();
                polling.join(10_000);
            }
        }
    }

    @Test
    void connecting_beside_the_index_build_makes_the_first_calls_once_and_start_does_not_repeat_them()
            throws Exception {
        try (FakeBotApi early = new FakeBotApi(); SqliteDatabase own = SqliteDatabase.open(data.resolve("connected"))) {
            TelegramBot.Connection connection = TelegramBot.connect(FakeBotApi.TOKEN, early.url(), BotEvents.NONE, true);
            List<String> first = List.of("deleteWebhook");
            first.forEach(method -> assertEquals(1, early.calls(method).size(), method));
            assertEquals(0, early.calls("setMyCommands").size(), "the menu waits for the first updates");

            SqlInbox ownInbox = new SqlInbox(own);
            TelegramBot connected = TelegramBot.forTelegram(connection, TestAdvisors.shipped().advisor(), Set.of(),
                    ownInbox, 20, BotEvents.NONE, null, Replicas.on(own));
            connected.start();
            Thread polling = poll(connected, "connected-poller");
            try {
                early.textMessage(ANN, "private", ANN, "/start");
                assertTrue(text(early.expectSent(ANN, 1, WAIT).get(0)).startsWith("Hi! I'm a career advisor"));
                first.forEach(method -> assertEquals(1, early.calls(method).size(), method + " again"));
                assertTrue(early.awaitCall("setMyCommands", 1, WAIT), "the menu, set once it takes updates");
            } finally {
                connected.stop();
                early.close();
                polling.join(10_000);
            }
        }
    }

    @Test
    void a_token_rejected_while_connecting_names_the_setting() throws Exception {
        try (FakeBotApi early = new FakeBotApi()) {
            ConfigException e = assertThrows(ConfigException.class, () -> TelegramBot.connect(
                    "987654321:AAWrongTokenWrongTokenWrongToken", early.url(), BotEvents.NONE, true));

            assertTrue(e.getMessage().startsWith("TELEGRAM_BOT_TOKEN was rejected by the Bot API (401"), e.getMessage());
            assertTrue(early.calls("deleteWebhook").isEmpty() && early.calls("setMyCommands").isEmpty(),
                    "nothing done for a token that was rejected");
        }
    }

    @Test
    void a_token_the_server_rejects_stops_start_up_naming_the_setting() {
        TelegramBot wrong = new TelegramBot("987654321:AAWrongTokenWrongTokenWrongToken", telegram.url(),
                TestAdvisors.shipped().advisor(), Set.of(), inbox, 20, Pacing.NONE);

        ConfigException e = assertThrows(ConfigException.class, wrong::start);

        assertTrue(e.getMessage().startsWith("TELEGRAM_BOT_TOKEN was rejected by the Bot API (401"), e.getMessage());
        assertTrue(!e.getMessage().contains("AAWrongToken"), e.getMessage());
    }

    private static final java.util.concurrent.atomic.AtomicLong PEOPLE = new java.util.concurrent.atomic.AtomicLong(
            70_000_000L + System.nanoTime() % 1_000_000L * 10);

    /** A person of their own: the shipped advisor's profiles outlive one test. */
    private static long person() {
        return PEOPLE.addAndGet(1);
    }

    /** {@code person} sends each text in a private chat, each after the reply to the one before came. */
    private List<JsonNode> say(long person, String... texts) throws InterruptedException {
        List<JsonNode> sent = List.of();
        for (String text : texts) {
            int before = telegram.sent(person).size();
            telegram.textMessage(person, "private", person, text);
            sent = telegram.expectSent(person, before + 1, WAIT);
        }
        return sent;
    }

    @Test
    void salary_sends_the_pay_chart_as_a_png_photo_with_the_key_figure_then_the_text() throws Exception {
        long bob = person();

        List<JsonNode> sent = say(bob, "/level mid", "/salary");
        List<JsonNode> photos = telegram.photos(bob);

        assertEquals(1, photos.size());
        JsonNode photo = photos.get(0);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(photo.get("photo_png").binaryValue()));
        assertEquals(io.github.careeradvisor.chart.ChartPainter.WIDTH, image.getWidth());
        String caption = photo.get("caption").asText();
        assertTrue(caption.length() <= 1024, caption);
        io.github.careeradvisor.knowledge.PayScale.Band mid = io.github.careeradvisor.knowledge.PayScale
                .load(java.nio.file.Path.of("knowledge")).band("Mid-level").orElseThrow();
        for (io.github.careeradvisor.knowledge.PayScale.Range range : mid.ranges()) {
            assertTrue(caption.contains(range.source() + " " + range.label()), caption);
        }
        assertTrue(photo.get("at").asLong() < sent.get(1).get("at").asLong(), "the picture comes before the text");
        assertTrue(text(sent.get(1)).contains("Pay for your level (mid-level)"), text(sent.get(1)));
    }

    @Test
    void a_chart_sent_before_is_sent_again_by_the_file_id_telegram_gave_it() throws Exception {
        long bob = person();
        say(bob, "/progress", "/progress");

        List<JsonNode> photos = telegram.photos(bob);

        assertEquals(2, photos.size());
        assertTrue(photos.get(0).has("photo_png"));
        assertTrue(!photos.get(1).has("photo_png"), "no second upload");
        assertTrue(photos.get(1).get("photo").asText().startsWith("chart-"), photos.get(1).toString());
    }

    @Test
    void progress_for_someone_who_has_not_started_says_where_to_start() throws Exception {
        long bob = person();

        String reply = text(say(bob, "/progress").get(0));
        String caption = telegram.photos(bob).get(0).get("caption").asText();

        int topics = io.github.careeradvisor.knowledge.Roadmap.load(java.nio.file.Path.of("knowledge")).topics().size();
        assertTrue(caption.startsWith("Your learning path: 0 of " + topics + " topics done — start with "), caption);
        assertTrue(reply.startsWith("Progress: 0 of " + topics + " topics done."), reply);
        assertTrue(reply.contains("Start with "), reply);
    }

    @Test
    void a_photo_telegram_refuses_leaves_the_text_answer_and_one_it_failed_to_take_goes_again_before_the_text()
            throws Exception {
        long bob = person();
        telegram.failPhotos(1, 400);
        List<JsonNode> refused = say(bob, "/salary");

        assertEquals(1, telegram.calls("sendPhoto").stream().filter(c -> c.body().get("chat_id").asLong() == bob).count(),
                "a 400 is not tried again");
        assertEquals(List.of(), telegram.photos(bob));
        assertTrue(text(refused.get(0)).contains("$"), text(refused.get(0)));

        telegram.failPhotos(2, 500);
        List<JsonNode> sent = say(bob, "/progress");

        assertEquals(4, telegram.calls("sendPhoto").stream().filter(c -> c.body().get("chat_id").asLong() == bob).count(),
                "two 500s, then taken");
        List<JsonNode> photos = telegram.photos(bob);
        assertEquals(1, photos.size());
        assertTrue(photos.get(0).get("caption").asText().startsWith("Your learning path"), photos.get(0).toString());
        assertTrue(photos.get(0).get("at").asLong() < sent.get(1).get("at").asLong(), "the chart before its text");
        assertTrue(text(sent.get(1)).startsWith("Progress: 0 of"), text(sent.get(1)));

        telegram.failPhotos(Photos.MAX_TRIES, 500);
        List<JsonNode> lastTry = say(bob, "/progress");

        assertEquals(4 + Photos.MAX_TRIES, telegram.calls("sendPhoto").stream()
                .filter(c -> c.body().get("chat_id").asLong() == bob).count(), "tries run out");
        assertEquals(1, telegram.photos(bob).size());
        assertTrue(text(lastTry.get(2)).startsWith("Progress: 0 of"), "the text goes alone: " + text(lastTry.get(2)));
    }
}
