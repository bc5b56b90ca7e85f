package io.github.careeradvisor.telegram;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** How the bot reads an update, the same wherever it is read: when it is stored and when it is answered. */
final class Updates {

    private Updates() {
    }

    /** The message an update carries, new or edited (the bot answers both alike); null for other kinds. */
    static @Nullable Message message(Update update) {
        return update.hasMessage() ? update.getMessage() : update.hasEditedMessage() ? update.getEditedMessage() : null;
    }

    /**
     * The first word of a text as a command, in lower case and split at its {@code @}: "/help@CareerAdvisorBot
     * now" is {@code /help} addressed to {@code careeradvisorbot}; without an {@code @} the addressee is empty.
     */
    record Command(String name, String addressee) {

        static Command of(String text) {
            String word = text.strip().split("\\s", 2)[0].toLowerCase(Locale.ROOT);
            int at = word.indexOf('@');
            return at < 0 ? new Command(word, "") : new Command(word.substring(0, at), word.substring(at + 1));
        }
    }
}
