package io.github.careeradvisor.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.storage.Database;
import io.github.careeradvisor.storage.StoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conversations kept across a restart, bounded, expired, cleared, forgotten: on SQLite and on PostgreSQL
 * by the subclasses.
 */
abstract class DialogueStoreContract extends StoreContract {

    DialogueStoreContract(Kind kind) {
        super(kind);
    }

    private SqlProfileStore store() {
        return new SqlProfileStore(open());
    }

    private static DialogueTurn turn(Instant at, String question) {
        return new DialogueTurn(at, question, "salary", Map.of("level", "junior"), List.of("knowledge/salaries.md#Entry"),
                List.of());
    }

    @Test
    void a_thread_survives_a_restart_with_its_intent_slots_and_shown_sections() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        try (SqlProfileStore store = store()) {
            store.dialogue().append(7, 0, List.of(turn(now, "what does a junior earn?")), now.minusSeconds(3600));
        }
        try (SqlProfileStore reopened = store()) {
            List<DialogueTurn> thread = reopened.dialogue().recent(7, 0, now.minusSeconds(3600));

            assertEquals(List.of(turn(now, "what does a junior earn?")), thread);
            assertTrue(reopened.dialogue().recent(7, 99, now.minusSeconds(3600)).isEmpty(), "another chat's thread");
            assertTrue(reopened.dialogue().recent(8, 0, now.minusSeconds(3600)).isEmpty(), "another person's thread");
        }
    }

    @Test
    void a_question_asked_back_is_kept_as_one_and_a_row_from_before_that_flag_reads_as_an_answer() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        DialogueTurn asked = new DialogueTurn(now, "How much does a senior ML engineer earn?", "salary",
                Map.of("level", "senior"), List.of(), List.of(), true);
        try (Database database = open()) {
            SqlProfileStore store = new SqlProfileStore(database);
            store.dialogue().append(7, 1, List.of(asked), now.minusSeconds(3600));
            store.dialogue().append(7, 2, List.of(turn(now, "what does a junior earn?")), now.minusSeconds(3600));
            update(database, "UPDATE dialogue SET turn = replace(turn, ',\"proposed\":false', '') WHERE chat_id = 2");

            assertEquals(List.of(asked), store.dialogue().recent(7, 1, now.minusSeconds(3600)));
            assertEquals(1, count(database, "SELECT count(*) FROM dialogue WHERE chat_id = 2 AND turn NOT LIKE '%proposed%'"));
            assertFalse(store.dialogue().recent(7, 2, now.minusSeconds(3600)).get(0).proposed());
        }
    }

    @Test
    void a_turn_is_stored_in_the_json_earlier_releases_wrote_and_read_whatever_a_later_one_adds() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        DialogueTurn turn = new DialogueTurn(now, "which cert? \"AWS\", é", "cert_advice", Map.of("cloud", "aws"),
                List.of("knowledge/certifications.md#AWS"), List.of("aws-mla"));
        // As the data-binding codec before stop 33 wrote it: a row any release reads.
        String stored = "{\"question\":\"which cert? \\\"AWS\\\", é\",\"intent\":\"cert_advice\",\"slots\":{\"cloud\":\"aws\"},"
                + "\"shown\":[\"knowledge/certifications.md#AWS\"],\"facts\":[\"aws-mla\"],\"proposed\":false}";
        try (Database database = open()) {
            SqlProfileStore store = new SqlProfileStore(database);
            store.dialogue().append(7, 3, List.of(turn), now.minusSeconds(3600));
            assertEquals(stored, database.read("reading the row", c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT turn FROM dialogue WHERE chat_id = 3")) {
                    rs.next();
                    return rs.getString(1);
                }
            }));
            // A later release's field, a value where none is expected, and a null list: passed over.
            String later = stored.replace("\"proposed\":false", "\"proposed\":false,\"later\":{\"x\":[1,{\"y\":2}]}")
                    .replace("\"facts\":[\"aws-mla\"]", "\"facts\":[\"aws-mla\",{\"z\":1}]");
            update(database, "UPDATE dialogue SET turn = '" + later.replace("'", "''") + "' WHERE chat_id = 3");
            assertEquals(List.of(turn), store.dialogue().recent(7, 3, now.minusSeconds(3600)));
            update(database, "UPDATE dialogue SET turn = '" + stored.replace("[\"knowledge/certifications.md#AWS\"]", "null")
                    .replace("'", "''") + "' WHERE chat_id = 3");
            assertEquals(List.of(), store.dialogue().recent(7, 3, now.minusSeconds(3600)).get(0).shown());
        }
    }

    @Test
    void only_the_last_ten_turns_are_kept_and_expired_ones_are_neither_returned_nor_kept() {
        Instant start = Instant.parse("2026-12-02T10:00:00Z");
        try (Database database = open()) {
            SqlProfileStore store = new SqlProfileStore(database);
            for (int i = 0; i < 14; i++) {
                Instant at = start.plusSeconds(60L * i);
                store.dialogue().append(7, 0, List.of(turn(at, "question " + i)), at.minus(Duration.ofHours(3)));
            }
            List<DialogueTurn> thread = store.dialogue().recent(7, 0, start);
            assertEquals(DialogueStore.MAX_TURNS, thread.size());
            assertEquals("question 4", thread.get(0).question());
            assertEquals("question 13", thread.get(9).question());
            assertEquals(10, count(database, "SELECT count(*) FROM dialogue"));

            Instant later = start.plus(Duration.ofHours(5));
            assertTrue(store.dialogue().recent(7, 0, later.minus(Duration.ofHours(3))).isEmpty(), "expired");
            store.dialogue().append(8, 0, List.of(turn(later, "hello")), later.minus(Duration.ofHours(3)));
            assertEquals(0, count(database, "SELECT count(*) FROM dialogue WHERE user_id = 7"),
                    "an expired thread is deleted, not just hidden");
        }
    }

    @Test
    void clearing_a_thread_keeps_the_profile_and_forgetting_deletes_every_thread() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        try (Database database = open()) {
            SqlProfileStore store = new SqlProfileStore(database);
            store.setLevel(7, Level.JUNIOR);
            store.dialogue().append(7, 0, List.of(turn(now, "a")), now.minusSeconds(60));
            store.dialogue().append(7, 42, List.of(turn(now, "b")), now.minusSeconds(60));

            assertTrue(store.dialogue().clear(7, 0));
            assertFalse(store.dialogue().clear(7, 0), "nothing left to clear");
            assertEquals(1, count(database, "SELECT count(*) FROM dialogue WHERE user_id = 7"));
            assertEquals(Level.JUNIOR, store.load(7).level());

            assertTrue(store.forget(7));
            assertEquals(0, count(database, "SELECT count(*) FROM dialogue WHERE user_id = 7"));
        }
    }
}
