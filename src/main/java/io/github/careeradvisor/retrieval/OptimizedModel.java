package io.github.careeradvisor.retrieval;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.careeradvisor.storage.DataDir;
import io.github.careeradvisor.storage.JarCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * named by the copy and ONNX Runtime's version. A start reads the small graph and maps the weights
 * instead of parsing the 90 MB model and copying its weights about: the session starts in about a
 * quarter of the time and the process holds about 90 MB less (README, "Performance").
 *
 * <p>The graph is saved at the extended level, whose fusions are the same on every CPU (the level above
 * adds layouts for the CPU at hand, applied again at each load); it gives the model's own vectors, bit
 * for bit ({@code OptimizedModelTest}). It is written into a temporary dir, forced to disk, stamped and
 * renamed whole. The stamp holds each file's CRC-32, size and modification time: a file changed since
 * is read against its CRC again, and a dir that no longer matches, or that ONNX Runtime cannot load, is
 * deleted and saved anew. A save that failed is not tried again for a day.
 */
final class OptimizedModel {

    private static final Logger LOG = LoggerFactory.getLogger(OptimizedModel.class);

    static final String GRAPH = "model.onnx";
    static final String WEIGHTS = "model.data";
    static final String STAMP = "model.crc";
    /** Beside the dir: when a save last failed. */
    static final String FAILED = ".failed";
    static final Duration RETRY_AFTER = Duration.ofDays(1);

    /** How sessions are made: on a saved graph, or on the model's copy while saving its optimised form. */
    interface Sessions {

        /** A session on {@code graph}, a saved dir's. */
        OrtSession load(Path graph) throws OrtException;

        /** A session on {@code copy} that saves the optimised graph to {@code graph}, its weights beside it. */
        OrtSession save(Path copy, Path graph) throws OrtException;
    }

    private OptimizedModel() {
    }

    /** The dir for the model copied to {@code copy}, as ONNX Runtime {@code version} optimises it. */
    static Path dir(Path copy, String version) {
        String name = copy.getFileName().toString().replaceFirst("\\.onnx$", "");
        return copy.toAbsolutePath().resolveSibling(name + "-ort" + version.replaceAll("[^0-9A-Za-z.]", "_"));
    }

    /**
     * A session on the optimised model in {@code dir}, saving it there first from {@code copy} if it is
     * not there whole; empty if that cannot be done now (told to the log), for the caller to read the copy.
     */
    static Optional<OrtSession> session(Path dir, Path copy, Sessions sessions) {
        deleteOthers(dir);
        Optional<Path> graph = find(dir);
        if (graph.isPresent()) {
            try {
                return Optional.of(sessions.load(graph.get()));
            } catch (OrtException e) {
                discard(dir, e.getMessage());
            }
        }
        if (failedLately(dir)) {
            return Optional.empty();
        }
        if (!save(dir, copy, sessions)) {
            markFailed(dir);
            return Optional.empty();
        }
        try {
            return Optional.of(sessions.load(dir.resolve(GRAPH)));
        } catch (OrtException e) {
            discard(dir, e.getMessage());
            markFailed(dir);
            return Optional.empty();
        }
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
     * Saves the optimised model into {@code dir}, by way of a temporary dir renamed whole; false, told to
     * the log, if it could not be done. A lost race with another start saving it is no failure.
     */
    private static boolean save(Path dir, Path copy, Sessions sessions) {
        Path temporary = temporaryBeside(dir);
        try {
            JarCopy.requireRoom(dir, Files.size(copy)); // the database's writes matter more
            DataDir.createPrivateDir(temporary);
            sessions.save(copy, temporary.resolve(GRAPH)).close();
            for (String file : List.of(GRAPH, WEIGHTS)) {
                DataDir.makePrivate(temporary.resolve(file)); // written by ONNX Runtime with the umask's permissions
                try (FileChannel channel = FileChannel.open(temporary.resolve(file), StandardOpenOption.WRITE)) {
                    channel.force(true); // on disk before the stamp says it is whole
                }
            }
            writeStamp(temporary);
            try {
                Files.move(temporary, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, dir);
            } catch (IOException e) {
                if (find(dir).isEmpty()) {
                    throw e;
                }
                // Another start saved it meanwhile: theirs stays, this one goes.
            }
            Files.deleteIfExists(failedMark(dir));
            return true;
        } catch (JarCopy.NoRoom e) {
            LOG.warn("{}: the optimised embedding model is not kept; it is read whole at each start, and tried again "
                    + "in a day", e.getMessage());
            return false;
        } catch (OrtException | IOException | RuntimeException e) {
            LOG.warn("the embedding model could not be optimised into '{}' ({}); it is read whole at each start, and "
                    + "tried again in a day (check ADVISOR_DATA_DIR)", dir, e.toString());
            return false;
        } finally {
            deleteTree(temporary);
        }
    }

    /** Deletes {@code dir}, as ONNX Runtime could not use it ({@code why}), for the next start to save it again. */
    static void discard(Path dir, String why) {
        LOG.warn("the optimised embedding model in '{}' was not used ({}); it is deleted and saved again", dir, why);
        // Renamed out of the way first: another start may be saving the dir anew meanwhile.
        Path doomed = temporaryBeside(dir);
        try {
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            doomed = dir;
        }
        deleteTree(doomed);
    }

    /** A new name beside {@code dir} for a dir on its way in or out, swept once stale ({@link #deleteOthers}). */
    private static Path temporaryBeside(Path dir) {
        return dir.resolveSibling(dir.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    }

    private static Path failedMark(Path dir) {
        return dir.resolveSibling(dir.getFileName() + FAILED);
    }

    private static boolean failedLately(Path dir) {
        try {
            return Files.getLastModifiedTime(failedMark(dir)).toInstant().isAfter(Instant.now().minus(RETRY_AFTER));
        } catch (IOException e) {
            return false; // no mark
        }
    }

    private static void markFailed(Path dir) {
        try {
            DataDir.writeWhole(failedMark(dir), out -> { });
        } catch (IOException | RuntimeException e) {
            // no room even for that: the next start tries again
        }
    }

    /** Whether each file's size and time are those stamped, or, if not, its CRC-32 still is (then stamped anew). */
    private static boolean matchesStamp(Path dir) throws IOException {
        List<String> stamped;
        try {
            stamped = Files.readAllLines(dir.resolve(STAMP), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (stampLines(dir, stamped).equals(stamped)) {
            return true;
        }
        List<String> checked = stampLines(dir, null);
        if (!crcsAndSizes(checked).equals(crcsAndSizes(stamped))) {
            return false;
        }
        writeStamp(dir, checked); // touched, not changed
        return true;
    }

    private static void writeStamp(Path dir) throws IOException {
        writeStamp(dir, stampLines(dir, null));
    }

    private static void writeStamp(Path dir, List<String> lines) throws IOException {
        byte[] text = String.join("\n", lines).concat("\n").getBytes(StandardCharsets.US_ASCII);
        DataDir.writeWhole(dir.resolve(STAMP), out -> out.write(text));
    }

    /**
     * A line per file: its name, CRC-32, size and modification time; the CRC-32 as {@code stamped} says
     * (size and time are what is compared), or read from the file when {@code stamped} is null.
     */
    private static List<String> stampLines(Path dir, List<String> stamped) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : List.of(GRAPH, WEIGHTS)) {
            Path file = dir.resolve(name);
            String crc = stamped == null ? Long.toHexString(JarCopy.crc(file))
                    : stamped.stream().filter(l -> l.startsWith(name + " ")).map(l -> l.split(" ")[1]).findFirst()
                            .orElse("none");
            lines.add(name + " " + crc + " " + Files.size(file) + " "
                    + Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS));
        }
        return lines;
    }

    private static List<String> crcsAndSizes(List<String> lines) {
        return lines.stream().map(l -> l.substring(0, Math.max(0, l.lastIndexOf(' ')))).toList();
    }

    /**
     * Beside {@code dir}: the dirs of other versions (of the model or of ONNX Runtime) and their marks,
     * of no further use, and the temporary dirs a killed save left, once {@link DataDir#STALE} old.
     */
    private static void deleteOthers(Path dir) {
        String name = dir.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf("-ort")).replaceFirst("-[0-9a-f]+$", "");
        Pattern ours = Pattern.compile(Pattern.quote(stem) + "-[0-9a-f]+-ort\\d+(?:\\.\\d+)*(?:_[0-9A-Za-z_.]*)?");
        Pattern temporary = Pattern.compile("(" + ours.pattern() + ")\\.\\d+\\.tmp");
        Pattern failed = Pattern.compile("(" + ours.pattern() + ")" + Pattern.quote(FAILED));
        Instant stale = Instant.now().minus(DataDir.STALE);
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir.getParent())) {
            for (Path other : found) {
                String otherName = other.getFileName().toString();
                try {
                    if (temporary.matcher(otherName).matches()) {
                        if (Files.getLastModifiedTime(other).toInstant().isBefore(stale)) {
                            deleteTree(other);
                        }
                    } else if (failed.matcher(otherName).matches()) {
                        if (!otherName.equals(name + FAILED)) {
                            Files.deleteIfExists(other);
                        }
                    } else if (ours.matcher(otherName).matches() && !otherName.equals(name)) {
                        deleteTree(other);
                    }
                } catch (IOException e) {
                    // another process's to delete, or gone already
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("older copies of the optimised embedding model in '{}' could not be deleted ({})", dir.getParent(),
                    e.toString());
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
