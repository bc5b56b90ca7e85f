package io.github.careeradvisor.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.profile.DialogueTurn;
import io.github.careeradvisor.profile.SqlProfileStore;
import io.github.careeradvisor.profile.TopicStatus;
import io.github.careeradvisor.storage.DatabaseFile;
import io.github.careeradvisor.storage.SqliteDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The journal's contract in a real SQLite file in a temporary data dir, and what only the file's bytes show. */
class SqliteInboxTest extends InboxContract {

    SqliteInboxTest() {
        super(Kind.SQLITE);
    }

    @Test
    void forgetting_a_person_leaves_none_of_their_words_nor_their_id_in_the_file_or_its_write_ahead_log() throws Exception {
        long ann = 98_765_432_109_876L;
        long bob = 98_765_432_100_001L;
        List<byte[]> annsTraces = new java.util.ArrayList<>(DatabaseFile.id(ann));
        annsTraces.addAll(List.of(DatabaseFile.text("zorbly-goal-4471"), DatabaseFile.text("quixotic-question-9183")));
        try (SqliteDatabase database = SqliteDatabase.open(data)) {
            SqlProfileStore profiles = new SqlProfileStore(database);
            SqlInbox inbox = new SqlInbox(database);
            Instant now = Instant.now();
            profiles.setGoal(ann, "become a zorbly-goal-4471 engineer");
            profiles.setTopic(ann, "python", TopicStatus.DONE);
            profiles.setGoal(bob, "lead a data team");
            profiles.dialogue().append(ann, ann, List.of(new DialogueTurn(now, "what is quixotic-question-9183?", "salary",
                    Map.of(), List.of(), List.of())), now.minusSeconds(60));
            inbox.receive(List.of(new UpdateInbox.Received(1, ann, ann, update(ann, "what is quixotic-question-9183?"))), 2);
            inbox.replying(1, "[\"quixotic-question-9183 is not in my guides\"]");
            inbox.sent(1, 1, true);
            inbox.receive(List.of(new UpdateInbox.Received(2, ann, ann, update(ann, "/forget"))), 3);
            assertEquals(annsTraces.size(), DatabaseFile.holding(data, annsTraces).size(),
                    "before: the scan finds each trace: " + DatabaseFile.holding(data, annsTraces));

            assertTrue(profiles.forget(ann));
            inbox.answered(2);

            assertEquals(List.of(), DatabaseFile.holding(data, annsTraces));
            assertEquals("lead a data team", profiles.load(bob).goal(), "the others' data stays");
        }
        assertEquals(0, DatabaseFile.count(data, "SELECT count(*) FROM inbox WHERE user_id = " + ann + " OR chat_id = " + ann));
    }

    private static String update(long user, String text) {
        return "{\"message\":{\"from\":{\"id\":" + user + "},\"chat\":{\"id\":" + user + "},\"text\":\"" + text + "\"}}";
    }
}
