package io.github.careeradvisor.telegram;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.careeradvisor.chart.Chart;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What goes out for one update: its parts in order (each a Telegram message in HTML), the buttons
 * under the last, the group message it answers, and whether it is a grounded answer (null for a
 * notice), the message its first part replaces by an edit (null for a new message: the draft shown while
 * a language model wrote the answer, or the /next message a progress button was pressed under), and the
 * chart sent as a photo before the first part (null if none, and then left out of the JSON; rows
 * journaled before charts have none). Stored in the inbox ({@link StoredReply}) before its first part is
 * sent, so a restart sends the same words and the same picture.
 */
record Reply(List<String> parts, @Nullable Buttons buttons, @Nullable Integer replyTo,
        @Nullable Boolean grounded, @Nullable Integer replaces,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Chart chart) {

    Reply(List<String> parts, @Nullable Buttons buttons, @Nullable Integer replyTo, @Nullable Boolean grounded,
            @Nullable Integer replaces) {
        this(parts, buttons, replyTo, grounded, replaces, null);
    }

    Reply(List<String> parts, @Nullable Buttons buttons, @Nullable Integer replyTo, @Nullable Boolean grounded) {
        this(parts, buttons, replyTo, grounded, null);
    }

    Reply {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one part");
        }
    }

    static Reply notice(String text, @Nullable Integer replyTo) {
        return new Reply(List.of(TelegramHtml.escape(text)), null, replyTo, null);
    }
}
