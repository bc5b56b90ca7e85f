package io.github.careeradvisor.retrieval;

import io.github.careeradvisor.storage.DataDir;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Passage vectors kept on disk between runs, keyed by the SHA-256 of the model name and the exact text,
 * so a restart embeds only what changed. The file is rewritten whole through a temporary file and an
 * atomic rename; a file that cannot be read is reported and rebuilt, never fatal.
 */
final class EmbeddingCache {

    private static final int MAGIC = 0x43414531; // "CAE1"
    private static final int KEY_BYTES = 32;

    private final Path file;
    private final String model;
    private final int dimensions;
    private final Map<String, float[]> vectors = new HashMap<>();
    private final Map<String, String> keys = new HashMap<>();
    private boolean changed;

    private EmbeddingCache(Path file, String model, int dimensions) {
        this.file = file;
        this.model = model;
        this.dimensions = dimensions;
    }

    /** Opens the cache file for {@code model} in {@code dir}; a damaged file is reported and started anew. */
    static EmbeddingCache open(Path dir, String model, int dimensions, Consumer<String> warnings) {
        EmbeddingCache cache = new EmbeddingCache(dir.resolve("embeddings-" + model + ".bin"), model, dimensions);
        if (!Files.exists(cache.file)) {
            return cache; // the first run: nothing cached yet
        }
        try {
            cache.read();
        } catch (IOException | RuntimeException e) {
            cache.vectors.clear();
            cache.changed = true;
            warnings.accept("warning: embedding cache '" + cache.file + "' is unreadable (" + e.getMessage()
                    + "); rebuilding it");
        }
        return cache;
    }

    Path file() {
        return file;
    }

    Optional<float[]> get(String text) {
        return Optional.ofNullable(vectors.get(key(text)));
    }

    void put(String text, float[] vector) {
        if (vector.length != dimensions) {
            throw new IllegalArgumentException("expected a vector of " + dimensions + " numbers, got " + vector.length);
        }
        vectors.put(key(text), vector);
        changed = true;
    }

    /** Drops every vector whose text is not in {@code inUse}, so the file does not grow forever. */
    void retainOnly(List<String> inUse) {
        Map<String, float[]> kept = new HashMap<>();
        for (String text : inUse) {
            String key = key(text);
            float[] v = vectors.get(key);
            if (v != null) {
                kept.put(key, v);
            }
        }
        if (kept.size() != vectors.size()) {
            vectors.clear();
            vectors.putAll(kept);
            changed = true;
        }
    }

    /** Writes the cache if anything changed. Failing to write costs only time on the next start. */
    void save(Consumer<String> warnings) {
        if (!changed) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            DataDir.writeWhole(file, stream -> {
                DataOutputStream out = new DataOutputStream(stream);
                out.writeInt(MAGIC);
                out.writeUTF(model);
                out.writeInt(dimensions);
                out.writeInt(vectors.size());
                HexFormat hex = HexFormat.of();
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    out.write(hex.parseHex(e.getKey()));
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            });
            changed = false;
        } catch (IOException e) {
            warnings.accept("warning: cannot write the embedding cache '" + file + "' (" + e
                    + "); the next start will embed again (check " + "ADVISOR_DATA_DIR" + ")");
        }
    }

    /**
     * Reads the whole file at once and its vectors in bulk: read a number at a time through a stream, the
     * 2 MB of the shipped guides' vectors kept a start's interpreter and JIT busy for a few hundred ms.
     */
    private void read() throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)); // big-endian, as DataOutputStream wrote it
        try {
            if (all.getInt() != MAGIC) {
                throw new IOException("not an embedding cache file");
            }
            String storedModel = readUtf(all);
            int storedDimensions = all.getInt();
            if (!storedModel.equals(model) || storedDimensions != dimensions) {
                throw new IOException("made by model " + storedModel + " with " + storedDimensions + " dimensions");
            }
            int count = all.getInt();
            long entryBytes = KEY_BYTES + 4L * dimensions;
            if (count < 0 || count > 10_000_000) {
                throw new IOException("bad entry count " + count);
            }
            if (all.remaining() < count * entryBytes) {
                throw new IOException("the file ends early (truncated)");
            }
            if (all.remaining() > count * entryBytes) {
                throw new IOException("unexpected bytes after " + count + " entries");
            }
            HexFormat hex = HexFormat.of();
            List<Map.Entry<String, float[]>> entries = new ArrayList<>(count);
            byte[] key = new byte[KEY_BYTES];
            for (int i = 0; i < count; i++) {
                all.get(key);
                float[] v = new float[dimensions];
                all.asFloatBuffer().get(v);
                all.position(all.position() + 4 * dimensions);
                for (float f : v) {
                    if (!Float.isFinite(f)) {
                        throw new IOException("entry " + i + " holds a number that is not finite");
                    }
                }
                entries.add(Map.entry(hex.formatHex(key), v));
            }
            entries.forEach(e -> vectors.put(e.getKey(), e.getValue()));
        } catch (BufferUnderflowException e) {
            throw new IOException("the file ends early (truncated)", e);
        }
    }

    /**
     * A string as {@link DataOutputStream#writeUTF} wrote it, read from a buffer over an array: its length, then its
     * characters in Java's modified UTF-8, which for ASCII is the bytes themselves (the word index reads its words
     * with it too).
     */
    static String readUtf(ByteBuffer in) throws IOException {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        int from = in.arrayOffset() + in.position();
        byte[] bytes = in.array();
        in.position(in.position() + length);
        for (int i = from; i < from + length; i++) {
            if (bytes[i] <= 0) { // past ASCII, or a zero byte, which modified UTF-8 never writes
                return new DataInputStream(new ByteArrayInputStream(bytes, from - 2, length + 2)).readUTF();
            }
        }
        return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }

    /** Each text's key, worked out once: a start looks each text up several times. */
    private String key(String text) {
        return keys.computeIfAbsent(text, this::digest);
    }

    private String digest(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
