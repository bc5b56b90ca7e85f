package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.knowledge.Passage;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mends typing slips in a question ("machien", "salery") against the words of the knowledge itself:
 * a word the guides never use is replaced by the guides' most frequent word one edit away (two for long
 * words). Words the guides use, short words and words with no close match are left as they are, so an
 * off-topic question stays off-topic.
 */
final class SpellingCorrector {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final int MIN_LENGTH = 4;
    private static final int LONG_WORD = 7;

    /** Corrections remembered: people reuse their slips, and a word is looked up more than once a turn. */
    static final int REMEMBERED = 10_000;

    private final Map<String, Integer> frequency = new HashMap<>();
    /** The known words of each length, in the frequency map's order (which settles ties, as it always did). */
    private final Map<Integer, List<Known>> byLength = new HashMap<>();
    private final Map<String, String> corrected = new java.util.concurrent.ConcurrentHashMap<>();

    /** A known word, its count, its place in the frequency map's order, and its letters counted. */
    private record Known(String word, int frequency, int order, byte[] letters) {
    }

    SpellingCorrector(List<Passage> passages) {
        for (Passage p : passages) {
            count(p.headline());
            count(p.body());
        }
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

    private String correctWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.length() < MIN_LENGTH || frequency.containsKey(lower)) {
            return word;
        }
        String known = corrected.get(word);
        if (known == null) {
            known = closest(word, lower);
            if (corrected.size() >= REMEMBERED) {
                corrected.clear();
            }
            corrected.put(word, known);
        }
        return known;
    }

    /** The most frequent known word closest to {@code lower}, or {@code word} itself when none is close. */
    private String closest(String word, String lower) {
        int maxDistance = lower.length() >= LONG_WORD ? 2 : 1;
        byte[] letters = letters(lower);
        Known best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (int length = lower.length() - maxDistance; length <= lower.length() + maxDistance; length++) {
            for (Known k : byLength.getOrDefault(length, List.of())) {
                if (countsApart(letters, k.letters()) > maxDistance) {
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
