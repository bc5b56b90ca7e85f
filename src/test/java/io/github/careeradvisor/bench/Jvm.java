package io.github.careeradvisor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Java the packaged jar is started with, and the class archive that Java makes and maps. From Java 25
 * (the Dockerfile's image) that is an ahead-of-time cache: the classes loaded and linked, and the
 * methods' profiles, made by one run with {@code -XX:AOTCacheOutput} and used with {@code -XX:AOTCache}.
 * Before it, the class-data-sharing archive of the classes loaded, {@code -XX:ArchiveClassesAtExit} then
 * {@code -XX:SharedArchiveFile}, as Java 17 makes it.
 *
 * @param java the {@code java} launcher
 * @param version its {@code java.runtime.version}
 * @param feature its feature release: 17, 25, …
 */
record Jvm(Path java, String version, int feature) {

    /** The first Java with the one-step ahead-of-time cache (JEP 514) and method profiles in it (JEP 515). */
    static final int AOT_CACHE_FROM = 25;

    private static final Pattern RUNTIME = Pattern.compile("java\\.runtime\\.version = (\\S+)");
    private static final Pattern FEATURE = Pattern.compile("java\\.specification\\.version = (\\d+)");

    /** The Java this benchmark runs on. */
    static Jvm running() {
        return new Jvm(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.runtime.version"),
                Runtime.version().feature());
    }

    /** The Java at {@code java}, its version asked of it; one older than Java 17 is refused. */
    static Jvm at(Path java) throws IOException, InterruptedException {
        Path output = Files.createTempFile("advisor-bench-java-", ".out");
        try {
            Process process;
            try {
                process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot run '" + java + "' (--image-java): " + e.getMessage(), e);
            }
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalArgumentException("'" + java + "' (--image-java) did not tell its version within a minute");
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            Matcher runtime = RUNTIME.matcher(out);
            Matcher feature = FEATURE.matcher(out);
            if (process.exitValue() != 0 || !runtime.find() || !feature.find()) {
                throw new IllegalArgumentException("'" + java + "' (--image-java) did not tell its Java version: "
                        + out.lines().findFirst().orElse("no output"));
            }
            Jvm jvm = new Jvm(java, runtime.group(1), Integer.parseInt(feature.group(1)));
            if (jvm.feature() < 17) {
                throw new IllegalArgumentException("'" + java + "' (--image-java) is Java " + jvm.feature()
                        + "; the jar needs Java 17 or later");
            }
            return jvm;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    boolean aotCache() {
        return feature >= AOT_CACHE_FROM;
    }

    /** The flags of the run that makes the archive at {@code archive}. */
    List<String> making(Path archive) {
        return List.of((aotCache() ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive);
    }

    /**
     * The flags of a start that maps the archive at {@code archive}, and fails rather than run without it
     * (a start that cannot use it would otherwise go on quietly, only slower).
     */
    List<String> mapping(Path archive) {
        return aotCache() ? List.of("-XX:AOTCache=" + archive, "-XX:AOTMode=on")
                : List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on");
    }

    String archiveName() {
        return aotCache() ? "ahead-of-time cache" : "class-data-sharing archive";
    }

    /**
     * One way of starting the jar: a Java with {@code options}, with its archive or without (null), on that
     * Java's warm data dir; {@code image} when it is the Docker image's start. The bot maps {@code botArchive}
     * if there is one (the image's, made by the bot's own run: {@code ImageTraining}), else {@code archive}.
     */
    record Launch(Jvm jvm, List<String> options, @Nullable Path archive, @Nullable Path botArchive, Path dataDir,
            boolean image) {

        Launch {
            options = List.copyOf(options);
        }

        /** The flags of {@code ask} and {@code chat}. */
        List<String> flags() {
            return flags(archive);
        }

        /** The flags of {@code bot}. */
        List<String> botFlags() {
            return flags(botArchive != null ? botArchive : archive);
        }

        private List<String> flags(@Nullable Path mapped) {
            List<String> flags = new java.util.ArrayList<>(options);
            if (mapped != null) {
                flags.addAll(jvm.mapping(mapped));
            }
            return flags;
        }

        String label() {
            return "Java " + jvm.feature() + (options.isEmpty() ? "" : ", the image's memory flags")
                    + (archive == null ? "" : ", its " + jvm.archiveName()) + (image ? " (the Docker image)" : "");
        }
    }
}
