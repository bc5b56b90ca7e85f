package io.github.careeradvisor.telegram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The run that makes the Docker image's ahead-of-time cache for the bot: the bot, started by the command
 * given (the image's Java with {@code -XX:AOTCacheOutput}), against this Telegram stand-in on 127.0.0.1,
 * asked what a person asks first, each message once the one before it was answered; then stopped as
 * {@code docker stop} stops it (SIGTERM), and its Java writes the cache as it exits. The Dockerfile runs it
 * from the build's test classes, the benchmark calls {@link #run} to make the image's cache the same way
 * (README, "Performance"). Made by an {@code ask}, the cache held neither the Telegram library nor the
 * bot's own code, and the bot loaded, linked and profiled them again at every start.
 *
 * <p>{@code java -cp TEST_CLASSES:career-advisor.jar io.github.careeradvisor.telegram.ImageTraining
 * COMMAND…}: the environment (the data dir, the knowledge dir, {@code JAVA_TOOL_OPTIONS}) is handed on,
 * with the stand-in's address and token and the health port off. Exits 0 once every message was answered
 * and the bot has exited, 1 otherwise, with the bot's output.
 */
public final class ImageTraining {

    /** What the training says, in one private chat: the first things people send. */
    public static final List<String> MESSAGES = List.of("/start", "how much does a junior ML engineer earn?",
            "and seniors?", "which certification should I take for AWS?", "what should I learn next?");
    private static final long CHAT = 42;
    private static final long WAIT_MILLIS = TimeUnit.MINUTES.toMillis(2);

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
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs {@code command}, the bot, with this process's environment and {@code env} over it, through the
     * training, and stops it.
     *
     * @throws IllegalStateException if the bot did not poll, left a message unanswered or did not exit, with
     *     its output
     */
    public static void run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("advisor-image-training-", ".log");
        try (FakeBotApi telegram = new FakeBotApi()) {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            builder.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
            builder.environment().put("TELEGRAM_API_URL", telegram.url().toString());
            builder.environment().put("ADVISOR_HTTP_PORT", "off");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Process bot = builder.start();
            try {
                if (!telegram.awaitCall("getUpdates", 1, WAIT_MILLIS)) {
                    throw failed("the bot did not poll within two minutes", log);
                }
                for (String message : MESSAGES) {
                    int before = telegram.sent(CHAT).size();
                    telegram.textMessage(CHAT, "private", CHAT, message);
                    if (telegram.awaitSent(CHAT, before + 1, WAIT_MILLIS).size() <= before) {
                        throw failed("'" + message + "' was not answered within two minutes", log);
                    }
                }
            } finally {
                bot.destroy(); // SIGTERM: the bot stops as docker stop stops it, and Java writes the cache
                if (!bot.waitFor(2, TimeUnit.MINUTES)) {
                    bot.destroyForcibly();
                    throw failed("the bot did not exit within two minutes of SIGTERM", log);
                }
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static IllegalStateException failed(String what, Path log) throws IOException {
        return new IllegalStateException(what + "; its output:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
}
