package io.github.careeradvisor.advisor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * One phrase to find and what it stands for. Its own pattern is compiled the first time it is asked
     * for: a lexicon searches its case-insensitive phrases with its joint patterns, and compiling a
     * pattern for each of the hundreds of phrases was a good part of what building the advisor cost a start.
     */
    static final class Term {

        private final String phrase;
        private final String value;
        private final boolean caseSensitive;
        private volatile @Nullable Pattern pattern;

        private Term(String phrase, String value, boolean caseSensitive) {
            this.phrase = phrase;
            this.value = value;
            this.caseSensitive = caseSensitive;
        }

        String phrase() {
            return phrase;
        }

        String value() {
            return value;
        }

        int length() {
            return phrase.length();
        }

        boolean caseSensitive() {
            return caseSensitive;
        }

        boolean compiled() {
            return pattern != null;
        }

        /** The phrase alone, as a whole phrase (see the class comment). */
        Pattern pattern() {
            Pattern compiled = pattern;
            if (compiled == null) {
                // Letters, digits and dashes around the phrase would make it part of another word.
                String body = Pattern.quote(phrase).replace(" ", "\\E[\\s-]+\\Q");
                int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                compiled = Pattern.compile("(?<![\\p{L}\\p{N}-])" + body + "(?![\\p{L}\\p{N}-])", flags);
                pattern = compiled; // two threads may both compile it: the same pattern either way
            }
            return compiled;
        }
    }

    private static final Pattern BETWEEN_WORDS = Pattern.compile("[\\s-]+");

    /**
     * The phrases of each joint pattern, by its key. {@link #ALL}: every case-insensitive phrase, longest
     * first; what {@link #each} finds is what a search with its pattern finds. A character as {@link #fold}
     * folds it: only the phrases that can begin with it, those whose first letter or digit folds to it with
     * {@link #OTHERWISE}'s, still longest first (no such group when a phrase has a character outside the
     * Basic Multilingual Plane, whose pattern looks behind by whole characters where the others look behind
     * by UTF-16 units). {@link #OTHERWISE}: the phrases beginning with neither a letter nor a digit, or
     * with one that folds oddly, tried at every word's start.
     */
    private final Map<Integer, List<String>> phrases = new HashMap<>();
    /**
     * Each joint pattern, compiled the first time a text needs it (empty when it has no phrase): a question
     * meets a few of a lexicon's groups, and compiling them all was a good part of building the advisor
     * at each start (README, "Performance"). The warm-up of the bot and the chat compiles them all first
     * ({@link #compileAll}).
     */
    private final Map<Integer, Optional<Pattern>> compiled = new ConcurrentHashMap<>();
    /** The key of the pattern of every phrase (characters, the other keys, are never negative). */
    private static final int ALL = -1;
    /** The key of the pattern of the phrases of no group. */
    private static final int OTHERWISE = -2;
    private final boolean wholeCharacters;
    private final Map<String, String> values = new HashMap<>();
    private final List<Term> exact = new ArrayList<>();

    Lexicon(List<Term> terms) {
        List<String> insensitive = new ArrayList<>();
        for (Term t : terms) {
            if (key(t.phrase()).isBlank()) {
                continue; // no word in it ("-", " "): it would match nothing but the space between two words
            }
            if (t.caseSensitive()) {
                exact.add(t);
            } else if (values.putIfAbsent(key(t.phrase()), t.value()) == null) {
                insensitive.add(t.phrase());
            }
        }
        insensitive.sort(Comparator.comparingInt(String::length).reversed());
        phrases.put(ALL, insensitive);
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
                groups.values().forEach(members -> members.add(phrase));
            }
        }
        phrases.putAll(groups);
        phrases.put(OTHERWISE, others);
    }

    /** How many of its patterns are compiled so far, joint ones and phrases' own (for tests). */
    int compiledPatterns() {
        return (int) compiled.values().stream().filter(Optional::isPresent).count()
                + (int) exact.stream().filter(Term::compiled).count();
    }

    /** Compiles every pattern this lexicon compiles when a text first needs it: for a warm-up. */
    void compileAll() {
        phrases.keySet().forEach(this::joint);
        exact.forEach(Term::pattern);
    }

    /** The joint pattern of {@code key}'s phrases (see {@link #phrases}), or null when it has none. */
    private @Nullable Pattern joint(int key) {
        return compiled.computeIfAbsent(key, k -> Optional.ofNullable(pattern(phrases.get(k)))).orElse(null);
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
        if (phrases.get(ALL).isEmpty()) {
            return;
        }
        Matcher m = null;
        for (int at = 0; at < text.length(); ) {
            int c = text.codePointAt(at);
            // Inside a word every phrase's look-behind fails; it reads the UTF-16 unit before, as the patterns do.
            int before = at == 0 ? ' ' : wholeCharacters ? text.codePointBefore(at) : text.charAt(at - 1);
            // A phrase of a group can begin only where the text's character folds to the group's.
            Pattern here = partOfWord(before) ? null : wholeCharacters ? joint(ALL)
                    : joint(fold(fold(c)) == fold(c) && phrases.containsKey(fold(c)) ? fold(c) : OTHERWISE);
            if (here != null) {
                m = m == null ? here.matcher(text).useTransparentBounds(true).useAnchoringBounds(false)
                        : m.usePattern(here);
                m.region(at, text.length());
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
        return joint(ALL);
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
        return new Term(phrase, value, caseSensitive);
    }
}
