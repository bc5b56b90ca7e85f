package io.github.careeradvisor.telegram;

import io.github.careeradvisor.config.Settings;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The run that makes the Docker image's ahead-of-time cache for the bot: the bot, started by the command
 * given (the image's Java with {@code -XX:AOTCacheOutput}), against this Telegram stand-in on 127.0.0.1,
 * asked what a person asks first, each message once the one before it was answered, its {@code /readyz}
 * asked once as the image's health check asks it; then stopped as {@code docker stop} stops it (SIGTERM),
 * and its Java writes the cache as it exits. The Dockerfile runs it from the build's test classes, and the
 * benchmark calls {@link #run} to make the image's cache the same way (README, "Performance"). Made by an
 * {@code ask}, the cache held neither the Telegram library nor the bot's own code.
 *
 * <p>{@code java -cp TEST_CLASSES:career-advisor.jar io.github.careeradvisor.telegram.ImageTraining
 * COMMAND…}. The bot gets this process's data dir, knowledge dir and {@code JAVA_TOOL_OPTIONS}; none of the
 * other settings a shell may hold (a webhook, a database, a language model, allowed users), so it trains
 * on the image's default run: polling, SQLite, the health port on. Exits 0 once every message was
 * answered and the bot has stopped, 1 otherwise, saying why, with the bot's output.
 *
 * <p>The Docker build has no JUnit: only {@link FakeBotApi}'s {@code await…} methods may be used here, not
 * its {@code expect…} ones, which fail a test through JUnit.
 */
public final class ImageTraining {

    /** What the training says, in one private chat: the first things people send. */
    public static final List<String> MESSAGES = List.of("/start", "how much does a junior ML engineer earn?",
            "and seniors?", "which certification should I take for AWS?", "what should I learn next?");
    private static final long CHAT = 42;
    /** The longest wait for each step: the bot's first getUpdates, each answer, its exit. */
    private static final Duration STEP = Duration.ofMinutes(2);
    private static final Duration SLICE = Duration.ofMillis(100);
    /** A JVM stopped by SIGTERM after its shutdown hooks ran. */
    private static final int SIGTERM_EXIT = 143;

    private ImageTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ImageTraining COMMAND… (the bot's command line, with -XX:AOTCacheOutput)");
            System.exit(2);
        }
        try {
            run(Arrays.asList(args), Map.of());
        } catch (IllegalStateException e) {
            System.err.println("error: image training: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs {@code command}, the bot, through the training and stops it; {@code env} is put over this
     * process's environment before the other settings are taken out.
     *
     * @throws IllegalStateException if the bot did not poll, left a message unanswered or answered it with an
     *     error, or did not stop cleanly; with the bot's output
     */
    public static void run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("advisor-image-training-", ".log");
        try (FakeBotApi telegram = new FakeBotApi()) {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> environment = builder.environment();
            environment.putAll(env);
            environment.keySet().removeIf(name -> (name.startsWith("ADVISOR_") || name.startsWith("TELEGRAM_"))
                    && !name.equals(Settings.DATA_DIR) && !name.equals(Settings.KNOWLEDGE_DIR));
            environment.put(Settings.TELEGRAM_TOKEN, FakeBotApi.TOKEN);
            environment.put(Settings.TELEGRAM_API_URL, telegram.url().toString());
            environment.put(Settings.HTTP_PORT, String.valueOf(port));
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Process bot = builder.start();
            IllegalStateException failure = null;
            try {
                train(telegram, bot, port, log);
            } catch (IllegalStateException e) {
                failure = e;
            }
            bot.destroy(); // SIGTERM, as docker stop sends it: the bot stops, and Java writes the cache
            IllegalStateException stopping = null;
            if (!bot.waitFor(STEP.toMillis(), TimeUnit.MILLISECONDS)) {
                bot.destroyForcibly().waitFor();
                stopping = failed("the bot did not stop within " + STEP.toMinutes() + " minutes of SIGTERM", log);
            } else if (failure == null && bot.exitValue() != 0 && bot.exitValue() != SIGTERM_EXIT) {
                stopping = failed("the bot exited with code " + bot.exitValue() + " on SIGTERM", log);
            }
            if (failure != null) {
                if (stopping != null) {
                    failure.addSuppressed(stopping);
                }
                throw failure;
            }
            if (stopping != null) {
                throw stopping;
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void train(FakeBotApi telegram, Process bot, int port, Path log) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!telegram.awaitCall("getUpdates", 1, SLICE.toMillis())) {
            stillRunning(bot, deadline, "before its first getUpdates", log);
        }
        for (String message : MESSAGES) {
            int before = telegram.sent(CHAT).size();
            telegram.textMessage(CHAT, "private", CHAT, message);
            deadline = System.nanoTime() + STEP.toNanos();
            while (telegram.awaitSent(CHAT, before + 1, SLICE.toMillis()).size() <= before) {
                stillRunning(bot, deadline, "before it answered '" + message + "'", log);
            }
            String reply = telegram.sentTexts(CHAT).get(before);
            if (reply.equals(UpdateDispatcher.SORRY) || reply.equals(Responder.NOT_ALLOWED)) {
                throw failed("the bot answered '" + message + "' with '" + reply + "'", log);
            }
        }
        HttpURLConnection readiness = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/readyz").toURL()
                .openConnection();
        try {
            if (readiness.getResponseCode() != 200) {
                throw failed("the bot's /readyz answered " + readiness.getResponseCode(), log);
            }
        } finally {
            readiness.disconnect();
        }
    }

    private static void stillRunning(Process bot, long deadline, String when, Path log) throws IOException {
        if (!bot.isAlive()) {
            throw failed("the bot exited with code " + bot.exitValue() + " " + when, log);
        }
        if (System.nanoTime() > deadline) {
            throw failed("the bot was still running " + STEP.toMinutes() + " minutes on, " + when, log);
        }
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static IllegalStateException failed(String what, Path log) throws IOException {
        return new IllegalStateException(what + "; the bot's output:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
}
