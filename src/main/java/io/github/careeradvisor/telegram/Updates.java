package io.github.careeradvisor.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.inbox.UpdateInbox;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** How the bot reads an update, the same wherever it is read: when it is stored and when it is answered. */
final class Updates {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A getUpdates response as Telegram sends it: one private text message. */
    private static final String SAMPLE = """
            {"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"date":1700000000,\
            "from":{"id":1,"is_bot":false,"first_name":"A"},"chat":{"id":1,"type":"private","first_name":"A"},\
            "text":"how much does a junior ML engineer earn?"}}]}""";

    private Updates() {
    }

    /**
     * Reads {@link #SAMPLE} the ways the bot reads updates: as the Telegram library parses a getUpdates
     * response, and as the inbox writes and reads it back. Jackson builds its readers for the library's
     * update types (a graph of several hundred classes) at their first use: in a fresh process about half a
     * second, which the first person's question waited for (README, "Performance").
     *
     * @return the sample's update as read back from its JSON in the inbox
     */
    static Update readOnce() {
        try {
            List<Update> updates = new GetUpdates().deserializeResponse(SAMPLE);
            return read(received(updates.get(0)));
        } catch (TelegramApiRequestException | IOException e) {
            throw new IllegalStateException("reading a sample update", e);
        }
    }

    /** The message an update carries, new or edited (the bot answers both alike); null for other kinds. */
    static @Nullable Message message(Update update) {
        return update.hasMessage() ? update.getMessage() : update.hasEditedMessage() ? update.getEditedMessage() : null;
    }

    /**
     * An update as the inbox keeps it: its chat and sender worked out once, and the update as JSON.
     * Each person has their own profile, in a group too; a message with no sender (an anonymous group
     * admin) is answered as the chat. An update that is neither a message nor a button press keeps
     * chat and sender 0.
     */
    static UpdateInbox.Received received(Update update) {
        long chatId = 0;
        long userId = 0;
        if (update.hasCallbackQuery()) {
            CallbackQuery q = update.getCallbackQuery();
            userId = q.getFrom().getId();
            chatId = q.getMessage() != null ? q.getMessage().getChatId() : userId;
        } else {
            Message m = message(update);
            if (m != null && m.getChat() != null) {
                chatId = m.getChatId();
                userId = m.getFrom() != null ? m.getFrom().getId() : chatId;
            }
        }
        try {
            return new UpdateInbox.Received(update.getUpdateId(), chatId, userId, JSON.writeValueAsString(update));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing update " + update.getUpdateId() + " as JSON", e);
        }
    }

    /** An update as Telegram posts it to the webhook. */
    static Update read(byte[] json) throws IOException {
        return JSON.readValue(json, Update.class);
    }

    /** An update read back from the inbox, as {@link #received} wrote it. */
    static Update read(UpdateInbox.Received received) throws IOException {
        return JSON.readValue(received.payload(), Update.class);
    }
}
