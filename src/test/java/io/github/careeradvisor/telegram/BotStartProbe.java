package io.github.careeradvisor.telegram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The bot's own start, as a person meets it: the packaged jar run as {@code bot} against the Bot API
 * stand-in, timed from the process start to its first getUpdates (from then on it takes messages), then
 * one question sent at once and timed to its answer. Here, beside the stand-in, for the benchmark.
 */
public final class BotStartProbe {

    /** Milliseconds: process start to first getUpdates; the first question, sent then, to its answer. */
    public record Start(double readyMs, double firstAnswerMs) {
    }

    private BotStartProbe() {
    }

    /**
     * One start of {@code jar} by the launcher {@code java} with {@code jvmFlags}, in a fresh data dir holding a copy of {@code warm}
     * (the database, the cached vectors, the parsed guides and their word index, the copies taken out of
     * the jar: a start after the first) and the guides in {@code knowledge}, named as when {@code warm} was
     * made, asked {@code question} {@code askAfter} its first getUpdates (zero: as a message waiting at Telegram
     * while it restarted; later: as a person who writes once it is up). With {@code health} it serves
     * /healthz and /readyz on a port of its own, as the Docker image's bot does; without, the port is off.
     */
    public static Start measure(Path java, Path jar, Path warm, Path knowledge, List<String> jvmFlags,
            String question, Duration askAfter, boolean health) throws Exception {
        Path data = Files.createTempDirectory("advisor-bot-start-");
        try (FakeBotApi telegram = new FakeBotApi()) {
            // Everything a restart finds, its times kept (the copies taken out of the jar are trusted by them),
            // the dirs of ONNX Runtime's and SQLite's libraries included; not the lock.
            copy(warm, data, name -> !name.endsWith(".lock"));
            List<String> command = new ArrayList<>(List.of(java.toString()));
            command.addAll(jvmFlags);
            command.addAll(List.of("-jar", jar.toString(), "bot"));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
            builder.environment().put("TELEGRAM_API_URL", telegram.url().toString());
            builder.environment().put("ADVISOR_DATA_DIR", data.toString());
            // Named as when the warm dir was made: the parsed guides kept there are keyed by it.
            builder.environment().put("ADVISOR_KNOWLEDGE_DIR", knowledge.toString());
            builder.environment().put("ADVISOR_HTTP_PORT", health ? String.valueOf(ImageTraining.freePort()) : "off");
            Path log = data.resolve("bot.log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            long start = System.nanoTime();
            Process bot = builder.start();
            try {
                while (telegram.calls("getUpdates").isEmpty()) {
                    if (!bot.isAlive() || System.nanoTime() - start > TimeUnit.MINUTES.toNanos(2)) {
                        throw new IllegalStateException("the bot did not poll: " + Files.readString(log));
                    }
                    Thread.sleep(2);
                }
                double ready = (System.nanoTime() - start) / 1e6;
                Thread.sleep(askAfter.toMillis());
                long asked = System.nanoTime();
                telegram.textMessage(7, "private", 7, question);
                telegram.expectSent(7, 1, 120_000);
                return new Start(ready, (System.nanoTime() - asked) / 1e6);
            } finally {
                bot.destroy();
                if (!bot.waitFor(20, TimeUnit.SECONDS)) {
                    bot.destroyForcibly();
                }
            }
        } finally {
            delete(data);
        }
    }

    /**
     * Copies the data dir {@code from} into {@code to} (made if missing), the files and dirs whose name
     * {@code keep} takes, their times kept to the nanosecond, as a restart finds them: the copies taken out
     * of the jar are trusted by their modification times ({@code JarCopy}), and a copy made with
     * {@link StandardCopyOption#COPY_ATTRIBUTES} alone keeps them to the microsecond only, so each start would
     * check them whole again.
     */
    public static Path copy(Path from, Path to, Predicate<String> keep) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.walk(from)) {
            for (Path file : files.filter(f -> !f.equals(from) && keep.test(f.getFileName().toString())).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                Files.setLastModifiedTime(copy, Files.getLastModifiedTime(file));
            }
        }
        return to;
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
