package io.github.careeradvisor.storage;

import io.github.careeradvisor.inbox.SqlInbox;
import io.github.careeradvisor.inbox.UpdateInbox.Received;
import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.DialogueTurn;
import io.github.careeradvisor.profile.FeedbackStore;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.SqlProfileStore;
import io.github.careeradvisor.profile.TopicStatus;
import io.github.careeradvisor.profile.Weekly;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A database with rows in every table, written through the stores as the bot writes them: what a copy
 * must carry over whole. A person was forgotten after their answer took the highest id, so the answers'
 * ids have a gap at the top that a copy must not fill again.
 */
public final class EveryTable {

    public static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    /** A Telegram id past 2^32, as real ones are: it needs PostgreSQL's BIGINT. */
    public static final long BIG_ID = 98_765_432_109_876L;
    /** The ids of the people whose profiles stay. */
    public static final List<Long> USERS = List.of(1001L, 1002L, BIG_ID);
    /** The highest answer id given, though its answer is gone with the person who asked. */
    public static final long FORGOTTEN_ANSWER = 3;

    private EveryTable() {
    }

    public static void fill(Database database) {
        SqlProfileStore profiles = new SqlProfileStore(database);
        profiles.setLevel(1001, Level.JUNIOR);
        profiles.setCloud(1001, Cloud.GCP);
        profiles.setGoal(1001, "become an ML engineer at a bank");
        profiles.setHours(1001, 6);
        profiles.setBackground(1001, "data engineer", 8);
        profiles.setTopic(1001, "python", TopicStatus.DONE);
        profiles.setTopic(1001, "statistics", TopicStatus.LEARNING);
        profiles.setLevel(1002, Level.STUDENT);
        profiles.setGoal(BIG_ID, "стать ML-инженером 🚀 — «быстро»");
        profiles.setLevel(1003, Level.SENIOR);
        profiles.dialogue().append(1001, 1001, List.of(
                new DialogueTurn(NOW, "how much does a junior earn?", "salary", Map.of("level", "junior"),
                        List.of("salaries.md#junior"), List.of()),
                new DialogueTurn(NOW.plusSeconds(20), "and seniors?", "salary", Map.of("level", "senior"),
                        List.of("salaries.md#senior"), List.of(), true)), NOW.minusSeconds(3600));
        FeedbackStore feedback = profiles.feedback();
        long junior = feedback.answered(1001, 1001, "how much does a junior earn?", true, NOW);
        long pizza = feedback.answered(1002, 1002, "what is the best pizza?", false, NOW);
        feedback.answered(1003, 1003, "a question of someone who leaves", true, NOW);
        feedback.vote(junior, 1001, 1001, false, NOW.plusSeconds(30));
        feedback.comment(junior, 1001, "I wanted figures for Europe");
        feedback.vote(pizza, 1002, 1002, true, NOW.plusSeconds(40));
        profiles.forget(1003);
        profiles.reminders().set(1001, 1001, new Weekly(DayOfWeek.WEDNESDAY, LocalTime.of(19, 30), ZoneOffset.ofHours(2)), NOW);
        SqlInbox inbox = new SqlInbox(database);
        inbox.receive(List.of(new Received(500, 1001, 1001, "{\"update_id\":500}"),
                new Received(501, 1002, 1002, "{\"update_id\":501,\"message\":{\"text\":\"what next?\"}}"),
                new Received(502, BIG_ID, BIG_ID, "{\"update_id\":502,\"message\":{\"text\":\"привет\"}}")), 503);
        inbox.sent(500, 1, true);
        inbox.replying(501, "[\"part one\",\"part two\"]");
        inbox.sent(501, 1, false);
        StoreContract.update(database, "INSERT INTO send_slots (chat_id, next_at_ms) VALUES (1001, " + NOW.toEpochMilli()
                + "), (" + BIG_ID + ", " + (NOW.toEpochMilli() + 1000) + ")");
        StoreContract.update(database, "INSERT INTO question_times (user_id, at_ms) VALUES (1001, " + NOW.toEpochMilli()
                + ")");
        StoreContract.update(database, "INSERT INTO question_windows (user_id, noticed) VALUES (1001, 1)");
    }

    /** Every row of each table of the schema, sorted, as text: equal in two databases that hold the same. */
    public static Map<String, List<String>> rows(Database database, List<String> tables) {
        Map<String, List<String>> all = new java.util.LinkedHashMap<>();
        for (String table : tables) {
            List<String> rows = new ArrayList<>(StoreContract.rows(database, "SELECT * FROM " + table));
            rows.sort(null);
            all.put(table, rows);
        }
        return all;
    }
}
