package io.github.careeradvisor.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A {@link Reply} as the journal keeps it: JSON of the record itself, {@code buttons} as rows of
 * {@code label} and {@code callbackData}. Rows written before the bot had its own buttons hold
 * telegrambots' keyboard under {@code keyboard} ({@code inline_keyboard} rows of {@code text} and
 * {@code callback_data}); they are read into the same record, so a reply begun before an upgrade is
 * finished after it.
 */
final class StoredReply {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where replies journaled by releases before {@link Buttons} keep their keyboard. */
    private static final String OLD_KEYBOARD = "keyboard";

    private StoredReply() {
    }

    static String write(Reply reply) {
        try {
            return JSON.writeValueAsString(reply);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("writing a reply of " + reply.parts().size() + " parts as JSON", e);
        }
    }

    static Reply read(String json) throws IOException {
        JsonNode tree = JSON.readTree(json);
        if (tree instanceof ObjectNode reply && reply.has(OLD_KEYBOARD)) {
            reply.set("buttons", fromOldKeyboard(reply.remove(OLD_KEYBOARD)));
        }
        return JSON.treeToValue(tree, Reply.class);
    }

    /** telegrambots' {@code {"inline_keyboard":[[{"text":…,"callback_data":…}]]}} as {@link Buttons}' JSON. */
    private static JsonNode fromOldKeyboard(JsonNode keyboard) {
        if (keyboard.isNull()) {
            return keyboard;
        }
        ArrayNode rows = JSON.createArrayNode();
        for (JsonNode oldRow : keyboard.path("inline_keyboard")) {
            ArrayNode row = rows.addArray();
            for (JsonNode button : oldRow) {
                row.addObject().put("label", button.path("text").asText())
                        .put("callbackData", button.path("callback_data").asText());
            }
        }
        return JSON.createObjectNode().set("rows", rows);
    }
}
