package io.github.careeradvisor.retrieval;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Job titles people use for a level the guides name differently: the guides speak of junior,
 * mid-level and senior ML engineers, while people ask about a principal or staff engineer, or a
 * fresher. The guides' word is added to the question (nothing is taken out), so both searches find
 * the level's section.
 */
final class LevelSynonyms {

    private static final Map<String, String> GUIDE_WORD = Map.ofEntries(
            Map.entry("principal", "senior"),
            Map.entry("staff", "senior"),
            Map.entry("fresher", "entry-level junior"),
            Map.entry("freshers", "entry-level junior"),
            Map.entry("new grad", "entry-level junior"),
            Map.entry("intermediate", "mid-level"),
            Map.entry("very top", "executive"),
            Map.entry("top level", "executive"),
            Map.entry("highest level", "executive"),
            Map.entry("top of the ladder", "executive"),
            Map.entry("c-suite", "executive"),
            Map.entry("c suite", "executive"));

    private static final Pattern TITLE = Pattern.compile("\\b(principal|staff|freshers?|new grad|intermediate|very top|"
            + "top level|highest level|top of the ladder|c-suite|c suite)\\b");

    private LevelSynonyms() {
    }

    /** The question with the guides' word for each level title in it appended, or as it was. */
    static String expand(String question) {
        Matcher m = TITLE.matcher(question.toLowerCase(Locale.ROOT));
        StringBuilder added = new StringBuilder();
        while (m.find()) {
            String word = GUIDE_WORD.get(m.group(1));
            if (added.indexOf(word) < 0) {
                added.append(' ').append(word);
            }
        }
        return added.isEmpty() ? question : question + " (" + added.toString().strip() + ")";
    }
}
