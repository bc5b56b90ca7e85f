package io.github.careeradvisor.storage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A file in the data dir holding what an earlier start worked out, for the next starts to read instead
 * of working it out again: the parsed guides, the word index (README, "Performance"). It is valid for one
 * key, a hash of everything it was made from, the program included ({@link #program()}); it holds a
 * magic number, the key, a SHA-256 of its contents, their length and the contents, and is written whole.
 */
public final class KeyedFile {

    /** A zip file's end record: its signature, and its size without the comment that may follow. */
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_RECORD = 22;

    private KeyedFile() {
    }

    /**
     * The contents kept in {@code file} for {@code key}; empty when there is no file or it was made for
     * another key (other inputs, another program: nothing wrong with it).
     *
     * @throws Damaged when its contents do not match their checksum
     * @throws IOException when it cannot be read
     */
    public static Optional<byte[]> read(Path file, int magic, String key) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != magic || !in.readUTF().equals(key)) {
                return Optional.empty();
            }
            byte[] sum = in.readNBytes(32);
            int length = in.readInt();
            byte[] contents = in.readNBytes(Math.max(0, length));
            if (length < 0 || contents.length != length || !MessageDigest.isEqual(sum, sha256().digest(contents))) {
                throw new Damaged("its contents do not match their checksum");
            }
            return Optional.of(contents);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code contents} into {@code file} for {@code key}, whole or not at all ({@link DataDir#writeWhole}). */
    public static void write(Path file, int magic, String key, byte[] contents) throws IOException {
        byte[] sum = sha256().digest(contents);
        DataDir.writeWhole(file, stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(magic);
            out.writeUTF(key);
            out.write(sum);
            out.writeInt(contents.length);
            out.write(contents);
            out.flush();
        });
    }

    /** A file whose contents do not match their checksum (or are cut short). */
    public static final class Damaged extends IOException {
        Damaged(String why) {
            super(why);
        }
    }

    /** A key: a SHA-256 over the texts and bytes added, each with its length, so no two sequences run together. */
    public static final class Key {

        private final MessageDigest sha = sha256();

        public Key add(String text) {
            return add(text.getBytes(StandardCharsets.UTF_8));
        }

        public Key add(byte[] bytes) {
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).flip());
            sha.update(bytes);
            return this;
        }

        public String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /**
     * The jar this program runs from, by {@link #program(Path)}; none when it runs from a folder of classes.
     * Worked out once per process: the parsed guides and the word index both ask.
     */
    public static Optional<String> program() {
        return ThisProgram.IDENTITY;
    }

    private static final class ThisProgram {
        static final Optional<String> IDENTITY = running();
    }

    private static Optional<String> running() {
        try {
            CodeSource source = KeyedFile.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : program(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty(); // no file system for its location, or no permission to ask
        }
    }

    /**
     * A jar's identity: a CRC-32 of its central directory, which lists every entry's name, size, CRC and
     * time, with the directory's size and the jar's, and the Java version the program runs on; none for
     * anything but a readable jar (a ZIP64 one included). Reading the directory costs about a millisecond;
     * going through the entries one by one cost about 150 ms of each start.
     */
    public static Optional<String> program(Path location) {
        if (!Files.isRegularFile(location)) {
            return Optional.empty();
        }
        try (FileChannel jar = FileChannel.open(location)) {
            long size = jar.size();
            int tail = (int) Math.min(size, END_RECORD + 0xFFFF); // the end record, and a comment of at most 64 KB
            ByteBuffer end = read(jar, size - tail, tail).order(ByteOrder.LITTLE_ENDIAN);
            for (int at = tail - END_RECORD; at >= 0; at--) {
                if (end.getInt(at) == END_SIGNATURE && at + END_RECORD + Short.toUnsignedInt(end.getShort(at + 20)) == tail) {
                    long length = Integer.toUnsignedLong(end.getInt(at + 12));
                    long offset = Integer.toUnsignedLong(end.getInt(at + 16));
                    if (offset + length != size - tail + at || length > Integer.MAX_VALUE - 8) {
                        return Optional.empty(); // ZIP64, or not where the end record says
                    }
                    CRC32 crc = new CRC32();
                    crc.update(read(jar, offset, (int) length));
                    return Optional.of(Long.toHexString(crc.getValue()) + "-" + length + "-" + size + " on "
                            + Runtime.version());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ByteBuffer read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (file.read(bytes, position + bytes.position()) < 0) {
                throw new EOFException("the jar ends before " + (position + length) + " bytes");
            }
        }
        return bytes.flip();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
