package io.github.careeradvisor.retrieval;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Job titles people use for a level the guides name differently: the guides speak of junior,
 * mid-level and senior ML engineers, while people ask about a principal or staff engineer, or a
 * fresher. The guides' word is added to the question (nothing is taken out), so both searches find
 * the level's section; a level asked what comes after ("after senior") is replaced by the next stage's
 * word, so the searches find that stage, not the level asked from.
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

    /**
     * The stage after each level, in the guides' four (entry-level, mid-level, senior-level, executive):
     * "what comes after junior?" is searched as "what comes next: mid-level?".
     */
    private static final Map<String, String> STAGE_AFTER = Map.ofEntries(
            Map.entry("junior", "mid-level"),
            Map.entry("entry-level", "mid-level"),
            Map.entry("entry level", "mid-level"),
            Map.entry("mid", "senior"),
            Map.entry("mid-level", "senior"),
            Map.entry("mid level", "senior"),
            Map.entry("senior", "executive"),
            Map.entry("lead", "executive"),
            Map.entry("staff", "executive"),
            Map.entry("principal", "executive"));

    /** A level asked what comes after; not "after senior year", "after mid-career" or "after mid-2025". */
    private static final Pattern AFTER = Pattern.compile("\\b(?:after|above|beyond)\\s+(?:the\\s+|a\\s+)?"
            + "(junior|entry[- ]level|mid[- ]level|mid|senior|lead|staff|principal)s?\\b"
            + "(?![- ]?(?:year|student|school|high|career|\\d))", Pattern.CASE_INSENSITIVE);

    private LevelSynonyms() {
    }

    /**
     * The question with the guides' word for each level title in it appended, and a level asked what comes
     * after replaced by the next stage ("after senior" by "next: executive"); or as it was.
     */
    static String expand(String question) {
        String lower = question.toLowerCase(Locale.ROOT);
        StringBuilder added = new StringBuilder();
        // A title asked what comes after is not the level asked about: "after staff" adds no "senior", and
        // "after senior" is searched as "next: executive", so that the senior sections do not answer it.
        Matcher after = AFTER.matcher(question); // on the text as typed: lower case may differ in length
        StringBuilder next = new StringBuilder();
        int copied = 0;
        while (after.find()) {
            next.append(question, copied, after.start()).append("next: ")
                    .append(STAGE_AFTER.get(after.group(1).toLowerCase(Locale.ROOT)));
            copied = after.end();
        }
        if (copied > 0) {
            question = next.append(question, copied, question.length()).toString();
            lower = question.toLowerCase(Locale.ROOT);
        }
        Matcher m = TITLE.matcher(lower);
        while (m.find()) {
            add(added, GUIDE_WORD.get(m.group(1)));
        }
        return added.isEmpty() ? question : question + " (" + added.toString().strip() + ")";
    }

    private static void add(StringBuilder added, String word) {
        if (added.indexOf(word) < 0) {
            added.append(' ').append(word);
        }
    }
}
