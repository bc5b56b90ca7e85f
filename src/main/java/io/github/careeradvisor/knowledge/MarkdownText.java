package io.github.careeradvisor.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Markdown inline text into plain sentences: markup removed, text split at sentence ends. */
final class MarkdownText {

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|`)(\\S(?:.*?\\S)?)\\1");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?]|[.!?][\"”’)])\\s+(?=[\"“‘(]?[A-Z0-9$])");
    /** Words after which a full stop does not end the sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "e.g.", "i.e.", "etc.", "vs.", "u.s.", "dr.", "mr.", "ms.", "no.", "approx.", "incl.", "jr.", "sr.", "st.");

    private MarkdownText() {
    }

    static String plain(String markdown) {
        String text = LINK.matcher(markdown).replaceAll("$1");
        Matcher m = EMPHASIS.matcher(text);
        text = m.replaceAll(r -> Matcher.quoteReplacement(r.group(2)));
        return text.replaceAll("\\s+", " ").strip();
    }

    static List<String> sentences(String plainText) {
        List<String> sentences = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Matcher m = SENTENCE_END.matcher(plainText);
        int start = 0;
        while (m.find()) {
            current.append(plainText, start, m.start());
            start = m.end();
            if (endsWithAbbreviation(current.toString())) {
                current.append(' ');
                continue;
            }
            sentences.add(current.toString().strip());
            current.setLength(0);
        }
        current.append(plainText.substring(start));
        if (!current.toString().isBlank()) {
            sentences.add(current.toString().strip());
        }
        return sentences;
    }

    private static boolean endsWithAbbreviation(String text) {
        int space = text.lastIndexOf(' ');
        String lastWord = text.substring(space + 1).toLowerCase(java.util.Locale.ROOT);
        return ABBREVIATIONS.contains(lastWord) || lastWord.matches("[a-z]\\.");
    }
}
