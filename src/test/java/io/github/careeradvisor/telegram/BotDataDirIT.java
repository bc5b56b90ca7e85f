package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on a data dir it cannot have: one another bot holds, or one it may not write. Each
 * is a separate process, as an operator would start them.
 */
class BotDataDirIT {

    @TempDir
    Path tmp;

    private record Run(int code, String err) {
    }

    @Test
    void a_second_bot_on_the_same_data_dir_exits_2_while_ask_still_works_beside_the_first() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path cache = Path.of("target", "test-data", "embeddings-all-minilm-l6-v2.bin");
        if (Files.exists(cache)) {
            Files.copy(cache, data.resolve(cache.getFileName()));
        }
        try (FakeBotApi telegram = new FakeBotApi()) {
            Process first = jar(telegram, data, tmp.resolve("first.log"), List.of(), "bot").start();
            try {
                assertTrue(telegram.awaitCall("setMyCommands", 1, 60_000), Files.readString(tmp.resolve("first.log")));
                assertEquals(1, telegram.calls("setMyCommands").size(), Files.readString(tmp.resolve("first.log")));

                Run second = run(jar(telegram, data, tmp.resolve("second.log"), List.of(), "bot"));

                assertEquals(2, second.code(), second.err());
                assertEquals("error: another bot is running on data dir '" + data + "' (it holds '"
                        + data.resolve("bot.lock") + "'): stop it first, or give this bot a data dir of its own with "
                        + "ADVISOR_DATA_DIR\n", second.err());
                assertEquals(1, telegram.calls("setMyCommands").size(), "the second bot never reached Telegram");

                // The CLI shares the data dir with the running bot: what it saves, the bot knows.
                Run ask = run(jar(telegram, data, tmp.resolve("ask.log"), List.of(), "ask", "--user", "5", "/hours", "9"));
                assertEquals(0, ask.code(), ask.err());
                telegram.textMessage(5, "private", 5, "/profile");
                String profile = telegram.awaitSent(5, 1, 30_000).get(0).get("text").asText();
                assertTrue(profile.contains("9 hours a week"), profile);
            } finally {
                first.destroy(); // SIGTERM
                assertTrue(first.waitFor(10, TimeUnit.SECONDS), "the first bot did not stop on SIGTERM");
            }
        }
    }

    /**
     * A directory the bot's user may not write. Root writes through permissions, so as root the bot is
     * run as nobody ({@code setpriv}), for whom the dropped permissions hold: the kernel refuses for real.
     */
    @Test
    void a_bot_and_ask_on_a_data_dir_their_user_cannot_write_exit_2_naming_ADVISOR_DATA_DIR() throws Exception {
        List<String> asUser = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "root needs setpriv to run the bot as nobody");
            asUser.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x")); // nobody may enter
        }
        Path data = Files.createDirectories(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        try (FakeBotApi telegram = new FakeBotApi()) {
            for (String[] command : List.of(new String[] {"bot"}, new String[] {"ask", "hello"})) {
                Run run = run(jar(telegram, data, tmp.resolve(command[0] + ".log"), asUser, command));

                assertEquals(2, run.code(), run.err());
                assertTrue(run.err().startsWith("error: data dir '" + data + "' cannot be written ("), run.err());
                assertTrue(run.err().endsWith("): make it writable for this user, or set ADVISOR_DATA_DIR to a folder "
                        + "that is\n"), run.err());
            }
            assertEquals(List.of(), telegram.calls("getMe"), "stopped before Telegram was asked anything");
        }
    }

    private ProcessBuilder jar(FakeBotApi telegram, Path data, Path log, List<String> asUser, String... args) {
        List<String> command = new ArrayList<>(asUser);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        builder.environment().put("TELEGRAM_API_URL", telegram.url().toString());
        builder.environment().put("ADVISOR_DATA_DIR", data.toString());
        builder.environment().put("ADVISOR_HTTP_PORT", "off"); // several bots run here; none needs the port
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile());
        return builder;
    }

    private static Run run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly(); // a second bot that did not stop would answer everything again
            throw new AssertionError("did not finish within 60 s: " + builder.command());
        }
        return new Run(process.exitValue(), Files.readString(builder.redirectError().file().toPath()));
    }
}
