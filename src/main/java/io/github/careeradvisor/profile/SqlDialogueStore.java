package io.github.careeradvisor.profile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.careeradvisor.storage.Database;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversations in the profile database's {@code dialogue} table: a row per turn, the turn itself as
 * JSON. Old turns are pruned when a new one is written, so a conversation never holds more than
 * {@value DialogueStore#MAX_TURNS} rows.
 */
final class SqlDialogueStore implements DialogueStore {

    /**
     * A turn is stored as one JSON object: {@code question}, {@code intent}, {@code slots} (names to
     * values), {@code shown} and {@code facts} (lists of strings), {@code proposed} (absent, false, in rows
     * written before it existed). Written and read with Jackson's streaming parser and generator, not its
     * data binding: a process's first turn then loads about a hundred classes fewer and introspects no record
     * (README, "Performance").
     */
    private static final JsonFactory JSON = new JsonFactory();

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
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("question", t.question());
            g.writeStringField("intent", t.intent());
            g.writeObjectFieldStart("slots");
            for (Map.Entry<String, String> slot : t.slots().entrySet()) {
                g.writeStringField(slot.getKey(), slot.getValue());
            }
            g.writeEndObject();
            writeStrings(g, "shown", t.shown());
            writeStrings(g, "facts", t.facts());
            g.writeBooleanField("proposed", t.proposed());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a conversation turn as JSON", e);
        }
        return out.toString();
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /** A stored turn; fields it does not know are passed over, and a missing list or map is empty. */
    private static DialogueTurn decode(Instant at, String json) {
        String question = null;
        String intent = null;
        Map<String, String> slots = Map.of();
        List<String> shown = List.of();
        List<String> facts = List.of();
        boolean proposed = false;
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            JsonToken next;
            while ((next = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "question" -> question = p.getValueAsString();
                    case "intent" -> intent = p.getValueAsString();
                    case "slots" -> slots = value == JsonToken.START_OBJECT ? strings(p) : Map.of();
                    case "shown" -> shown = value == JsonToken.START_ARRAY ? list(p) : List.of();
                    case "facts" -> facts = value == JsonToken.START_ARRAY ? list(p) : List.of();
                    case "proposed" -> proposed = p.getValueAsBoolean();
                    default -> { } // a field this version does not know
                }
                p.skipChildren(); // what is left of an object or list where it did not belong
            }
            expect(next, JsonToken.END_OBJECT);
        } catch (IOException e) {
            throw new IllegalStateException("a stored conversation turn is not readable: " + e.getMessage(), e);
        }
        if (question == null || intent == null) {
            throw new IllegalStateException("a stored conversation turn is not readable: it has no "
                    + (question == null ? "question" : "intent"));
        }
        return new DialogueTurn(at, question, intent, slots, shown, facts, proposed);
    }

    private static Map<String, String> strings(JsonParser p) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String value = p.getValueAsString(); // null for null, an object or a list
            if (value != null) {
                map.put(name, value);
            }
            p.skipChildren();
        }
        expect(p.currentToken(), JsonToken.END_OBJECT);
        return map;
    }

    private static List<String> list(JsonParser p) throws IOException {
        List<String> values = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new IOException("a list is not closed");
            }
            String value = p.getValueAsString(); // null for null, an object or a list
            if (value != null) {
                values.add(value);
            }
            p.skipChildren(); // an object or list where a string belongs: passed over whole
        }
        return values;
    }

    private static void expect(JsonToken found, JsonToken wanted) throws IOException {
        if (found != wanted) {
            throw new IOException("expected " + wanted + ", found " + found);
        }
    }
}
