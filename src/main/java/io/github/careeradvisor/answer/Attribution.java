package io.github.careeradvisor.answer;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves whose a statement is from the front of a sentence to a short note at its end: "Simplilearn:
 * entry-level ML engineers earn $70,000 to $120,000 a year." reads "Entry-level ML engineers earn
 * $70,000 to $120,000 a year (Simplilearn)." The figure keeps its source; only the order changes, and
 * only where the source's name is followed by a colon or by "says" and the like, so no other sentence
 * changes meaning.
 */
final class Attribution {

    private final List<Pattern> patterns;

    /** @param sources the names the guides give their sources, e.g. "Simplilearn", "the ML Engineer Jobs guide" */
    Attribution(List<String> sources) {
        this.patterns = sources.stream().filter(s -> !s.isBlank()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(s -> Pattern.compile("^(" + Pattern.quote(s) + ")(?::| (?:says|adds|notes|reports|writes|"
                        + "estimates|puts it)(?: that)?,?) (.+)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL))
                .toList();
    }

    String compact(String sentence) {
        for (Pattern p : patterns) {
            Matcher m = p.matcher(sentence);
            if (m.matches()) {
                String claim = m.group(2).strip();
                String end = claim.endsWith(".") || claim.endsWith("!") ? claim.substring(claim.length() - 1) : "";
                String body = claim.substring(0, claim.length() - end.length());
                return capitalise(body) + " (" + shortName(m.group(1)) + ")" + (end.isEmpty() ? "." : end);
            }
        }
        return sentence;
    }

    /** "the ML Engineer Jobs guide" is "ML Engineer Jobs guide" in a note. */
    static String shortName(String source) {
        String name = source.regionMatches(true, 0, "the ", 0, 4) ? source.substring(4) : source;
        return capitalise(name);
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
