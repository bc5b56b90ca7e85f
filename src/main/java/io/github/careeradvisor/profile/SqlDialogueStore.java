package io.github.careeradvisor.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Conversations in the profile database's {@code dialogue} table: a row per turn, the turn itself as
 * JSON. Old turns are pruned when a new one is written, so a conversation never holds more than
 * {@value DialogueStore#MAX_TURNS} rows.
 */
final class SqlDialogueStore implements DialogueStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stored shape of a turn: ours, so the table does not depend on a record's field names. */
    /** {@code proposed} is absent (false) in rows written before it existed. */
    private record Row(String question, String intent, Map<String, String> slots, List<String> shown,
            List<String> facts, boolean proposed) {
    }

    /** How often turns of conversations nobody continued are swept out. */
    static final long SWEEP_MILLIS = 60_000;

    private final Database database;
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong();

    SqlDialogueStore(Database database) {
        this.database = database;
    }

    @Override
    public List<DialogueTurn> recent(long userId, long chatId, Instant since) {
        return database.read("reading the conversation of user " + userId, db -> {
            List<DialogueTurn> turns = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement("SELECT at_ms, turn FROM dialogue WHERE user_id = ? "
                    + "AND chat_id = ? AND at_ms >= ? ORDER BY seq DESC LIMIT " + MAX_TURNS)) {
                p.setLong(1, userId);
                p.setLong(2, chatId);
                p.setLong(3, since.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        turns.add(0, decode(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2)));
                    }
                }
            }
            return turns;
        });
    }

    @Override
    public void append(long userId, long chatId, List<DialogueTurn> turns, Instant since) {
        database.write("saving the conversation of user " + userId, db -> {
            for (DialogueTurn turn : turns) {
                insert(db, userId, chatId, turn);
            }
            try (PreparedStatement p = db.prepareStatement("DELETE FROM dialogue WHERE user_id = ? AND chat_id = ? "
                    + "AND (at_ms < ? OR seq <= (SELECT max(seq) FROM dialogue WHERE user_id = ? AND chat_id = ?) - "
                    + MAX_TURNS + ")")) {
                p.setLong(1, userId);
                p.setLong(2, chatId);
                p.setLong(3, since.toEpochMilli());
                p.setLong(4, userId);
                p.setLong(5, chatId);
                p.executeUpdate();
            }
            // Conversations nobody continued expire too, whoever they belong to: they hold people's words.
            // Swept at most once a minute of the turns' own time, not on every turn.
            long newest = turns.stream().mapToLong(t -> t.at().toEpochMilli()).max().orElse(0);
            if (newest - lastSweep.get() >= SWEEP_MILLIS) {
                lastSweep.set(newest);
                try (PreparedStatement p = db.prepareStatement("DELETE FROM dialogue WHERE at_ms < ?")) {
                    p.setLong(1, since.toEpochMilli());
                    p.executeUpdate();
                }
            }
        });
    }

    private static void insert(Connection db, long userId, long chatId, DialogueTurn turn) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO dialogue (user_id, chat_id, seq, at_ms, turn) "
                + "VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM dialogue WHERE user_id = ? AND chat_id = ?), "
                + "?, ?)")) {
            p.setLong(1, userId);
            p.setLong(2, chatId);
            p.setLong(3, userId);
            p.setLong(4, chatId);
            p.setLong(5, turn.at().toEpochMilli());
            p.setString(6, encode(turn));
            p.executeUpdate();
        }
    }

    @Override
    public void expire(Instant since) {
        database.write("deleting expired conversations", db -> {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM dialogue WHERE at_ms < ?")) {
                p.setLong(1, since.toEpochMilli());
                p.executeUpdate();
            }
        });
    }

    @Override
    public boolean clear(long userId, long chatId) {
        int[] deleted = new int[1];
        database.write("clearing the conversation of user " + userId, db -> {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM dialogue WHERE user_id = ? AND chat_id = ?")) {
                p.setLong(1, userId);
                p.setLong(2, chatId);
                deleted[0] = p.executeUpdate();
            }
        });
        return deleted[0] > 0;
    }

    private static String encode(DialogueTurn t) {
        try {
            return JSON.writeValueAsString(new Row(t.question(), t.intent(), t.slots(), t.shown(), t.facts(), t.proposed()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a conversation turn as JSON", e);
        }
    }

    private static DialogueTurn decode(Instant at, String json) {
        try {
            Row row = JSON.readValue(json, new TypeReference<Row>() { });
            return new DialogueTurn(at, row.question(), row.intent(), row.slots(), row.shown(), row.facts(), row.proposed());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored conversation turn is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
