package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.storage.DataDir;
import io.github.careeradvisor.storage.JarCopy;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX Runtime's native libraries copied once out of the jar into the data dir, and ONNX Runtime pointed
 * at them ({@value #PATH_PROPERTY}). Left to itself it writes them (16 MB) into a new temporary dir at
 * every start, which cost about a tenth of a second of each (README, "Performance").
 *
 * <p>The copies live in a dir named by their CRCs, so another ONNX Runtime gets a dir of its own (the
 * old one is deleted). Before ONNX Runtime is pointed there, the main library is loaded from it once: a
 * data dir on a disk that may not run programs ({@code noexec}) fails that, and ONNX Runtime is then
 * left to its temporary dir. Nothing changes when the operator set {@value #PATH_PROPERTY} themselves.
 */
final class OnnxLibraries {

    static final String PATH_PROPERTY = "onnxruntime.native.path";
    private static final Logger LOG = LoggerFactory.getLogger(OnnxLibraries.class);
    private static final String PREFIX = "onnxruntime-";
    private static final String MAIN = "onnxruntime";
    private static final String JNI = "onnxruntime4j_jni";
    private static final Pattern DIRS = Pattern.compile(Pattern.quote(PREFIX) + "[0-9a-f]+-[0-9a-f]+");
    /** Whether this process has decided already: ONNX Runtime loads its libraries once. */
    private static boolean decided;

    private OnnxLibraries() {
    }

    /**
     * Called before every use of ONNX Runtime: the first call of the process points it at copies in
     * {@code dataDir} (made now if missing), if one is given; later calls change nothing, as ONNX Runtime
     * has loaded its libraries by then. Returns the dir its libraries are loaded from, or empty when it
     * is left to load them its own way.
     */
    static synchronized Optional<Path> beforeFirstUse(@Nullable Path dataDir) {
        if (decided) {
            return Optional.ofNullable(System.getProperty(PATH_PROPERTY)).map(Path::of);
        }
        decided = true;
        if (System.getProperty(PATH_PROPERTY) != null) {
            return Optional.of(Path.of(System.getProperty(PATH_PROPERTY))); // the operator's own
        }
        if (dataDir == null) {
            return Optional.empty();
        }
        String platform = platform();
        if (platform == null) {
            return Optional.empty();
        }
        try {
            Optional<Path> dir = copyInto(dataDir, platform);
            if (dir.isPresent() && !JarCopy.onlyOurs(dir.get().resolve(library(MAIN)))) {
                LOG.warn("ONNX Runtime's libraries in '{}' are not loaded: that dir, or the data dir, is a link or can be "
                        + "written by others (make ADVISOR_DATA_DIR this user's alone, 0700); ONNX Runtime copies them "
                        + "into a temporary dir at each start", dir.get());
                return Optional.empty();
            }
            if (dir.isPresent()) {
                System.load(dir.get().resolve(library(MAIN)).toAbsolutePath().toString()); // ONNX Runtime's load: a no-op
                System.setProperty(PATH_PROPERTY, dir.get().toAbsolutePath().toString());
            }
            return dir;
        } catch (JarCopy.NoRoom e) {
            LOG.warn("{}: ONNX Runtime copies its libraries into a temporary dir at each start", e.getMessage());
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("ONNX Runtime's libraries could not be kept in and loaded from '{}' ({}); it copies them into a "
                    + "temporary dir at each start (a data dir on a disk mounted noexec does this: check "
                    + "ADVISOR_DATA_DIR)", dataDir, e.toString());
        }
        return Optional.empty();
    }

    /**
     * The dir in {@code dataDir} holding whole copies of ONNX Runtime's libraries for {@code platform},
     * made now if missing; empty when the jar has none (a folder of classes, another platform).
     */
    static Optional<Path> copyInto(Path dataDir, String platform) throws IOException {
        ClassLoader loader = OnnxLibraries.class.getClassLoader();
        List<JarCopy.Entry> entries = new ArrayList<>();
        for (String name : List.of(MAIN, JNI)) {
            Optional<JarCopy.Entry> entry = JarCopy.find(loader, "ai/onnxruntime/native/" + platform + "/" + library(name));
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            entries.add(entry.get());
        }
        Path dir = dataDir.resolve(PREFIX + entries.get(0).crcHex() + "-" + entries.get(1).crcHex());
        DataDir.prepare(dir); // its owner's alone (0700), as the data dir is
        boolean written = false;
        for (JarCopy.Entry entry : entries) {
            written |= JarCopy.ensure(entry, dir.resolve(entry.resource().substring(entry.resource().lastIndexOf('/') + 1)));
        }
        if (written) {
            deleteOthers(dataDir, dir);
        }
        return Optional.of(dir);
    }

    /** The platform as ONNX Runtime names its folder of libraries in the jar; null for one it has none for. */
    static @Nullable String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") || os.contains("darwin") ? "osx"
                : os.contains("win") ? "win" : os.contains("nux") ? "linux" : null;
        String machine = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64"
                : arch.startsWith("aarch64") ? "aarch64" : null;
        return system == null || machine == null ? null : system + "-" + machine;
    }

    private static String library(String name) {
        return System.mapLibraryName(name).replace("jnilib", "dylib"); // as ONNX Runtime names them
    }

    /** Copies of other ONNX Runtime versions, of no further use, as far as they can be deleted. */
    private static void deleteOthers(Path dataDir, Path kept) {
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dataDir, PREFIX + "*")) {
            for (Path other : found) {
                if (!other.equals(kept) && Files.isDirectory(other) && DIRS.matcher(other.getFileName().toString()).matches()) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(other)) {
                        for (Path file : files) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(other);
                }
            }
        } catch (IOException e) {
            LOG.warn("an older copy of ONNX Runtime's libraries in '{}' could not be deleted ({})", dataDir, e.toString());
        }
    }
}
