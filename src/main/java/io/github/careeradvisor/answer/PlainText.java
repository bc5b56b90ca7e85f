package io.github.careeradvisor.answer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Renders an answer as plain text for a terminal or a script: no markup, bullets as "• ". */
public final class PlainText {

    private PlainText() {
    }

    /** The answer's body, without its sources. */
    public static String body(Answer answer) {
        return body(answer.blocks());
    }

    /** Blocks as the body of an answer: an answer still being written ({@link Drafts}). */
    public static String body(List<Answer.Block> blocks) {
        List<String> parts = new ArrayList<>();
        for (Answer.Block block : blocks) {
            if (block instanceof Answer.Paragraph p) {
                parts.add(p.text());
            } else if (block instanceof Answer.Bullets b) {
                parts.add(String.join("\n", b.items().stream().map(i -> "• " + i).toList()));
            }
        }
        return String.join("\n\n", parts);
    }

    /** The body, then a line naming each source. */
    public static String withSources(Answer answer) {
        if (answer.sources().isEmpty()) {
            return body(answer);
        }
        return body(answer) + "\n\n" + sourcesLine(answer);
    }

    /** "Sources: Salaries — Entry-level salary; Certifications — AWS". */
    public static String sourcesLine(Answer answer) {
        Set<String> names = new LinkedHashSet<>();
        for (Answer.Citation c : answer.sources()) {
            names.add(c.section().isEmpty() ? c.title() : c.title() + " — " + c.section());
        }
        return (names.size() == 1 ? "Source: " : "Sources: ") + String.join("; ", names);
    }
}
