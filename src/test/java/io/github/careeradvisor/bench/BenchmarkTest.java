package io.github.careeradvisor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.github.careeradvisor.telegram.ImageTraining;
import org.junit.jupiter.api.Test;

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
        String entrypoint = Files.readString(Path.of("deploy/entrypoint.sh"));

        assertTrue(dockerfile.contains("-XX:AOTCacheOutput=/app/aot/cli.aot -jar /app/career-advisor.jar ask \""
                + Benchmark.ASK + "\""),
                "the commands' cache is made by an ask, as the benchmark makes it");
        assertTrue(dockerfile.contains(ImageTraining.class.getName()
                + " java -XX:AOTCacheOutput=/app/aot/bot.aot -jar /app/career-advisor.jar bot"),
                "the bot's cache is made by the bot's run through ImageTraining, as the benchmark makes it");
        assertTrue(entrypoint.contains("cache=/app/aot/cli.aot") && entrypoint.contains("cache=/app/aot/bot.aot")
                && entrypoint.contains("-XX:AOTCache=\"$cache\""), "the entrypoint maps the cache made for its command");
        assertTrue(dockerfile.contains("ENTRYPOINT [\"/app/entrypoint.sh\"]"), "the image starts through it");
    }
}
