package io.github.careeradvisor.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.inbox.UpdateInbox;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** How the bot reads an update, the same wherever it is read: when it is stored and when it is answered. */
final class Updates {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Updates() {
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
