package io.github.careeradvisor.retrieval;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.careeradvisor.storage.JarCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model as ONNX Runtime optimises it, saved once beside the model's copy in the data dir: its graph
 * ({@value #GRAPH}, 50 KB) and its weights ({@value #WEIGHTS}, 90 MB) in files of their own, in a dir
 * named by the copy and ONNX Runtime's version. A later start reads the small graph and maps the weights
 * instead of parsing the 90 MB model and copying its weights about: the session starts in about a
 * quarter of the time and the process holds about 90 MB less (README, "Performance").
 *
 * <p>The graph is saved at the extended level, whose fusions are the same on every CPU (the level above
 * adds layouts for the CPU at hand, done again at each load); its answers are the same, bit for bit, as
 * the model's own ({@code MiniLmTest}). The dir is written under a temporary name and renamed whole, and
 * a stamp beside the files holds their CRC-32, size and modification time: a file changed since is
 * checked again, and a dir that no longer matches is deleted and saved anew.
 */
final class OptimizedModel {

    private static final Logger LOG = LoggerFactory.getLogger(OptimizedModel.class);

    static final String GRAPH = "model.onnx";
    static final String WEIGHTS = "model.data";
    static final String STAMP = "model.crc";
    /** A temporary dir younger than this may be another process's, still saving. */
    private static final Duration STALE = Duration.ofMinutes(10);

    /** How a session is made with the options given (ONNX Runtime's, or a test's). */
    interface Sessions {
        OrtSession create(Path model, OrtSession.SessionOptions options) throws OrtException;
    }

    private OptimizedModel() {
    }

    /** The dir for the model copied to {@code copy}, as ONNX Runtime {@code version} optimises it. */
    static Path dir(Path copy, String version) {
        String name = copy.getFileName().toString().replaceFirst("\\.onnx$", "");
        return copy.toAbsolutePath().resolveSibling(name + "-ort" + version.replaceAll("[^0-9A-Za-z.]", "_"));
    }

    /**
     * A session on the optimised model in {@code dir} with {@code options}, saving it there first (from
     * {@code copy}, with {@code saving}) if it is not there whole; empty if neither worked, as told to the log.
     */
    static Optional<OrtSession> session(Path dir, Path copy, OrtSession.SessionOptions options,
            OrtSession.SessionOptions saving, Sessions sessions) {
        Optional<Path> graph = find(dir);
        if (graph.isPresent()) {
            try {
                return Optional.of(sessions.create(graph.get(), options));
            } catch (OrtException e) {
                discard(dir, e.getMessage());
            }
        }
        return save(dir, copy, saving, sessions);
    }

    /** The saved graph in {@code dir} if its files match their stamp; empty otherwise, a damaged dir deleted. */
    static Optional<Path> find(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (matchesStamp(dir)) {
                return Optional.of(dir.resolve(GRAPH));
            }
            discard(dir, "its files do not match their stamp");
        } catch (IOException | RuntimeException e) {
            discard(dir, e.toString());
        }
        return Optional.empty();
    }

    /**
     * Saves the optimised model into {@code dir}: a session on {@code copy} with {@code saving} writes it
     * into a temporary dir, which is stamped and renamed; that session is the one returned.
     */
    private static Optional<OrtSession> save(Path dir, Path copy, OrtSession.SessionOptions saving, Sessions sessions) {
        Path temporary = null;
        try {
            deleteOthers(dir);
            temporary = dir.resolveSibling(dir.getFileName() + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            Files.createDirectory(temporary);
            saving.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            saving.setOptimizedModelFilePath(temporary.resolve(GRAPH).toString());
            saving.addConfigEntry("session.optimized_model_external_initializers_file_name", WEIGHTS);
            saving.addConfigEntry("session.optimized_model_external_initializers_min_size_in_bytes", "1024");
            OrtSession session = sessions.create(copy, saving);
            try {
                writeStamp(temporary);
                try {
                    Files.move(temporary, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, dir);
                }
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Another start saved it meanwhile: theirs stays, this one goes.
            } catch (IOException | RuntimeException e) {
                LOG.warn("the optimised embedding model could not be kept in '{}' ({}); each start optimises it again "
                        + "(check ADVISOR_DATA_DIR)", dir, e.toString());
            }
            return Optional.of(session);
        } catch (OrtException | IOException | RuntimeException e) {
            LOG.warn("the embedding model could not be optimised into '{}' ({}); it is read whole at each start "
                    + "(check ADVISOR_DATA_DIR)", dir, e.toString());
            return Optional.empty();
        } finally {
            if (temporary != null) {
                deleteTree(temporary);
            }
        }
    }

    /** Deletes {@code dir}, as ONNX Runtime could not use it ({@code why}): the next start saves it again. */
    static void discard(Path dir, String why) {
        LOG.warn("the optimised embedding model in '{}' was not used ({}); it is deleted and saved again", dir, why);
        deleteTree(dir);
    }

    /** Whether each file's size and time are those stamped, or, if not, its CRC-32 still is (then stamped anew). */
    private static boolean matchesStamp(Path dir) throws IOException {
        List<String> stamped;
        try {
            stamped = Files.readAllLines(dir.resolve(STAMP), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return false;
        }
        List<String> now = stampLines(dir, false);
        if (now.equals(stamped)) {
            return true;
        }
        List<String> checked = stampLines(dir, true);
        if (!crcsAndSizes(checked).equals(crcsAndSizes(stamped))) {
            return false;
        }
        Files.write(dir.resolve(STAMP), checked, StandardCharsets.US_ASCII); // touched, not changed
        return true;
    }

    private static void writeStamp(Path dir) throws IOException {
        Files.write(dir.resolve(STAMP), stampLines(dir, true), StandardCharsets.US_ASCII);
    }

    /** A line per file: its name, its CRC-32 (read only if {@code read}, else the stamp's own), size and time. */
    private static List<String> stampLines(Path dir, boolean read) throws IOException {
        List<String> stamped = read ? List.of() : Files.readAllLines(dir.resolve(STAMP), StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>();
        for (String name : List.of(GRAPH, WEIGHTS)) {
            Path file = dir.resolve(name);
            String crc;
            if (read) {
                crc = Long.toHexString(JarCopy.crc(file));
            } else {
                crc = stamped.stream().filter(l -> l.startsWith(name + " ")).map(l -> l.split(" ")[1]).findFirst()
                        .orElse("none");
            }
            lines.add(name + " " + crc + " " + Files.size(file) + " "
                    + Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS));
        }
        return lines;
    }

    private static List<String> crcsAndSizes(List<String> lines) {
        return lines.stream().map(l -> l.substring(0, l.lastIndexOf(' '))).toList();
    }

    /** Other versions' dirs beside {@code dir}, and temporary dirs a killed save left. */
    private static void deleteOthers(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        String model = name.substring(0, name.lastIndexOf("-ort"));
        Pattern ours = Pattern.compile(Pattern.quote(model.replaceFirst("-[0-9a-f]+$", "")) + "-[0-9a-f]+-ort[0-9A-Za-z._]+");
        Instant stale = Instant.now().minus(STALE);
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir.getParent())) {
            for (Path other : found) {
                String otherName = other.getFileName().toString();
                boolean temporary = otherName.matches(".*\\d+\\.tmp") && ours.matcher(otherName.replaceFirst("\\d+\\.tmp$", ""))
                        .matches();
                if (temporary && Files.getLastModifiedTime(other).toInstant().isBefore(stale)
                        || !temporary && !otherName.equals(name) && ours.matcher(otherName).matches()) {
                    deleteTree(other);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("'{}' could not be deleted ({}): delete it by hand", dir, e.toString());
        }
    }
}
