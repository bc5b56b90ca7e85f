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

    private final Map<String, Integer> frequency = new HashMap<>();

    SpellingCorrector(List<Passage> passages) {
        for (Passage p : passages) {
            count(p.headline());
            count(p.body());
        }
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
        int maxDistance = lower.length() >= LONG_WORD ? 2 : 1;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestFrequency = 0;
        for (Map.Entry<String, Integer> e : frequency.entrySet()) {
            String known = e.getKey();
            if (Math.abs(known.length() - lower.length()) > maxDistance || known.length() < MIN_LENGTH) {
                continue;
            }
            int d = distance(lower, known, maxDistance);
            if (d <= maxDistance && (d < bestDistance || d == bestDistance && e.getValue() > bestFrequency)) {
                best = known;
                bestDistance = d;
                bestFrequency = e.getValue();
            }
        }
        return best == null ? word : best;
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
