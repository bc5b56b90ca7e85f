package io.github.careeradvisor.retrieval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decades as people say them ("the 90s", "'80s") and as the guides write them ("the 1990s"): the guides'
 * form is added to the question, nothing is taken out, so both searches find the decade's section.
 */
final class Decades {

    private static final Pattern SHORT = Pattern.compile("(?<![\\w])'?([5-9]0)'?s\\b", Pattern.CASE_INSENSITIVE);
    /** "after 2000", "since 2010": the decade that starts there. */
    private static final Pattern SINCE = Pattern.compile("\\b(?:after|since|from)\\s+(20[0-2]0)\\b", Pattern.CASE_INSENSITIVE);

    private Decades() {
    }

    static String expand(String question) {
        Matcher m = SHORT.matcher(question);
        StringBuilder added = new StringBuilder();
        while (m.find()) {
            added.append(" 19").append(m.group(1)).append('s');
        }
        Matcher since = SINCE.matcher(question);
        while (since.find()) {
            added.append(' ').append(since.group(1)).append('s');
        }
        return added.isEmpty() ? question : question + " (" + added.toString().strip() + ")";
    }
}
