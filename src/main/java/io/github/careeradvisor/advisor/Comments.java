package io.github.careeradvisor.advisor;

import java.util.Locale;
import java.util.Set;

/**
 * Whether the message after a 👎 asks something, and is answered as a question, or says what was missing,
 * and is kept as the comment on that answer (README, "Feedback").
 */
final class Comments {

    /** Words a question or a request opens with. */
    private static final Set<String> OPENERS = Set.of("what", "whats", "what's", "how", "hows", "how's", "which",
            "who", "whom", "whose", "why", "when", "where", "is", "are", "am", "was", "were", "do", "does", "did",
            "can", "could", "should", "would", "will", "shall", "may", "might", "tell", "explain", "show", "give",
            "list", "and", "so", "what're", "where's", "which's");

    private Comments() {
    }

    static boolean isQuestion(String message) {
        String text = message.strip();
        if (text.endsWith("?")) {
            return true;
        }
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+", 3);
        String first = words.length > 0 && !words[0].isEmpty() ? words[0] : words.length > 1 ? words[1] : "";
        return OPENERS.contains(first);
    }
}
