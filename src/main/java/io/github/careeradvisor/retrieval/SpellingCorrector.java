package io.github.careeradvisor.retrieval;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.careeradvisor.knowledge.Passage;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Mends typing slips in a question ("machien", "salery") against the words of the knowledge itself:
 * a word the guides never use is replaced by the guides' most frequent word one edit away (two for long
 * words) that begins as it does. Words the guides use, short words, words of the language the guides
 * happen not to use ("already", "weather": the model's vocabulary has them whole, or a word they end
 * from, as "renewing" from "renew") and words with no close match are left as they are, so an off-topic
 * question stays off-topic and "tell me" does not become "well me".
 */
final class SpellingCorrector {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final int MIN_LENGTH = 4;
    /**
     * From this length a word may be two edits from its mending. Shorter words two edits apart are often
     * two words ("calories" and "salaries", "invoices" and "involves"), not a word and its slip.
     */
    private static final int LONG_WORD = 9;
    /** Endings a word of the language may have beyond one the vocabulary holds ("trending", "invoices"). */
    private static final List<String> ENDINGS = List.of("s", "es", "ed", "d", "ing", "er", "ers", "ly");
    /** The endings of a plural, whose root may be a shortened word ("certs"). */
    private static final java.util.Set<String> PLURALS = java.util.Set.of("s", "es");

    /** Corrections remembered: people reuse their slips, and a word is looked up more than once a turn. */
    static final int REMEMBERED = 10_000;

    private final Map<String, Integer> frequency = new HashMap<>();
    /** The known words of each length, in the frequency map's order (which settles ties, as it always did). */
    private final Map<Integer, List<Known>> byLength = new HashMap<>();
    private final Cache<String, String> corrected = Caffeine.newBuilder().maximumSize(REMEMBERED).build();
    /** Words no guide uses, and whether each is among the language's commonest: the tokenizer is asked once. */
    private final Cache<String, Boolean> common = Caffeine.newBuilder().maximumSize(REMEMBERED).build();
    /** The guides' words in order, to find those a word begins. */
    private final java.util.NavigableSet<String> guideWords = new java.util.TreeSet<>();
    /** Whether a lower-case word is one of the language's, by the model's vocabulary. */
    private final Predicate<String> isWord;
    /** Whether a lower-case word is among the language's commonest ("actually", "home"). */
    private final Predicate<String> isCommon;

    /** A known word, its count, its place in the frequency map's order, and its letters counted. */
    private record Known(String word, int frequency, int order, byte[] letters) {
    }

    /**
     * @param isWord whether a lower-case word is one of the language's (the model's vocabulary has it whole)
     * @param isCommon whether a lower-case word is among the language's commonest
     */
    SpellingCorrector(List<Passage> passages, Predicate<String> isWord, Predicate<String> isCommon) {
        this.isWord = isWord;
        this.isCommon = isCommon;
        for (Passage p : passages) {
            count(p.headline());
            count(p.body());
        }
        guideWords.addAll(frequency.keySet());
        int order = 0;
        for (Map.Entry<String, Integer> e : frequency.entrySet()) {
            if (e.getKey().length() >= MIN_LENGTH) {
                byLength.computeIfAbsent(e.getKey().length(), n -> new java.util.ArrayList<>())
                        .add(new Known(e.getKey(), e.getValue(), order, letters(e.getKey())));
            }
            order++;
        }
    }

    /** How often each letter occurs, in 32 buckets: words whose counts differ much are far apart. */
    private static byte[] letters(String word) {
        byte[] counts = new byte[32];
        for (int i = 0; i < word.length(); i++) {
            counts[word.charAt(i) & 31]++;
        }
        return counts;
    }

    /**
     * A lower bound of the edit distance: an insertion or a deletion changes the letter counts by one,
     * a substitution by two, a swap not at all.
     */
    private static int countsApart(byte[] a, byte[] b) {
        int apart = 0;
        for (int i = 0; i < a.length; i++) {
            apart += Math.abs(a[i] - b[i]);
        }
        return (apart + 1) / 2;
    }

    private void count(String text) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            frequency.merge(m.group(), 1, Integer::sum);
        }
    }

    /** The question with unknown words replaced by their closest known word, where there is one. */
    String correct(String question) {
        Matcher m = WORD.matcher(question);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(correctWord(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** How many of the text's words of three letters or more there are, and how many the guides never use (a slip among them). */
    HybridRetriever.Wording wording(String text) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        int all = 0;
        int unknown = 0;
        while (m.find()) {
            String word = m.group();
            if (word.length() >= 3) {
                all++;
                unknown += frequency.containsKey(word) ? 0 : 1;
            }
        }
        return new HybridRetriever.Wording(all, unknown);
    }

    /**
     * The text's words that no guide uses in any form ("remotely", "visas", "burnout"), in order, once each:
     * not a guide's word with an ending, not a slip the guides' words mend.
     */
    List<String> unheard(String text) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        while (m.find()) {
            String word = m.group();
            // "shouldn't" is "shouldn" and "t" to the pattern: the first half of a contraction is no subject.
            boolean contracted = m.end() < text.length() && (text.charAt(m.end()) == '\'' || text.charAt(m.end()) == '\u2019');
            if (word.length() >= MIN_LENGTH && !contracted && !frequency.containsKey(word) && !guideWordWithEnding(word)
                    && correctWord(word).equals(word)) {
                out.add(word);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Of words no guide uses, those a decline may name: not among the language's commonest, which say
     * little of what a question is about ("actually", "home"), nor adverbs of manner, which say how, not
     * what ("concretely", "realistically").
     */
    List<String> worthNaming(List<String> unheard) {
        return unheard.stream().filter(w -> !adverb(w) && !common.get(w, isCommon::test)).toList();
    }

    /** A word of the language with "-ly" added ("concretely", "happily"), not "italy" or "july". */
    private boolean adverb(String lower) {
        if (!lower.endsWith("ly") || lower.length() < 5) {
            return false;
        }
        String stem = lower.substring(0, lower.length() - 2);
        return isWord.test(stem) || isWord.test(stem + "e")
                || stem.endsWith("i") && isWord.test(stem.substring(0, stem.length() - 1) + "y");
    }

    /**
     * Whether a guide word begins as this one does ("cert" of "certification"), or is this one with another
     * usual ending ("trending" of "trends"), or, for a plural, begins as this one does without its ending
     * ("certs" of "certification", "banks" of "banking"). Only a plural's root is taken as the start of
     * a word: "family" without "ly" begins "familiar", but says nothing the guides do.
     */
    private boolean guideWordWithEnding(String lower) {
        if (startsAGuideWord(lower)) {
            return true;
        }
        for (String ending : ENDINGS) {
            String root = root(lower, ending);
            if (root != null && (frequency.containsKey(root)
                    || ENDINGS.stream().anyMatch(other -> frequency.containsKey(root + other))
                    || PLURALS.contains(ending) && root.length() >= MIN_LENGTH && startsAGuideWord(root))) {
                return true;
            }
        }
        return false;
    }

    /** The word without each usual ending it has, of three letters or more: "trending" gives "trend". */
    private static List<String> roots(String lower) {
        List<String> roots = new java.util.ArrayList<>(2);
        for (String ending : ENDINGS) {
            String root = root(lower, ending);
            if (root != null) {
                roots.add(root);
            }
        }
        return roots;
    }

    /** The word without {@code ending} if it has it and three letters or more are left, else null. */
    private static @Nullable String root(String lower, String ending) {
        int stem = lower.length() - ending.length();
        return stem >= 3 && lower.endsWith(ending) ? lower.substring(0, stem) : null;
    }

    private boolean startsAGuideWord(String stem) {
        String next = guideWords.ceiling(stem);
        return next != null && next.startsWith(stem);
    }

    private String correctWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.length() < MIN_LENGTH || frequency.containsKey(lower)) {
            return word;
        }
        return corrected.get(word, w -> ofTheLanguage(lower) ? word : closest(word, lower));
    }

    /** A word the guides or the vocabulary know, or one of them with a usual ending added. */
    private boolean ofTheLanguage(String lower) {
        return isWord.test(lower)
                || roots(lower).stream().anyMatch(root -> frequency.containsKey(root) || isWord.test(root));
    }

    /**
     * The most frequent known word closest to {@code lower} that begins with its letter (or with its first
     * two swapped), or {@code word} itself when none is close: a slip seldom hits a word's first letter,
     * and two words a letter apart there ("pmle" and "cmle") are more often two words than a word and its slip.
     */
    private String closest(String word, String lower) {
        int maxDistance = lower.length() >= LONG_WORD ? 2 : 1;
        byte[] letters = letters(lower);
        Known best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (int length = lower.length() - maxDistance; length <= lower.length() + maxDistance; length++) {
            for (Known k : byLength.getOrDefault(length, List.of())) {
                if (countsApart(letters, k.letters()) > maxDistance || !sameStart(lower, k.word())) {
                    continue;
                }
                int d = distance(lower, k.word(), maxDistance);
                if (d <= maxDistance && (best == null || d < bestDistance || d == bestDistance
                        && (k.frequency() > best.frequency() || k.frequency() == best.frequency() && k.order() < best.order()))) {
                    best = k;
                    bestDistance = d;
                }
            }
        }
        return best == null ? word : best.word();
    }

    private static boolean sameStart(String typed, String known) {
        return typed.charAt(0) == known.charAt(0)
                || typed.charAt(0) == known.charAt(1) && typed.charAt(1) == known.charAt(0);
    }

    /** Optimal string alignment distance (a swap of two neighbours is one edit), or more than {@code max}. */
    static int distance(String a, String b, int max) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
        }
        return d[a.length()][b.length()];
    }
}
