package io.github.careeradvisor.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.SqlProfileStore;
import io.github.careeradvisor.storage.Database;
import io.github.careeradvisor.storage.StoreContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal beside the profiles as in production: on SQLite and on PostgreSQL by the subclasses. */
abstract class InboxContract extends StoreContract {

    InboxContract(Kind kind) {
        super(kind);
    }

    @Test
    void the_inbox_hands_out_each_update_once_and_remembers_what_is_unanswered_across_a_restart() {
        try (Database database = open()) {
            SqlInbox inbox = new SqlInbox(database);
            assertEquals(0, inbox.nextOffset());
            List<UpdateInbox.Received> batch = List.of(new UpdateInbox.Received(5, 1, 1, "{\"a\":1}"),
                    new UpdateInbox.Received(6, 2, 2, "{\"b\":2}"));

            assertEquals(2, inbox.receive(batch, 7).size());
            assertEquals(List.of(), inbox.receive(batch, 7), "the same updates again are not new");
            inbox.answered(5);
            assertEquals(7, inbox.nextOffset());
        }
        try (Database database = open()) {
            SqlInbox inbox = new SqlInbox(database);
            assertEquals(7, inbox.nextOffset());
            UpdateInbox.Received six = new UpdateInbox.Received(6, 2, 2, "{\"b\":2}");
            assertEquals(List.of(new UpdateInbox.Unanswered(six, null, 0, 0)), inbox.unanswered());
            assertEquals(List.of(new UpdateInbox.Unanswered(six, null, 0, 1)), inbox.resume(), "a start took it up");
            assertEquals(List.of(new UpdateInbox.Unanswered(six, null, 0, 2)), inbox.resume());
            inbox.receive(List.of(), 3);
            assertEquals(7, inbox.nextOffset(), "the offset never goes back");
        }
    }

    @Test
    void updates_stored_without_an_offset_move_it_past_the_newest_and_a_larger_poller_offset_wins() {
        try (Database database = open()) {
            SqlInbox inbox = new SqlInbox(database);
            inbox.receive(List.of(new UpdateInbox.Received(40, 1, 1, "{}")), 41);
            inbox.receive(List.of(new UpdateInbox.Received(90, 1, 1, "{}"), new UpdateInbox.Received(70, 2, 2, "{}")),
                    UpdateInbox.NO_OFFSET); // a webhook's

            assertEquals(91, inbox.nextOffset(), "a switch back to polling starts after the newest update stored");
            inbox.answered(90);
            assertEquals(91, inbox.nextOffset(), "an answered update still counts");
            inbox.receive(List.of(), 120); // a poll that skipped updates it could not read
            assertEquals(120, inbox.nextOffset());
        }
    }

    @Test
    void a_reply_and_the_parts_sent_survive_a_restart_and_the_last_part_answers_the_update() {
        UpdateInbox.Received update = new UpdateInbox.Received(8, 3, 3, "{\"c\":3}");
        try (Database database = open()) {
            SqlInbox inbox = new SqlInbox(database);
            inbox.receive(List.of(update), 9);
            inbox.replying(8, "[\"part one\",\"part two\",\"part three\"]");
            inbox.sent(8, 1, false);
            inbox.sent(8, 2, false);
        }
        try (Database database = open()) {
            SqlInbox inbox = new SqlInbox(database);
            assertEquals(List.of(new UpdateInbox.Unanswered(update, "[\"part one\",\"part two\",\"part three\"]", 2, 0)),
                    inbox.unanswered());
            inbox.sent(8, 3, true);
            assertEquals(List.of(), inbox.unanswered());
            assertEquals(List.of(), inbox.receive(List.of(update), 9), "an answered update is not new again");
        }
    }

    @Test
    void an_answered_update_keeps_no_text_nor_sender_and_forget_keeps_what_is_still_to_be_answered() {
        try (Database database = open()) {
            SqlInbox inbox = new SqlInbox(database);
            inbox.receive(List.of(new UpdateInbox.Received(1, 10, 10, "{\"text\":\"my secret question\"}"),
                    new UpdateInbox.Received(2, 20, 20, "{\"text\":\"/forget\"}")), 3);
            inbox.replying(1, "[\"a reply quoting my secret\"]");
            inbox.sent(1, 1, true);
            SqlProfileStore profiles = new SqlProfileStore(database);
            profiles.setLevel(20, Level.JUNIOR);
            assertTrue(profiles.forget(20));
            assertEquals(1, inbox.unanswered().size(), "the /forget being handled is still to be answered");
            inbox.answered(2);
        }
        assertEquals(0, count("SELECT count(*) FROM inbox WHERE payload LIKE '%secret%' OR reply LIKE '%secret%'"));
        assertEquals(0, count("SELECT count(*) FROM inbox WHERE user_id <> 0 OR chat_id <> 0"));
        assertEquals(2, count("SELECT count(*) FROM inbox"), "answered ids are kept to spot a repeat");
    }

    @Test
    void answered_updates_beyond_the_last_ten_thousand_are_pruned_and_the_offset_and_unanswered_ones_stay() {
        int total = SqlInbox.KEEP_ANSWERED + 2_000;
        try (Database database = open()) {
            SqlInbox inbox = new SqlInbox(database);
            List<UpdateInbox.Received> batch = new java.util.ArrayList<>();
            for (int id = 1; id <= total; id++) {
                batch.add(new UpdateInbox.Received(id, id, id, "{\"text\":\"question " + id + "\"}"));
            }
            inbox.receive(batch, total + 1);
            for (int id = 1; id <= total; id++) {
                if (id != 3) {
                    inbox.answered(id);
                }
            }

            assertEquals(total + 1, inbox.nextOffset(), "the offset, what exactly-once rests on, is kept");
            assertEquals(List.of(3L), inbox.unanswered().stream().map(u -> u.update().updateId()).toList(),
                    "an update not answered yet is never pruned, however old");
            assertEquals(List.of(), inbox.receive(batch.subList(total - SqlInbox.KEEP_ANSWERED, total), total + 1),
                    "the last ten thousand answered are still known");
        }
        long kept = count("SELECT count(*) FROM inbox WHERE answered_at IS NOT NULL");
        assertTrue(kept >= SqlInbox.KEEP_ANSWERED && kept <= SqlInbox.KEEP_ANSWERED + 500,
                "answered rows kept: " + kept + " of " + (total - 1));
        assertEquals(0, count("SELECT count(*) FROM inbox WHERE answered_at IS NOT NULL AND update_id <= "
                + (total - SqlInbox.KEEP_ANSWERED - 500)), "the oldest answered rows are gone");
    }
}
