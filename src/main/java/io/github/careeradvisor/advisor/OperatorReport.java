package io.github.careeradvisor.advisor;

import io.github.careeradvisor.profile.FeedbackStore;
import java.util.Locale;

/**
 * The feedback report for operators (README, "Feedback"), in words: answers voted on and the share
 * helpful, the questions voted down most with what people said was missing, and the questions the guides
 * most often could not answer. Questions are shown as asked, never with who asked them.
 */
public final class OperatorReport {

    /** The report's period unless told otherwise. */
    public static final int DEFAULT_DAYS = 7;
    /** Questions listed in each of the report's lists. */
    public static final int TOP = 10;

    private OperatorReport() {
    }

    public static String text(FeedbackStore.Report report, int days) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Feedback, last %d %s: %d answers, %d of them "
                + "voted on", days, days == 1 ? "day" : "days", report.answers(), report.voted()));
        if (report.votes() > 0) {
            s.append(String.format(Locale.ROOT, "; %.0f%% of %d votes helpful.", 100.0 * report.helpful() / report.votes(),
                    report.votes()));
        } else {
            s.append("; no votes yet.");
        }
        if (!report.downVoted().isEmpty()) {
            s.append("\n\nVoted down most:");
            int n = 1;
            for (FeedbackStore.DownVoted q : report.downVoted()) {
                s.append(String.format(Locale.ROOT, "%n%d. \"%s\" (%d 👎, %d 👍)", n++, q.question(), q.down(), q.up()));
                q.comments().forEach(c -> s.append("\n   missing: \"").append(c).append('"'));
            }
        }
        if (!report.declined().isEmpty()) {
            s.append("\n\nAsked most, not in the guides:");
            int n = 1;
            for (FeedbackStore.Declined q : report.declined()) {
                s.append(String.format(Locale.ROOT, "%n%d. \"%s\" (%d %s)", n++, q.question(), q.times(),
                        q.times() == 1 ? "time" : "times"));
            }
        }
        return s.toString();
    }
}
