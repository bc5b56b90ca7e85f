package io.github.careeradvisor.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a message that asks two or three things ("what does a junior earn and which cert should I
 * take?") into its questions, so each gets its own short block of one reply. A message is split only
 * where each side is a question of a different intent; "ML engineers and data scientists" stays whole.
 */
final class Parts {

    /** No more questions than this are answered from one message. */
    static final int MAX_PARTS = 3;
    /** A side shorter than this is a list ("juniors and seniors"), not a question. */
    static final int MIN_WORDS = 3;
    /** Longer messages are one question told at length, not a list of questions. */
    static final int MAX_CHARS = 400;

    private static final Pattern JOINT = Pattern.compile(
            // "…? And how much…?": the "and" joins the second question to the first, it does not begin it.
            "(?<=\\?)\\s+(?:(?:and also|and|also|plus|as well as)\\s+)?|\\s*[;+&]\\s*"
            + "|,?\\s+(?:and also|and|also|plus|as well as)\\s+(?=\\w)"
            + "|,\\s+(?=(?:what|which|how|where|when|why|who|should|can|do|does|is|are)\\b)", Pattern.CASE_INSENSITIVE);

    /**
     * A side that is a question of its own starts like one; "research scientists" does not, and neither
     * does "I'm a junior" in "I'm a junior, how much should I earn?", which is one question about oneself.
     */
    private static final Pattern QUESTION_START = Pattern.compile("^(?i)(what|which|how|where|when|why|who|whats|"
            + "what's|should|can|could|do|does|did|is|are|will|would|tell|give|list|any)\\b");

    private Parts() {
    }

    static List<String> split(String message, Interpreter interpreter) {
        if (message.length() > MAX_CHARS) {
            return List.of(message);
        }
        String[] pieces = JOINT.split(message.strip());
        if (pieces.length < 2) {
            return List.of(message);
        }
        // Join neighbours until each side is long enough and names an intent of its own.
        List<String> parts = new ArrayList<>();
        List<Intent> intents = new ArrayList<>();
        for (String piece : pieces) {
            String p = piece.strip();
            if (p.isEmpty()) {
                continue;
            }
            Intent intent = words(p) >= MIN_WORDS && QUESTION_START.matcher(p).find() ? subject(p, interpreter) : null;
            int lastIndex = parts.size() - 1;
            if (lastIndex >= 0 && (intent == null || intent == intents.get(lastIndex) || intents.get(lastIndex) == null)) {
                parts.set(lastIndex, joinBack(message, parts.get(lastIndex), p));
                if (intents.get(lastIndex) == null) {
                    intents.set(lastIndex, intent);
                }
                continue;
            }
            parts.add(p);
            intents.add(intent);
        }
        if (parts.size() < 2 || intents.contains(null)) {
            return List.of(message);
        }
        return parts.size() <= MAX_PARTS ? parts : parts.subList(0, MAX_PARTS);
    }

    /** The two pieces as the message had them, with what stood between them. */
    private static String joinBack(String message, String left, String right) {
        int from = message.indexOf(left);
        int to = message.indexOf(right, from < 0 ? 0 : from + left.length());
        return from >= 0 && to >= 0 ? message.substring(from, to + right.length()).strip() : left + " " + right;
    }

    /**
     * What a side asks, by its subject words alone ("earn", "cert", "portfolio"), so splitting costs no
     * embedding; a side without one is read with its neighbour.
     */
    private static @org.jspecify.annotations.Nullable Intent subject(String side, Interpreter interpreter) {
        Entities entities = interpreter.entities();
        Entities.Found found = entities.find(side);
        if (found.slots().cert() != null || found.slots().code() != null) {
            return Intent.CERT_DETAIL;
        }
        return entities.subject(side);
    }

    private static int words(String text) {
        return Entities.wordCount(text);
    }
}
