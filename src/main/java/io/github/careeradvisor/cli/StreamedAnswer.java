package io.github.careeradvisor.cli;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.Drafts;
import io.github.careeradvisor.answer.PlainText;
import java.io.PrintStream;
import java.util.List;

/**
 * One answer in {@code chat} printed as the language model writes it: each draft adds what it says
 * beyond the last, and the finished answer adds the rest and its sources. If the finished answer is not
 * the one that was being written (its wording failed the final check), that is said and the answer from
 * the guides follows whole, so what was printed is never left standing as the answer.
 */
final class StreamedAnswer implements Drafts {

    static final String REPLACED = "(That wording could not be checked against the guides, so here is what they say:)";

    private final PrintStream out;
    private String printed = "";

    StreamedAnswer(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void draft(List<Answer.Block> soFar) {
        String text = PlainText.body(soFar);
        if (text.startsWith(printed) && text.length() > printed.length()) {
            out.print(text.substring(printed.length()));
            out.flush();
            printed = text;
        }
    }

    /** Prints the end of the answer, or the whole of it when nothing was printed or it is another one. */
    synchronized void finish(Answer answer) {
        String whole = PlainText.withSources(answer);
        if (printed.isEmpty()) {
            out.println(whole);
        } else if (answer.generated() && whole.startsWith(printed)) {
            out.println(whole.substring(printed.length()));
        } else {
            out.println();
            out.println(REPLACED);
            out.println(whole);
        }
        printed = "";
    }
}
