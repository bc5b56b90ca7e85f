package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.careeradvisor.App;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.generation.FakeModelApi;
import io.github.careeradvisor.generation.FakeModelApi.Mode;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.storage.SqliteDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers a language model writes, shown on Telegram while they are written (README, "Use a language
 * model"): the real bot and advisor against the stand-in Bot API and the stand-in model on 127.0.0.1.
 * One message per answer, edited no more often than {@link DraftMessage#EDIT_GAP_MILLIS}, ending as the
 * checked answer in valid HTML, or as the answer from the guides when the model's failed its check.
 */
class StreamedAnswersTest {

    private static final String QUESTION = "how is an ML engineer different from a data scientist?";
    private static final long WAIT = 30_000;

    private static FakeModelApi model;
    private static App.Started withModel;

    @TempDir
    Path data;
    private FakeBotApi telegram;
    private SqliteDatabase database;
    private UpdateInbox inbox;
    private TelegramBot bot;
    private final List<Long> chats = new ArrayList<>();

    @BeforeAll
    static void startTheModel() throws Exception {
        model = new FakeModelApi();
        withModel = App.start(Settings.fromEnvironment(Map.of(
                Settings.KNOWLEDGE_DIR, "knowledge",
                Settings.DATA_DIR, TestAdvisors.SHIPPED_DATA_DIR.toString(),
                Settings.LLM_URL, model.url(),
                Settings.LLM_MODEL, "stand-in",
                Settings.LLM_TIMEOUT, "30")), TestAdvisors.embedder(), warning -> { });
    }

    @AfterAll
    static void stopTheModel() {
        withModel.close();
        model.close();
    }

    @BeforeEach
    void startBot() throws Exception {
        telegram = new FakeBotApi();
        database = SqliteDatabase.open(data);
        inbox = new SqlInbox(database);
        bot = new TelegramBot(FakeBotApi.TOKEN, telegram.url(), withModel.advisor(), Set.of(), inbox, 1000, Pacing.NONE);
        bot.start();
        TelegramBotTest.poll(bot, "streaming-poller");
    }

    @AfterEach
    void stopBot() {
        bot.stop();
        telegram.close();
        database.close();
        chats.forEach(chat -> withModel.advisor().reply(chat, "/forget"));
    }

    /** Asks in a private chat of its own and waits until the reply is wholly sent. */
    private void ask(long chat, String question) throws InterruptedException {
        chats.add(chat);
        telegram.textMessage(chat, "private", chat, question);
        telegram.expectSent(chat, 1, WAIT);
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);
    }

    /** Every text the chat was shown, drafts and edits included, in order. */
    private List<String> everythingShown(long chat) {
        return Stream.concat(telegram.sent(chat).stream(), telegram.edits(chat).stream())
                .map(b -> FakeBotApi.visibleText(b.get("text").asText())).toList();
    }

    /** The answer from the guides, as the bot without a model would show it. */
    private static String extractive(String question) {
        Answer answer = TestAdvisors.shipped().advisor().reply(970_001L, 970_001L, question);
        TestAdvisors.shipped().advisor().reply(970_001L, "/forget");
        return FakeBotApi.visibleText(TelegramHtml.render(answer).get(0));
    }

    @Test
    void an_answer_is_one_message_shown_as_it_is_written_and_edited_no_faster_than_the_gap() throws Exception {
        model.mode(Mode.FAITHFUL_LONG);
        model.chunkMillis(70); // about a sentence a second: several drafts
        long chat = 960_001;

        ask(chat, QUESTION);

        List<JsonNode> sent = telegram.sent(chat);
        List<JsonNode> edits = telegram.edits(chat);
        assertEquals(1, sent.size(), "one message, then edits: " + everythingShown(chat));
        assertTrue(edits.size() >= 2, "a draft edited at least once before the final edit: " + everythingShown(chat));
        String firstDraft = sent.get(0).get("text").asText();
        assertTrue(firstDraft.endsWith(" …"), firstDraft);
        List<Long> times = new ArrayList<>(List.of(sent.get(0).get("at").asLong()));
        edits.forEach(e -> times.add(e.get("at").asLong()));
        for (int i = 1; i < times.size(); i++) {
            long gapMillis = (times.get(i) - times.get(i - 1)) / 1_000_000;
            assertTrue(gapMillis >= DraftMessage.EDIT_GAP_MILLIS, "edit " + i + " came " + gapMillis + " ms after the one before");
        }
        JsonNode last = edits.get(edits.size() - 1);
        String finalHtml = last.get("text").asText();
        assertEquals("HTML", last.get("parse_mode").asText());
        assertNull(FakeBotApi.htmlProblem(finalHtml), finalHtml);
        assertTrue(finalHtml.contains("<i>Source"), "the checked answer ends with its sources: " + finalHtml);
        assertFalse(finalHtml.endsWith("…"), finalHtml);
        assertTrue(last.has("reply_markup"), "the finished answer has its buttons");
        String lastDraft = FakeBotApi.visibleText(edits.get(edits.size() - 2).get("text").asText());
        String shown = telegram.shownTexts(chat).get(0);
        assertTrue(shown.startsWith(lastDraft.substring(0, lastDraft.length() - 2)),
                "the finished answer goes on from its drafts: " + lastDraft + " / " + shown);
        assertEquals(shown, FakeBotApi.visibleText(finalHtml));
    }

    @Test
    void a_fast_model_is_shown_in_few_edits_the_drafts_between_folded_into_the_next() throws Exception {
        model.mode(Mode.FAITHFUL_LONG);
        model.chunkMillis(1);
        // The first streamed answer in a JVM pays for its warm-up (over 1.5 s on two busy cores): time the next.
        ask(960_012, QUESTION);
        long chat = 960_002;

        ask(chat, QUESTION);

        assertEquals(1, telegram.sent(chat).size(), everythingShown(chat).toString());
        // The reply has three sentences: an edit for each (and the final one) would be three edits. Folded, the
        // drafts that came within one gap go into one edit: one on a quiet machine, two when busy cores slow it.
        assertTrue(telegram.edits(chat).size() <= 2, "the drafts were not folded: " + everythingShown(chat));
        assertTrue(telegram.shownTexts(chat).get(0).contains("Source"), telegram.shownTexts(chat).toString());
    }

    @Test
    void an_answer_that_fails_its_check_ends_as_the_answer_from_the_guides_and_the_invented_figure_is_never_shown()
            throws Exception {
        model.mode(Mode.INVENTS_A_FIGURE);
        model.chunkMillis(20);
        long chat = 960_003;

        ask(chat, QUESTION);

        assertEquals(1, telegram.sent(chat).size(), everythingShown(chat).toString());
        assertTrue(telegram.sent(chat).get(0).get("text").asText().endsWith(" …"), "a draft was shown first");
        assertEquals(List.of(extractive(QUESTION)), telegram.shownTexts(chat));
        everythingShown(chat).forEach(text -> assertFalse(text.contains(FakeModelApi.INVENTED), text));
    }

    @Test
    void a_draft_the_person_deleted_is_left_and_the_answer_goes_as_a_new_message() throws Exception {
        model.mode(Mode.FAITHFUL_LONG);
        model.chunkMillis(70);
        long chat = 960_004;
        chats.add(chat);

        telegram.textMessage(chat, "private", chat, QUESTION);
        telegram.expectSent(chat, 1, WAIT);
        telegram.deleteMessages(chat);
        telegram.expectSent(chat, 2, WAIT);
        TelegramBotTest.awaitAllAnswered(inbox, WAIT);

        List<String> shown = telegram.shownTexts(chat);
        assertEquals(1, shown.size(), everythingShown(chat).toString());
        assertTrue(shown.get(0).contains("Source"), shown.toString());
        assertFalse(shown.get(0).endsWith("…"), shown.toString());
    }

    @Test
    void a_question_without_a_model_is_one_message_never_edited() throws Exception {
        bot.stop();
        bot = TelegramBotTest.bot(telegram, inbox, 1000);
        bot.start();
        TelegramBotTest.poll(bot, "extractive-poller");
        long chat = 960_005;
        int requestsBefore = model.requests().size();

        ask(chat, QUESTION);

        assertEquals(List.of(extractive(QUESTION)), telegram.sentTexts(chat).stream().map(FakeBotApi::visibleText).toList());
        assertEquals(List.of(), telegram.calls("editMessageText"));
        assertEquals(requestsBefore, model.requests().size(), "no request to the model");
    }
}
