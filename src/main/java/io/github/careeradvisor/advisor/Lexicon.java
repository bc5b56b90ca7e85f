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

    /** Every case-insensitive phrase, longest first: what {@link #each} finds, searched plainly. */
    private final @Nullable Pattern all;
    /**
     * The same alternatives, only those that can begin at a character: by the character {@link #fold folded},
     * those beginning with a letter or digit that folds to it, with those beginning otherwise, still
     * longest first. At a word's start only these can match, so only these are tried.
     */
    private final Map<Integer, Pattern> byFirst = new java.util.HashMap<>();
    /** The phrases beginning with neither a letter nor a digit (tried where no group is), or null. */
    private final @Nullable Pattern otherwise;
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
        this.all = pattern(insensitive);
        Map<Integer, List<String>> groups = new java.util.HashMap<>();
        List<String> others = new ArrayList<>();
        for (String phrase : insensitive) {
            int first = phrase.codePointAt(0);
            if (Character.isLetterOrDigit(first) && fold(fold(first)) == fold(first)) {
                groups.computeIfAbsent(fold(first), k -> new ArrayList<>()).add(phrase);
            } else {
                others.add(phrase);
            }
        }
        groups.forEach((first, phrases) -> {
            List<String> inOrder = new ArrayList<>(insensitive);
            inOrder.removeIf(ph -> !phrases.contains(ph) && !others.contains(ph));
            byFirst.put(first, pattern(inOrder));
        });
        this.otherwise = pattern(others);
    }

    /** One pattern of {@code phrases}, in their order, each a whole phrase as the class comment says. */
    private static @Nullable Pattern pattern(List<String> phrases) {
        String alternatives = phrases.stream()
                // A space or a dash between words matches either: "MLA C01" is "MLA-C01".
                .map(ph -> java.util.Arrays.stream(ph.split("[\\s-]+")).map(Pattern::quote)
                        .reduce((a, b) -> a + "[\\s-]+" + b).orElse(""))
                .reduce((a, b) -> a + "|" + b).orElse(null);
        return alternatives == null ? null : Pattern.compile("(?<![\\p{L}\\p{N}-])(?:" + alternatives
                + ")(?![\\p{L}\\p{N}-])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** A character as the patterns' case-insensitive matching compares it. */
    private static int fold(int c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /**
     * Each case-insensitive phrase found, as the text has it, in order: what {@link #all}'s search finds,
     * trying at each place only the phrases that can begin there (a place where the text's character
     * folds oddly tries them all).
     */
    void each(String text, java.util.function.Consumer<String> found) {
        if (all == null) {
            return;
        }
        for (int at = 0; at < text.length(); ) {
            int c = text.codePointAt(at);
            if (at > 0 && partOfWord(text.codePointBefore(at))) {
                at += Character.charCount(c); // inside a word: every phrase's look-behind fails here
                continue;
            }
            Pattern here = fold(fold(c)) != fold(c) ? all : byFirst.getOrDefault(fold(c), otherwise);
            if (here != null) {
                Matcher m = here.matcher(text).region(at, text.length()).useTransparentBounds(true)
                        .useAnchoringBounds(false);
                if (m.lookingAt()) {
                    found.accept(m.group());
                    at = m.end();
                    continue;
                }
            }
            at += Character.charCount(c);
        }
    }

    /** The patterns' {@code [\p{L}\p{N}-]}: a letter, a number or a dash. */
    private static boolean partOfWord(int c) {
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER || c == '-';
    }

    /** The plain search {@link #each} stands for (for tests). */
    @Nullable Pattern all() {
        return all;
    }

    /** The values of every phrase found, with the length of the phrase, in the order found. */
    List<Map.Entry<String, Integer>> found(String text) {
        List<Map.Entry<String, Integer>> found = new ArrayList<>();
        each(text, phrase -> {
            String value = values.get(key(phrase));
            if (value != null) {
                found.add(Map.entry(value, phrase.length()));
            }
        });
        for (Term t : exact) {
            if (t.pattern().matcher(text).find()) {
                found.add(Map.entry(t.value(), t.length()));
            }
        }
        return found;
    }

    /** The longest phrase found, as the text has it ("backend dev"), or null. */
    @Nullable String firstAsWritten(String text) {
        String[] best = new String[1];
        each(text, phrase -> {
            if (best[0] == null || phrase.length() > best[0].length()) {
                best[0] = phrase;
            }
        });
        return best[0];
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

    private static final Pattern BETWEEN_WORDS = Pattern.compile("[\\s-]+");

    private static String key(String phrase) {
        return BETWEEN_WORDS.matcher(phrase.toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    static Term term(String phrase, String value, boolean caseSensitive) {
        // Letters, digits and dashes around the phrase would make it part of another word.
        String body = Pattern.quote(phrase).replace(" ", "\\E[\\s-]+\\Q");
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        return new Term(Pattern.compile("(?<![\\p{L}\\p{N}-])" + body + "(?![\\p{L}\\p{N}-])", flags), phrase,
                value, phrase.length());
    }
}
