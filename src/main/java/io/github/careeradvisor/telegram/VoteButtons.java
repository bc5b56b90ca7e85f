package io.github.careeradvisor.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The 👍 and 👎 under a free-text answer (README, "Feedback"): their callback data names the answer by
 * its id ({@code v:<id>:1} helpful, {@code v:<id>:0} not), never its text, and after a press the row
 * shows which one was pressed; the other still changes the vote.
 */
final class VoteButtons {

    static final String PREFIX = "v:";
    static final String UP = "👍";
    static final String DOWN = "👎";
    static final String UP_PRESSED = "👍 Thanks!";
    static final String DOWN_PRESSED = "👎 Noted";
    private static final Pattern DATA = Pattern.compile("v:(\\d{1,18}):([01])");

    /** A press read from its callback data. */
    record Press(long answerId, boolean helpful) {
    }

    private VoteButtons() {
    }

    static List<Buttons.Button> row(long answerId) {
        return List.of(new Buttons.Button(UP, data(answerId, true)), new Buttons.Button(DOWN, data(answerId, false)));
    }

    /** The press this callback data is, or null if it is not one this bot made (forged, or another kind). */
    static @Nullable Press read(String data) {
        Matcher m = DATA.matcher(data);
        return m.matches() ? new Press(Long.parseLong(m.group(1)), m.group(2).equals("1")) : null;
    }

    /** {@code buttons} with the vote row showing {@code press}; the other rows as they were. */
    static Buttons pressed(Buttons buttons, Press press) {
        List<List<Buttons.Button>> rows = new ArrayList<>();
        for (List<Buttons.Button> row : buttons.rows()) {
            boolean votes = row.stream().anyMatch(b -> read(b.callbackData()) != null);
            rows.add(!votes ? row : List.of(
                    new Buttons.Button(press.helpful() ? UP_PRESSED : UP, data(press.answerId(), true)),
                    new Buttons.Button(press.helpful() ? DOWN : DOWN_PRESSED, data(press.answerId(), false))));
        }
        return new Buttons(rows);
    }

    private static String data(long answerId, boolean helpful) {
        return PREFIX + answerId + ":" + (helpful ? 1 : 0);
    }
}
