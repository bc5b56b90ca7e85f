package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.careeradvisor.TestAdvisors;
import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.inbox.UpdateInbox;
import io.github.careeradvisor.storage.SqliteDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile user sends, at volume: 2,000 updates over 200 chats (private chats and groups) of huge,
 * invisible, right-to-left and markup texts, broken commands, commands for other bots, edits, stickers,
 * photos and buttons with garbage data, against the real bot and a Bot API stand-in that parses HTML as
 * strictly as Telegram. Each chat sends one update a round, and a round ends when the inbox has answered
 * all of them, so every message the bot sent is known to answer one update: each that deserves a reply
 * gets exactly one, and each that does not gets none.
 */
class HostileInputTest {

    private static final long FIRST_PERSON = 620_000;
    private static final int PRIVATE_CHATS = 170;
    private static final int GROUPS = 30;
    private static final long FIRST_GROUP = -1_000_620_000L;
    /** The one person speaking in each group: ids after the private chats' people. */
    private static final long FIRST_GROUP_MEMBER = FIRST_PERSON + 500;
    private static final int ROUNDS = 10;
    private static final long WAIT = 60_000;

    @TempDir
    Path data;

    /**
     * One update sent: its chat, the message a reply must quote (0 for none), the callback it is (or
     * null), whether it deserves a reply, how the reply must start (or null for any), and what it was.
     */
    private record Sent(long chat, int quoted, @Nullable String callback, boolean deservesReply,
            @Nullable String replyStart, String what) {

        static Sent reply(long chat, String what) {
            return new Sent(chat, 0, null, true, null, what);
        }
    }

    @Test
    void two_thousand_hostile_updates_each_get_exactly_the_reply_they_deserve_in_html_telegram_accepts() throws Exception {
        Advisor advisor = TestAdvisors.shipped().advisor();
        long errorsBefore = advisor.stats().errors();
        List<String> typed = new ArrayList<>();
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            int updates;
            try {
                updates = sendInRounds(new Random(7), typed);
            } finally {
                System.setErr(err);
            }
            assertTrue(updates >= 2_000 && PRIVATE_CHATS + GROUPS >= 50, updates + " updates");
            assertEquals(errorsBefore, advisor.stats().errors(), "an exception escaped a handler");
            String logged = log.toString(StandardCharsets.UTF_8);
            List<String> loud = logged.lines().filter(l -> l.contains("\tat ") || l.contains("Exception")
                    || l.contains(" ERROR ") || l.contains(" WARN ")).toList();
            assertTrue(logged.contains("answered chat=" + FIRST_PERSON + " "), "the bot's log was captured");
            assertEquals(List.of(), loud, "no stack trace, exception, error or warning on stderr");
            for (String text : typed) {
                String quoted = text.strip();
                // Commands and the bot's own name (logged at start) are words of the bot's, not the person's.
                if (quoted.length() >= 12 && !quoted.startsWith("/") && !quoted.startsWith("@" + FakeBotApi.USERNAME)) {
                    assertFalse(logged.contains(quoted.substring(0, 12)), "a user's text in the log: " + quoted.substring(0, 12));
                }
            }
            assertOnlyValidProfiles();
        } finally {
            forget(); // what the test's people left in the shared profile store
        }
    }

    /**
     * Runs the bot and sends {@value #ROUNDS} rounds of one update from each chat, checking each round's
     * replies once the inbox has answered it; returns how many updates were sent.
     */
    private int sendInRounds(Random random, List<String> typed) throws Exception {
        int updates = 0;
        try (FakeBotApi telegram = new FakeBotApi(); SqliteDatabase database = SqliteDatabase.open(data)) {
            UpdateInbox inbox = new SqlInbox(database);
            TelegramBot bot = TelegramBotTest.bot(telegram, inbox, 10_000);
            bot.start();
            TelegramBotTest.poll(bot, "hostile-poller");
            Map<Long, Integer> seen = new HashMap<>();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    List<Sent> sent = new ArrayList<>();
                    for (int c = 0; c < PRIVATE_CHATS; c++) {
                        sent.add(privateUpdate(telegram, FIRST_PERSON + c, round * PRIVATE_CHATS + c, random, typed));
                    }
                    for (int g = 0; g < GROUPS; g++) {
                        sent.add(groupUpdate(telegram, FIRST_GROUP - g, FIRST_GROUP_MEMBER + g, round * GROUPS + g, random,
                                typed));
                    }
                    updates += sent.size();
                    assertTrue(telegram.awaitConfirmed(WAIT), "round " + round + " was fetched and confirmed");
                    TelegramBotTest.awaitAllAnswered(inbox, WAIT);
                    assertEquals(List.of(), inbox.unanswered(), "round " + round + " was answered");
                    for (Sent s : sent) {
                        List<JsonNode> all = telegram.sent(s.chat());
                        checkReply(s, all.subList(seen.getOrDefault(s.chat(), 0), all.size()), telegram);
                        seen.put(s.chat(), all.size());
                    }
                }
                Thread.sleep(500); // a reply sent twice would arrive now
                for (Map.Entry<Long, Integer> chat : seen.entrySet()) {
                    assertEquals(chat.getValue(), telegram.sent(chat.getKey()).size(), "chat " + chat.getKey()
                            + " got a message after its last update was answered");
                }
                assertEquals(0, telegram.rejected(), "Telegram refused a message");
            } finally {
                bot.stop();
            }
        }
        return updates;
    }

    /** The messages one update got: none if it deserves none, else one reply, in parts, as Telegram takes them. */
    private static void checkReply(Sent s, List<JsonNode> messages, FakeBotApi telegram) {
        String what = s.what().length() > 80 ? s.what().substring(0, 80) + "…" : s.what();
        if (s.callback() != null) {
            long acks = telegram.calls("answerCallbackQuery").stream()
                    .filter(c -> c.body().path("callback_query_id").asText().equals(s.callback())).count();
            assertEquals(1, acks, "the button is acknowledged once: " + what);
        }
        if (!s.deservesReply()) {
            assertEquals(List.of(), messages.stream().map(m -> m.get("text").asText()).toList(), "no reply to " + what);
            return;
        }
        assertFalse(messages.isEmpty(), "a reply to " + what);
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String text = m.get("text").asText();
            assertEquals("HTML", m.path("parse_mode").asText(), "sent as HTML, not the plain-text fallback: " + what);
            assertNull(FakeBotApi.htmlProblem(text), what);
            assertTrue(texts.add(text), "a part went twice in the reply to " + what + ": " + text);
            int quoted = m.path("reply_parameters").path("message_id").asInt(0);
            assertEquals(i == 0 ? s.quoted() : 0, quoted, "the message quoted by part " + (i + 1) + " for " + what);
            if (i < messages.size() - 1) {
                assertTrue(m.path("reply_markup").isMissingNode(), "buttons only under the last part: " + what);
            }
        }
        if (s.replyStart() != null) {
            String first = messages.get(0).get("text").asText();
            assertTrue(first.startsWith(s.replyStart()), what + " was answered: " + first);
        }
    }

    /** Texts anyone could type, in a private chat each answered (a command for another bot too: there is no other bot there). */
    private static final List<String> PRIVATE_TEXTS = List.of(
            "how much does a junior ML engineer earn? ".repeat(100).substring(0, 4096),
            "💰".repeat(2048),
            "which skills do I need? ".repeat(500).substring(0, 10_000), "x".repeat(100_000),
            "💰🚀🤖", "👍", "🇺🇸🇬🇧", "👨‍👩‍👧‍👦",
            "\u200B\u200C\u200D\u2060\uFEFF", "\u200F\u202E", "\u202Ehow much does a junior earn?\u202C",
            "\u061C\u2067مرحبا\u2069 salary?", "zero\u200Bwidth\u200Bsalary\u200Bquestion",
            "<b>", "</a>", "<script>alert(1)</script>", "<a href=\"javascript:alert(1)\">click</a>", "<b>unclosed <i>tags",
            "</b></i></code>", "<tg-spoiler>x", "<span class=x>y</span>", "< b>x</ b>",
            "&amp", "&#x;", "&#;", "&lt", "&#0;", "&#x110000;", "&#55357;", "&amp; &lt; & &#xZZ; &",
            "**bold** __x__ _it_ [link](javascript:alert(1)) `code` ```block", "*salary* for _juniors_?",
            "\u0000", "junior\u0000salary?", "\u0000/start", "\u0000\u0001\u0007\u001B[31m",
            "/done " + "a".repeat(5_000), "/done <b>" + "&".repeat(4_990), "/skip &#x;",
            "/level xyz", "/level <script>", "/level junior' OR '1'='1", "/level",
            "/hours -1", "/hours 1e9", "/hours 0x10", "/hours NaN", "/hours 99999999999999999999", "/hours",
            "/cloud ../../etc", "/cloud ../../etc/passwd\u0000", "/cloud azure; rm -rf /",
            "/goal " + "g".repeat(10_000), "/goal <b>rich</b> & famous",
            "/help@SomeOtherBot please", "/frobnicate@otherbot", "/", "//", "/ what", "@CareerAdvisorBot",
            "I'm a <b>Java</b> developer with 999 years of experience", "\uD83D", "\uDC00x");

    /** Button data no button of the bot carries: acknowledged, and answered only as what it would send. */
    private static final List<String> GARBAGE_CALLBACKS = List.of("", "zzz", "t:", "t:salary\u0000", "x".repeat(300),
            "c", "\uD83D", "<b>", "t:../../etc");

    private static Sent privateUpdate(FakeBotApi telegram, long chat, int i, Random random, List<String> typed) {
        int kinds = PRIVATE_TEXTS.size() + 14;
        int kind = i % kinds;
        if (kind < PRIVATE_TEXTS.size()) {
            String text = PRIVATE_TEXTS.get(kind);
            typed.add(text);
            telegram.textMessage(chat, "private", chat, text);
            return Sent.reply(chat, text);
        }
        return switch (kind - PRIVATE_TEXTS.size()) {
            case 0 -> {
                telegram.textMessage(chat, "private", chat, "/start@otherbot");
                yield new Sent(chat, 0, null, true, "Hi! I'm a career advisor", "/start@otherbot in private");
            }
            case 1 -> {
                String text = "which certification should I take for Google Cloud?";
                yield new Sent(chat, telegram.editedMessage(chat, chat, text), null, true, null, "an edit: " + text);
            }
            case 2 -> {
                telegram.editedPhoto(chat, "private", chat);
                yield new Sent(chat, 0, null, false, null, "an edited photo caption");
            }
            case 3 -> {
                telegram.sticker(chat, chat);
                yield new Sent(chat, 0, null, true, Responder.NOT_TEXT, "a sticker");
            }
            case 4 -> {
                telegram.photo(chat, "private", chat, null);
                yield new Sent(chat, 0, null, true, Responder.NOT_TEXT, "a photo");
            }
            case 5 -> {
                telegram.photo(chat, "private", chat, "how much does a junior earn?");
                yield new Sent(chat, 0, null, true, Responder.NOT_TEXT, "a photo with a caption");
            }
            case 6 -> {
                String data = GARBAGE_CALLBACKS.get((i / kinds) % GARBAGE_CALLBACKS.size());
                yield new Sent(chat, 0, telegram.callback(chat, chat, data), false, null, "button data '" + data + "'");
            }
            case 7 -> {
                String data = List.of("c:", "c:/hours 1e9", "c:<b>", "c:/cloud ../../etc", "c:\u0000").get((i / kinds) % 5);
                yield new Sent(chat, 0, telegram.callback(chat, chat, data), true, null, "button data '" + data + "'");
            }
            case 8 -> new Sent(chat, 0, telegram.callback(chat, chat, "t:salary"), true, null, "the salary button");
            default -> {
                String text = hostileText(random);
                typed.add(text);
                telegram.textMessage(chat, "private", chat, text);
                yield Sent.reply(chat, "random: " + text);
            }
        };
    }

    private static Sent groupUpdate(FakeBotApi telegram, long group, long member, int i, Random random, List<String> typed) {
        String type = "supergroup";
        // Neither a command nor a mention: a group message the bot must let pass.
        String noise = "noise " + hostileText(random).replace("@", "");
        typed.add(noise);
        return switch (i % 20) {
            case 0 -> none(group, telegram.textMessage(group, type, member, "/start@otherbot"), "/start@otherbot in a group");
            case 1 -> none(group, telegram.textMessage(group, type, member, "/help@SomeOtherBot now"), "/help@SomeOtherBot");
            case 2 -> none(group, telegram.textMessage(group, type, member, "how much does a junior earn?"), "not addressed");
            case 3 -> none(group, telegram.textMessage(group, type, member, noise), "noise, not addressed");
            case 4 -> none(group, telegram.sticker(group, type, member), "a sticker in a group");
            case 5 -> none(group, telegram.photo(group, type, member, "look at this"), "a photo in a group");
            case 6 -> none(group, telegram.editedMessage(group, type, member, "edited, <b>not</b> addressed"),
                    "an edit not addressed");
            case 7 -> none(group, telegram.editedPhoto(group, type, member), "an edited photo in a group");
            case 8 -> new Sent(group, 0, telegram.callback(group, member, "zzz"), false, null, "garbage button in a group");
            case 9 -> quoted(group, telegram.textMessage(group, type, member, "/start@CareerAdvisorBot"), "Hi! I'm a career advisor",
                    "/start@CareerAdvisorBot");
            case 10 -> quoted(group, telegram.textMessage(group, type, member, "/start"), "Hi! I'm a career advisor", "/start");
            case 11 -> quoted(group, telegram.textMessage(group, type, member, "/level@careeradvisorbot xyz"), null,
                    "/level@careeradvisorbot xyz");
            case 12 -> quoted(group, telegram.textMessage(group, type, member, "@CareerAdvisorBot <script>alert(1)</script> &#x;"),
                    null, "a mention with markup");
            case 13 -> quoted(group, telegram.textMessage(group, type, member, "@CareerAdvisorBot " + "salary ".repeat(1_500)),
                    null, "a mention with 10,000 characters");
            case 14 -> quoted(group, telegram.replyToBot(group, member, noise), null, "a reply to the bot: " + noise);
            case 15 -> quoted(group, telegram.editedMessage(group, type, member, "@CareerAdvisorBot what about seniors?"),
                    null, "an edit addressed to the bot");
            case 16 -> quoted(group, telegram.textMessage(group, type, member, "/profile@CareerAdvisorBot"),
                    Responder.PROFILE_IN_PRIVATE, "/profile in a group");
            case 17 -> quoted(group, telegram.textMessage(group, type, member, "/hours@CareerAdvisorBot 1e9"), null, "/hours 1e9");
            case 18 -> quoted(group, telegram.photo(group, type, member, "@CareerAdvisorBot what is this?"), Responder.NOT_TEXT,
                    "a photo whose caption addresses the bot");
            default -> new Sent(group, 0, telegram.callback(group, member, "t:certs"), true, null, "the certs button in a group");
        };
    }

    private static Sent none(long group, int messageId, String what) {
        return new Sent(group, messageId, null, false, null, what);
    }

    private static Sent quoted(long group, int messageId, @Nullable String replyStart, String what) {
        return new Sent(group, messageId, null, true, replyStart, what);
    }

    /** Whatever the hostile commands tried, the profile database holds only valid values. */
    private static void assertOnlyValidProfiles() throws Exception {
        String people = "user_id BETWEEN " + FIRST_PERSON + " AND " + (FIRST_GROUP_MEMBER + GROUPS);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + Path.of("target", "test-data", SqliteDatabase.FILE));
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM profiles WHERE " + people + " AND ("
                    + "level NOT IN ('new-to-tech','student','career-switcher','junior','mid','senior') "
                    + "OR cloud NOT IN ('aws','gcp','azure','none') OR hours_per_week NOT BETWEEN 1 AND 80 "
                    + "OR length(goal) > 200 OR length(background) > 200)")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "profiles with a value no command allows");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM topic_progress WHERE " + people
                    + " AND topic_id NOT IN ('python','math','statistics','data-sql','ml-algorithms','software-engineering',"
                    + "'deep-learning','deployment','big-data','cloud','portfolio','job-search')")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "progress on a topic the roadmap does not have");
            }
        }
    }

    /** Deletes what the test's people left in the shared profile store. */
    private static void forget() {
        Advisor advisor = TestAdvisors.shipped().advisor();
        for (long person = FIRST_PERSON; person < FIRST_PERSON + PRIVATE_CHATS; person++) {
            advisor.reply(person, "/forget");
        }
        for (long member = FIRST_GROUP_MEMBER; member < FIRST_GROUP_MEMBER + GROUPS; member++) {
            advisor.reply(member, "/forget");
        }
    }

    private static final String[] FIXED = {
        "<b>unclosed <i>tags", "</b></i></code>", "&amp; &lt; & &#xZZ; &", "<script>alert(1)</script>",
        "[link](javascript:alert(1)) **bold** __x__ `code` ```block", "/done ../../etc/passwd",
        "/level '; DROP TABLE profiles; --", "/level junior' OR '1'='1", "/goal <b>rich</b> & famous",
        "/hours 99999999999999999999", "/hours -5", "/cloud azure; rm -rf /", "/skip %00%0A", "/forget now please",
        "\u202Eevil right-to-left\u202C salary?", "zero\u200Bwidth\u200Bsalary\u200Bquestion", "\u0000\u0001\u0007",
        "I'm a <b>Java</b> developer with 999 years of experience", "I already know <script>python</script> and SQL",
        "/profile@CareerAdvisorBot", "/ what", "//", "/", "@CareerAdvisorBot", "💰💰💰 salary 💰💰💰", "\uD83D", "\uDC00x"
    };

    /** A random hostile text: a fixed one, random Unicode (up to 6,000 characters), or a question with junk in it. */
    private static String hostileText(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> FIXED[random.nextInt(FIXED.length)];
            case 1 -> randomUnicode(random, 1 + random.nextInt(300));
            case 2 -> randomUnicode(random, random.nextInt(10) == 0 ? 4000 + random.nextInt(2000) : 200 + random.nextInt(300));
            case 3 -> FIXED[random.nextInt(FIXED.length)] + randomUnicode(random, 20);
            default -> "how much does a junior earn " + randomUnicode(random, 10) + " <&> ?";
        };
    }

    private static final String MARKUP = "<>&\"'/*_`[]()";

    private static String randomUnicode(Random random, int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            int kind = random.nextInt(10);
            int cp = switch (kind) {
                case 0 -> random.nextInt(0x20);                       // control characters
                case 1 -> 0x200B + random.nextInt(5);                  // zero-width and joiners
                case 2 -> 0x0590 + random.nextInt(0x200);              // Hebrew and Arabic, right to left
                case 3 -> 0x1F300 + random.nextInt(0x300);             // emoji
                case 4 -> MARKUP.charAt(random.nextInt(MARKUP.length())); // markup characters
                default -> 0x20 + random.nextInt(0x2FF);               // Latin and more
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
