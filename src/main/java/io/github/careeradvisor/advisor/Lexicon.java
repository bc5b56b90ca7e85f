package io.github.careeradvisor.advisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A group of phrases searched in one pass: one pattern of every phrase, longest first, and the value
 * each match stands for. Phrases match whole words, case-insensitively, a space or a dash between
 * words matching either; a short alias ("CAP") matches only as written.
 */
final class Lexicon {

    /** One phrase to find and what it stands for. */
    record Term(Pattern pattern, String phrase, String value, int length) {
    }

    private final @Nullable Pattern all;
    private final Map<String, String> values = new java.util.HashMap<>();
    private final List<Term> exact = new ArrayList<>();

    Lexicon(List<Term> terms) {
        List<String> insensitive = new ArrayList<>();
        for (Term t : terms) {
            if ((t.pattern().flags() & Pattern.CASE_INSENSITIVE) == 0) {
                exact.add(t);
            } else if (values.putIfAbsent(key(t.phrase()), t.value()) == null) {
                insensitive.add(t.phrase());
            }
        }
        insensitive.sort(Comparator.comparingInt(String::length).reversed());
        String alternatives = insensitive.stream()
                // A space or a dash between words matches either: "MLA C01" is "MLA-C01".
                .map(ph -> java.util.Arrays.stream(ph.split("[\\s-]+")).map(Pattern::quote)
                        .reduce((a, b) -> a + "[\\s-]+" + b).orElse(""))
                .reduce((a, b) -> a + "|" + b).orElse(null);
        this.all = alternatives == null ? null : Pattern.compile("(?<![\\p{L}\\p{N}-])(?:" + alternatives
                + ")(?![\\p{L}\\p{N}-])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The values of every phrase found, with the length of the phrase, in the order found. */
    List<Map.Entry<String, Integer>> found(String text) {
        List<Map.Entry<String, Integer>> found = new ArrayList<>();
        if (all != null) {
            Matcher m = all.matcher(text);
            while (m.find()) {
                String value = values.get(key(m.group()));
                if (value != null) {
                    found.add(Map.entry(value, m.group().length()));
                }
            }
        }
        for (Term t : exact) {
            if (t.pattern().matcher(text).find()) {
                found.add(Map.entry(t.value(), t.length()));
            }
        }
        return found;
    }

    /** The longest phrase found, as the text has it ("backend dev"), or null. */
    @Nullable String firstAsWritten(String text) {
        String best = null;
        if (all != null) {
            Matcher m = all.matcher(text);
            while (m.find()) {
                if (best == null || m.group().length() > best.length()) {
                    best = m.group();
                }
            }
        }
        return best;
    }

    /** The value of the longest phrase found, or null. */
    @Nullable String first(String text) {
        return found(text).stream().max(Comparator.comparingInt(Map.Entry::getValue)).map(Map.Entry::getKey)
                .orElse(null);
    }

    Set<String> values(String text) {
        Set<String> values = new LinkedHashSet<>();
        found(text).forEach(e -> values.add(e.getKey()));
        return values;
    }

    private static String key(String phrase) {
        return phrase.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", " ");
    }

    static Term term(String phrase, String value, boolean caseSensitive) {
        // Letters, digits and dashes around the phrase would make it part of another word.
        String body = Pattern.quote(phrase).replace(" ", "\\E[\\s-]+\\Q");
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        return new Term(Pattern.compile("(?<![\\p{L}\\p{N}-])" + body + "(?![\\p{L}\\p{N}-])", flags), phrase,
                value, phrase.length());
    }
}
