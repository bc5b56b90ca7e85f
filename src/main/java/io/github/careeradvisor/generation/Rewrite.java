package io.github.careeradvisor.generation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A follow-up ("and in Europe?") rewritten by the model into a question that needs no thread: what it
 * is told, and what of its reply is taken. Only a short single question is; anything else (an answer
 * instead of a question, a refusal, several lines) is unusable and the rules' reading stays.
 */
final class Rewrite {

    /** A standalone question is one short line: more tokens than this are a model answering instead. */
    static final int MAX_TOKENS = 60;
    /** The longest rewrite taken, in characters. */
    static final int MAX_CHARS = 200;
    /** The thread's previous questions the model sees, the newest ones. */
    static final int RECENT = 3;

    static final String SYSTEM = """
            You rewrite a follow-up message from a conversation about becoming a machine-learning engineer
            into one standalone question that can be understood without the conversation. Keep the person's
            own words where you can, add only what the earlier questions make clear (the role, the level,
            the certification, the cloud, the place), and never answer it. Reply with the question alone, on
            one line, ending with a question mark.""";

    private static final Pattern LABEL = Pattern.compile("(?i)^(standalone question|rewritten question|question)\\s*:\\s*");
    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");

    private Rewrite() {
    }

    static String user(List<String> recent, String followUp) {
        StringBuilder text = new StringBuilder("Earlier questions, oldest first:\n");
        recent.subList(Math.max(0, recent.size() - RECENT), recent.size())
                .forEach(q -> text.append("- ").append(q).append('\n'));
        return text.append("\nFollow-up: ").append(followUp).toString();
    }

    /** The question in the model's reply, if it gave one that is usable. */
    static Optional<String> question(@Nullable String reply) {
        if (reply == null) {
            return Optional.empty();
        }
        String text = THINKING.matcher(reply).replaceAll("").strip();
        text = LABEL.matcher(text).replaceFirst("").strip();
        if (text.length() > 1 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("“") && text.endsWith("”"))) {
            text = text.substring(1, text.length() - 1).strip();
        }
        boolean oneQuestion = !text.contains("\n") && text.endsWith("?") && text.indexOf('?') == text.length() - 1;
        if (!oneQuestion || text.length() < 8 || text.length() > MAX_CHARS || text.contains("<")
                || text.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
