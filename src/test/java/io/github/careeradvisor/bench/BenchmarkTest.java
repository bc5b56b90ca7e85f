package io.github.careeradvisor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.telegram.ImageTraining;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark times the Docker image's start as the Dockerfile makes it. */
class BenchmarkTest {

    @Test
    void the_image_start_has_the_dockerfiles_memory_flags() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher options = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);

        assertTrue(options.find(), "the Dockerfile sets JAVA_TOOL_OPTIONS");
        assertEquals(List.of(options.group(1).split(" ")), Benchmark.IMAGE_OPTIONS);
    }

    @Test
    void the_image_makes_a_cache_for_the_bot_by_its_own_run_and_one_for_the_other_commands_by_ask() throws Exception {
        // Its continued lines joined, as the shell reads them.
        String dockerfile = Files.readString(Path.of("Dockerfile")).replaceAll("\\s*\\\\\n\\s*", " ");

        assertTrue(dockerfile.contains("-XX:AOTCacheOutput=/app/aot/cli.aot -jar /app/career-advisor.jar ask \""
                + Benchmark.ASK + "\""),
                "the commands' cache is made by an ask, as the benchmark makes it");
        assertTrue(dockerfile.contains(ImageTraining.class.getName()
                + " java -XX:AOTCacheOutput=/app/aot/bot.aot -jar /app/career-advisor.jar bot"),
                "the bot's cache is made by the bot's run through ImageTraining, as the benchmark makes it");
        assertTrue(dockerfile.contains("ENTRYPOINT [\"/app/entrypoint.sh\"]"), "the image starts through it");
    }

    @Test
    void the_entrypoint_maps_the_cache_made_for_its_command(@TempDir Path bin) throws Exception {
        Path java = bin.resolve("java"); // stands in for the image's: says how it was called
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals("[-XX:AOTCache=/app/aot/bot.aot][-jar][/app/career-advisor.jar][bot]", entrypoint(bin, "bot"));
        assertEquals("[-XX:AOTCache=/app/aot/bot.aot][-jar][/app/career-advisor.jar]", entrypoint(bin));
        assertEquals("[-XX:AOTCache=/app/aot/cli.aot][-jar][/app/career-advisor.jar][ask][how much, junior?]",
                entrypoint(bin, "ask", "how much, junior?"));
        assertEquals("[-XX:AOTCache=/app/aot/cli.aot][-jar][/app/career-advisor.jar][chat]", entrypoint(bin, "chat"));
    }

    /** What deploy/entrypoint.sh runs for {@code args}, with the {@code java} in {@code bin}. */
    private static String entrypoint(Path bin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "deploy/entrypoint.sh"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + builder.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), out);
        return out;
    }
}
