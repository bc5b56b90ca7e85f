package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.storage.DataDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model's ONNX file copied once out of its jar into the data dir, for ONNX Runtime to read from disk
 * at every later start. Inflating the 90 MB from the jar and handing it over as bytes took about a second
 * of each start and kept the bytes in memory beside ONNX Runtime's own (README, "Performance").
 *
 * <p>The copy is named by the jar entry's CRC-32, so another model version gets a file of its own (the
 * old one is deleted). It is written under a temporary name of its own (two programs starting at once
 * on one data dir each write theirs), checked against that CRC, forced to disk and only then moved into
 * place whole; a copy whose size or CRC no longer match, checked at every start, is written again. A disk without room for it plus
 * {@value #SPARE_BYTES} bytes gets none: the database's writes matter more.
 */
final class ModelFile {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFile.class);
    /** Room a copy must leave free on the data dir's disk. */
    static final long SPARE_BYTES = 256L << 20;

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
            if (Files.isRegularFile(file) && Files.size(file) == entry.getSize() && crc(file) == entry.getCrc()) {
                return Optional.of(file); // whole and unchanged: checking costs tens of milliseconds, beside the start
            }
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < entry.getSize() + SPARE_BYTES) {
                LOG.warn("the data dir '{}' has {} MB free, too little for a copy of the embedding model ({} MB) "
                        + "and the database's growth; the model is read from its jar at each start", dir, free >> 20,
                        entry.getSize() >> 20);
                return Optional.empty();
            }
            copy(jar.getInputStream(), file, entry);
            deleteOthers(dir, stem, file);
            return Optional.of(file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the embedding model could not be copied into '{}' ({}); it is read from its jar at each start "
                    + "(check ADVISOR_DATA_DIR)", dir, e.toString());
            return Optional.empty();
        }
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return crc.getValue();
    }

    /** Forgets a copy ONNX Runtime could not read ({@code why}): the next start writes it again. */
    static void discard(Path copy, String why) {
        LOG.warn("the copy of the embedding model '{}' could not be read ({}); it is deleted and the model read "
                + "from its jar", copy, why);
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            LOG.warn("the damaged copy of the embedding model '{}' could not be deleted ({}): delete it by hand", copy,
                    e.toString());
        }
    }

    private static void copy(InputStream from, Path file, JarEntry entry) throws IOException {
        DataDir.writeWhole(file, out -> {
            CRC32 crc = new CRC32();
            try (InputStream in = new CheckedInputStream(from, crc)) {
                long copied = in.transferTo(out);
                if (copied != entry.getSize() || crc.getValue() != entry.getCrc()) {
                    throw new IOException("the copy has " + copied + " bytes of CRC-32 " + Long.toHexString(crc.getValue())
                            + ", the jar says " + entry.getSize() + " bytes of " + Long.toHexString(entry.getCrc()));
                }
            }
        });
    }

    /** Copies of other versions of the model (90 MB each, of no further use), as far as they can be deleted. */
    private static void deleteOthers(Path dir, String stem, Path kept) {
        Pattern copies = Pattern.compile(Pattern.quote(stem) + "-[0-9a-f]+\\.onnx");
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, stem + "-*.onnx")) {
            for (Path copy : found) {
                if (!copy.equals(kept) && copies.matcher(copy.getFileName().toString()).matches()) {
                    Files.deleteIfExists(copy);
                }
            }
        } catch (IOException e) {
            LOG.warn("an older copy of the embedding model in '{}' could not be deleted ({})", dir, e.toString());
        }
    }
}
