package io.github.careeradvisor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark times the Docker image's start as the Dockerfile makes it. */
class BenchmarkTest {

    @Test
    void the_image_start_has_the_dockerfiles_memory_flags_and_its_cache() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher options = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);

        assertTrue(options.find(), "the Dockerfile sets JAVA_TOOL_OPTIONS");
        assertEquals(List.of(options.group(1).split(" ")), Benchmark.IMAGE_OPTIONS);
        assertTrue(dockerfile.contains("-XX:AOTCacheOutput=") && dockerfile.contains("\"-XX:AOTCache="),
                "the image makes and maps an ahead-of-time cache, as the benchmark does on --image-java");
    }
}
