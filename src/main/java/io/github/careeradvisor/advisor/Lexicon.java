package io.github.careeradvisor.advisor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A group of phrases and the value each stands for. Phrases match whole words, case-insensitively, a
 * space or a dash between words matching either; where phrases overlap the longest wins; a short alias
 * ("CAP") matches only as written.
 */
final class Lexicon {

    /** One phrase to find and what it stands for. */
    record Term(Pattern pattern, String phrase, String value, int length) {
    }

    private static final Pattern BETWEEN_WORDS = Pattern.compile("[\\s-]+");

    /**
     * Every case-insensitive phrase in one pattern, longest first: what {@link #each} finds is what a
     * search with it finds.
     */
    private final @Nullable Pattern all;
    /**
     * The same, only the phrases that can begin with a character: by the character as {@link #fold}
     * folds it, the phrases whose first letter or digit folds to it, with {@link #otherwise}'s, still
     * longest first. Empty when a phrase has a character outside the Basic Multilingual Plane, whose
     * pattern looks behind by whole characters where the others look behind by UTF-16 units.
     */
    private final Map<Integer, Pattern> byFirst = new HashMap<>();
    /**
     * The phrases beginning with neither a letter nor a digit, or with one that folds oddly: tried at
     * every word's start. Null when there are none.
     */
    private final @Nullable Pattern otherwise;
    private final boolean wholeCharacters;
    private final Map<String, String> values = new HashMap<>();
    private final List<Term> exact = new ArrayList<>();

    Lexicon(List<Term> terms) {
        List<String> insensitive = new ArrayList<>();
        for (Term t : terms) {
            if (key(t.phrase()).isBlank()) {
                continue; // no word in it ("-", " "): it would match nothing but the space between two words
            }
            if ((t.pattern().flags() & Pattern.CASE_INSENSITIVE) == 0) {
                exact.add(t);
            } else if (values.putIfAbsent(key(t.phrase()), t.value()) == null) {
                insensitive.add(t.phrase());
            }
        }
        insensitive.sort(Comparator.comparingInt(String::length).reversed());
        this.all = pattern(insensitive);
        this.wholeCharacters = insensitive.stream().anyMatch(ph -> ph.codePointCount(0, ph.length()) != ph.length());
        // Each group gets its own phrases and every phrase of no group, in the one order.
        Map<Integer, List<String>> groups = new HashMap<>();
        List<String> others = new ArrayList<>();
        for (String phrase : insensitive) {
            Integer group = wholeCharacters ? null : group(phrase.codePointAt(0));
            if (group != null) {
                groups.computeIfAbsent(group, g -> new ArrayList<>(others)).add(phrase);
            } else {
                others.add(phrase);
                groups.values().forEach(phrases -> phrases.add(phrase));
            }
        }
        groups.forEach((first, phrases) -> byFirst.put(first, pattern(phrases)));
        this.otherwise = pattern(others);
    }

    /** The group of a phrase beginning with {@code first}, or null when it belongs to none. */
    private static @Nullable Integer group(int first) {
        return Character.isLetterOrDigit(first) && fold(fold(first)) == fold(first) ? fold(first) : null;
    }

    /** One pattern of {@code phrases}, in their order, each a whole phrase as the class comment says. */
    private static @Nullable Pattern pattern(List<String> phrases) {
        String alternatives = phrases.stream()
                // A space or a dash between words matches either: "MLA C01" is "MLA-C01".
                .map(ph -> Arrays.stream(ph.split("[\\s-]+")).map(Pattern::quote)
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
     * Each case-insensitive phrase found, as the text has it, in order: what a search with {@link #all}
     * finds, trying at each word's start only the phrases that can begin there.
     */
    void each(String text, Consumer<String> found) {
        if (all == null) {
            return;
        }
        Matcher m = all.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int at = 0; at < text.length(); ) {
            int c = text.codePointAt(at);
            // Inside a word every phrase's look-behind fails; it reads the UTF-16 unit before, as the patterns do.
            int before = at == 0 ? ' ' : wholeCharacters ? text.codePointBefore(at) : text.charAt(at - 1);
            // A phrase of a group can begin only where the text's character folds to the group's.
            Pattern here = wholeCharacters ? all
                    : fold(fold(c)) == fold(c) ? byFirst.getOrDefault(fold(c), otherwise) : otherwise;
            if (!partOfWord(before) && here != null) {
                m.usePattern(here).region(at, text.length());
                if (m.lookingAt() && m.end() > at) {
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

    /** The one-pattern search {@link #each} stands for (for tests); null when there is no phrase. */
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
        List<String> found = new ArrayList<>();
        each(text, found::add);
        // The first of the longest: max would keep the last.
        return found.stream().reduce((a, b) -> b.length() > a.length() ? b : a).orElse(null);
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
