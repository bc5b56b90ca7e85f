package io.github.careeradvisor.bench;

import io.github.careeradvisor.profile.DialogueStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The soak's section of BENCHMARKS.md: the curve, minute by minute, and what it shows. */
record SoakReport(String date, double minutes, int conversations, int contextMinutes, String load,
        List<Soak.Sample> samples, int unanswered, int unexpected, Stats latency, boolean stoppedCleanly) {

    /** The section's heading; the benchmark keeps the section when it rewrites the file, and the soak replaces it. */
    static final String HEADING = "## Soak: a long run at a steady pace";

    SoakReport {
        samples = List.copyOf(samples);
    }

    private Soak.Sample last() {
        return samples.get(samples.size() - 1);
    }

    /** Every message got exactly one reply: none left waiting, none answered twice. */
    boolean exactlyOnce() {
        return unanswered == 0 && unexpected == 0 && last().answers() == last().asked();
    }

    String markdown() {
        StringBuilder md = new StringBuilder(HEADING).append("\n\n");
        md.append(String.format(Locale.ROOT, "`%s --minutes %s` (after `mvn -B -q -DskipTests package`), on %s. "
                + "The packaged bot ran as its own process, `java -jar target/career-advisor.jar` with the JVM's "
                + "default settings, against the tests' Bot API stand-in on 127.0.0.1, in a fresh data dir whose "
                + "journal first got %,d answered updates through the bot's own `SqlInbox`, as a bot that has run "
                + "a while leaves it (it keeps the last %,d answered ids). People in %d private chats asked %d "
                + "messages a second in turn: the evaluation's %d conversations, follow-ups included, one after "
                + "another without `/new`, each chat asking only once its last question was answered. Every %d s the "
                + "soak read the bot's resident memory (`VmRSS` in `/proc/PID/status`), the size of `advisor.db` with "
                + "its `-wal` and `-shm`, and the rows of the journal (`inbox`) and of `dialogue`, from the file "
                + "opened read-only. The machine's %s were shared with other people's work during the run (%s).%n%n",
                Soak.RUN, trim(minutes), date, Soak.HISTORY, Soak.HISTORY, Soak.CHATS, Soak.PER_SECOND,
                conversations, Soak.SAMPLE_SECONDS, Runtime.getRuntime().availableProcessors() + " cores", load));
        md.append("| minute | RSS MB | heap MB | old gen MB | DB KB | journal rows | dialogue rows | asked | answers "
                + "| errors |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Soak.Sample s : byMinute()) {
            md.append(String.format(Locale.ROOT, "| %.1f | %d | %s | %s | %,d | %,d | %d | %,d | %,d | %d |%n",
                    s.seconds() / 60, s.rssKb() / 1024, mb(s.heap().committedKb()), mb(s.heap().oldUsedKb()),
                    s.dbBytes() / 1024, s.journalRows(), s.dialogueRows(), s.asked(), s.answers(),
                    s.errors()));
        }
        md.append("\n`heap` is what the JVM has committed for its heap and `old gen` what the old generation holds "
                + "(from `jstat -gc`): RSS follows the first, a leak would show in the second. ");
        md.append("`errors` counts replies to a chat with no question waiting and the bot's log lines at WARN or "
                + "ERROR or naming an exception; the last row is taken once every question was answered.\n\n");
        Soak.Sample half = nearest(last().seconds() / 2);
        Soak.Sample first = samples.get(Math.min(1, samples.size() - 1));
        md.append(String.format(Locale.ROOT, "- Exactly one reply to every message: %s — %,d asked, %,d answered, "
                + "%d left unanswered, %d answered twice. Reply latency p50 %.1f ms, p99 %.1f ms, max %.1f ms. "
                + "The bot stopped on SIGTERM %s.%n", exactlyOnce() ? "yes" : "**no**", last().asked(), last().answers(),
                unanswered, unexpected, latency.p50(), latency.p99(), latency.max(),
                stoppedCleanly ? "within 20 s" : "**not within 20 s**"));
        md.append(String.format(Locale.ROOT, "- Resident memory: %d MB after the first %d s, %d MB at half time, "
                + "%d MB at the end (%s over the second half), %d MB at most; old generation %s MB at half time, %s MB "
                + "at the end.%n", first.rssKb() / 1024, Soak.SAMPLE_SECONDS, half.rssKb() / 1024, last().rssKb() / 1024,
                change(half.rssKb(), last().rssKb()), samples.stream().mapToLong(Soak.Sample::rssKb).max().orElse(0) / 1024,
                mb(half.heap().oldUsedKb()), mb(last().heap().oldUsedKb())));
        md.append(String.format(Locale.ROOT, "- Database: %,d KB at the start, %,d KB at half time, %,d KB at the "
                + "end (%s over the second half).%n", samples.get(0).dbBytes() / 1024, half.dbBytes() / 1024,
                last().dbBytes() / 1024, change(half.dbBytes(), last().dbBytes())));
        md.append(String.format(Locale.ROOT, "- Journal: %,d rows at the start, at most %,d, %,d at the end, while "
                + "%,d more updates were answered (answered rows beyond the last %,d are deleted every 500 updates).%n",
                samples.get(0).journalRows(), samples.stream().mapToLong(Soak.Sample::journalRows).max().orElse(0),
                last().journalRows(), last().answers(), Soak.HISTORY));
        md.append(String.format(Locale.ROOT, "- Conversations: at most %d dialogue rows for %d chats, where a thread "
                + "keeps its last %d turns (%d rows at most); the run is shorter than the %d minutes a thread lasts "
                + "(`ADVISOR_CONTEXT_MINUTES`), so none expired.%n", samples.stream().mapToLong(Soak.Sample::dialogueRows).max().orElse(0),
                Soak.CHATS, DialogueStore.MAX_TURNS, Soak.CHATS * DialogueStore.MAX_TURNS, contextMinutes));
        md.append("- Machine: ").append(Benchmark.machine()).append(" (the soak's own JVM; the bot's ran with the same defaults).\n");
        return md.toString();
    }

    /** A sample at each minute (the first at or after it), and the last. */
    private List<Soak.Sample> byMinute() {
        List<Soak.Sample> rows = new ArrayList<>();
        double mark = 0;
        for (Soak.Sample s : samples) {
            if (s.seconds() >= mark || s == last()) {
                rows.add(s);
                while (mark <= s.seconds()) {
                    mark += 60;
                }
            }
        }
        return rows;
    }

    private Soak.Sample nearest(double seconds) {
        Soak.Sample best = samples.get(0);
        for (Soak.Sample s : samples) {
            if (Math.abs(s.seconds() - seconds) < Math.abs(best.seconds() - seconds)) {
                best = s;
            }
        }
        return best;
    }

    private static String mb(long kb) {
        return kb < 0 ? "n/a" : Long.toString(kb / 1024);
    }

    private static String change(long from, long to) {
        return from == 0 ? "from nothing" : String.format(Locale.ROOT, "%+.1f%%", 100.0 * (to - from) / from);
    }

    private static String trim(double minutes) {
        return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
    }

    /** Puts this section into {@code file}: in place of the one there, or at the end. */
    void writeInto(Path file) throws IOException {
        String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Files.writeString(file, Sections.replace(old, HEADING, markdown()), StandardCharsets.UTF_8);
    }
}
