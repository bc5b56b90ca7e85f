package io.github.careeradvisor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of the benchmark harness on tiny sizes, beside the packaged jar, as BENCHMARKS.md documents it. */
class BenchIT {

    @TempDir
    Path tmp;

    @Test
    void the_quick_benchmark_writes_every_section_with_the_comparison() throws Exception {
        Path report = tmp.resolve("BENCHMARKS.md");
        Process bench = beside(Benchmark.class, tmp.resolve("bench.log"), "--quick", "--out", report.toString());
        assertTrue(bench.waitFor(10, TimeUnit.MINUTES), "the quick benchmark took over 10 minutes");

        assertEquals(0, bench.exitValue(), Files.readString(tmp.resolve("bench.log")));
        String md = Files.readString(report);
        for (String section : List.of("## Targets", "## Start-up", "## Answers on the shipped knowledge",
                "## Scale: synthetic knowledge", "| plain recipe, whole workload |", "| 1,000 |",
                "answer p50 ≤ 10 ms", "throughput with 8 askers", "Machine: ")) {
            assertTrue(md.contains(section), "missing '" + section + "' in:\n" + md);
        }
        System.out.println(md);
    }

    @Test
    void a_short_soak_gets_one_reply_to_every_message_and_puts_its_curve_into_the_report() throws Exception {
        Path report = tmp.resolve("BENCHMARKS.md");
        Files.writeString(report, "# Benchmarks\n\n## Targets\n\nkept\n");
        Process soak = beside(Soak.class, tmp.resolve("soak.log"), "--minutes", "0.25", "--out", report.toString());
        assertTrue(soak.waitFor(5, TimeUnit.MINUTES), "the short soak took over 5 minutes");

        assertEquals(0, soak.exitValue(), Files.readString(tmp.resolve("soak.log")));
        String md = Files.readString(report);
        for (String part : List.of("## Targets\n\nkept\n", SoakReport.HEADING,
                "| minute | RSS MB | heap MB | old gen MB | DB KB | journal rows | dialogue rows | asked | answers | errors |",
                "- Exactly one reply to every message: yes")) {
            assertTrue(md.contains(part), "missing '" + part + "' in:\n" + md);
        }
        System.out.println(md);
    }

    /** Runs {@code main} on the packaged jar and the test classes, as BENCHMARKS.md says, its output to {@code log}. */
    private static Process beside(Class<?> main, Path log, String... args) throws Exception {
        Path benchClasses = Path.of(BenchIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("jar") + File.pathSeparator + benchClasses, main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("TELEGRAM_BOT_TOKEN");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }
}
