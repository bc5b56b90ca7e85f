package io.github.careeradvisor.telegram;

import java.util.List;

/**
 * Buttons under a message, row by row, each a label and the callback data it sends back. The bot's
 * own value, so the journal stores a shape this project owns; {@link BotApi} turns it into
 * telegrambots' keyboard only when the message goes out.
 */
record Buttons(List<List<Button>> rows) {

    /** One button: what it shows and the callback data (at most 64 bytes, Telegram's limit) it sends. */
    record Button(String label, String callbackData) {
    }

    Buttons {
        rows = rows.stream().map(List::copyOf).toList();
        if (rows.isEmpty() || rows.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("buttons need at least one row, and no row may be empty: " + rows);
        }
    }
}
