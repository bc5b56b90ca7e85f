package io.github.careeradvisor.storage;

import io.github.careeradvisor.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * A file of the program's jar copied once into the data dir, for a library that reads files rather
 * than the jar: the embedding model, ONNX Runtime's native libraries (README, "Performance"). Taking
 * them out of the jar at every start cost a tenth of a second to a second each.
 *
 * <p>A copy is written whole ({@link DataDir#writeWhole}) and checked against the jar entry's CRC-32
 * as it is written. Beside it a stamp ({@code NAME.crc}) records the CRC with the size and modification
 * time the copy had when it was checked; while those are unchanged the copy is taken as it is, without
 * reading its bytes again. A copy changed since (its time moves with any write) is checked again, and
 * written again if it no longer matches.
 */
public final class JarCopy {

    /** Room a copy must leave free on the data dir's disk: the database's writes matter more. */
    public static final long SPARE_BYTES = 256L << 20;
    private static final String STAMP = ".crc";

    /** A file in the program's jar, with the size and CRC-32 its entry gives. */
    public record Entry(String resource, URL url, long size, long crc) {

        /** The CRC as a name may carry it, in hex. */
        public String crcHex() {
            return Long.toHexString(crc);
        }
    }

    /** The disk has no room for a copy (and {@link #SPARE_BYTES} beside it). */
    public static final class NoRoom extends IOException {
        NoRoom(Path file, long free, long size) {
            super("'" + file.getParent() + "' has " + (free >> 20) + " MB free, too little for a copy of "
                    + (size >> 20) + " MB and the database's growth (free some space, or set " + Settings.DATA_DIR + ")");
        }
    }

    private JarCopy() {
    }

    /**
     * {@code resource} as the jar {@code loader} reads it from has it; empty when it is missing or not in
     * a jar (a folder of classes: a file already, nothing to take out), or its entry gives no size or CRC.
     */
    public static Optional<Entry> find(ClassLoader loader, String resource) throws IOException {
        URL url = loader.getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return Optional.empty();
        }
        JarEntry entry = jar.getJarEntry();
        if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) {
            return Optional.empty();
        }
        return Optional.of(new Entry(resource, url, entry.getSize(), entry.getCrc()));
    }

    /**
     * Makes {@code file} a whole copy of {@code entry}: kept if its stamp (or, with no stamp, its bytes)
     * says it is one, else written (0600) and stamped. Returns whether it was written.
     *
     * @throws NoRoom when the disk has too little room to write it
     * @throws IOException when it cannot be read or written
     */
    public static boolean ensure(Entry entry, Path file) throws IOException {
        DataDir.deleteStaleTemporaries(file);
        DataDir.deleteStaleTemporaries(stamp(file));
        if (Files.isRegularFile(file) && Files.size(file) == entry.size()) {
            if (stamped(file, entry)) {
                return false;
            }
            FileTime checked = Files.getLastModifiedTime(file);
            if (crc(file) == entry.crc() && Files.getLastModifiedTime(file).equals(checked)) {
                writeStamp(file, entry, checked); // checked once, not at every start
                return false;
            }
        }
        requireRoom(file, entry.size());
        DataDir.writeWhole(file, out -> {
            CRC32 crc = new CRC32();
            try (InputStream in = new CheckedInputStream(entry.url().openStream(), crc)) {
                long copied = in.transferTo(out);
                if (copied != entry.size() || crc.getValue() != entry.crc()) {
                    throw new IOException("the copy of " + entry.resource() + " has " + copied + " bytes of CRC-32 "
                            + Long.toHexString(crc.getValue()) + ", the jar says " + entry.size() + " bytes of "
                            + entry.crcHex());
                }
            }
        });
        writeStamp(file, entry, Files.getLastModifiedTime(file));
        return true;
    }

    /**
     * Checks the disk of {@code file} has room for {@code size} bytes and {@link #SPARE_BYTES} beside them.
     *
     * @throws NoRoom when it has not
     */
    public static void requireRoom(Path file, long size) throws IOException {
        long free = Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
        if (free < size + SPARE_BYTES) {
            throw new NoRoom(file, free, size);
        }
    }

    /**
     * Whether native code may be loaded from {@code copy}: on a POSIX file system, neither it nor the two
     * dirs above it (its own, the data dir) is a link, all are this user's, and none can be written by
     * anyone else. A copy anyone else could replace is not loaded (its stamp would not tell).
     */
    public static boolean onlyOurs(Path copy) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return true;
        }
        UserPrincipal us = copy.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        Path path = copy.toAbsolutePath();
        for (int level = 0; level < 3 && path != null; level++, path = path.getParent()) {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> permissions = attributes.permissions();
            if (attributes.isSymbolicLink() || !attributes.owner().equals(us)
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Deletes the copies beside {@code kept} whose names {@code copies} matches (another version's, of no
     * further use), with their stamps and the stale temporary files a killed copy of theirs left.
     */
    public static void deleteOthers(Path kept, Pattern copies) throws IOException {
        Path dir = kept.toAbsolutePath().getParent();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir)) {
            for (Path file : found) {
                String name = file.getFileName().toString();
                // "NAME", "NAME.crc", or a temporary file of either: "NAME1234.tmp", "NAME.crc1234.tmp".
                String copyName = name.replaceFirst("\\d+\\.tmp$", "").replaceFirst("\\.crc$", "");
                Path copy = dir.resolve(copyName);
                if (copyName.equals(kept.getFileName().toString()) || !copies.matcher(copyName).matches()) {
                    continue;
                }
                if (name.endsWith(".tmp")) {
                    DataDir.deleteStaleTemporaries(copy);
                    DataDir.deleteStaleTemporaries(stamp(copy));
                } else {
                    delete(copy);
                }
            }
        }
    }

    /** Deletes {@code file} and its stamp, as far as they exist. */
    public static void delete(Path file) throws IOException {
        Files.deleteIfExists(stamp(file));
        Files.deleteIfExists(file);
    }

    static Path stamp(Path file) {
        return file.resolveSibling(file.getFileName() + STAMP);
    }

    private static boolean stamped(Path file, Entry entry) throws IOException {
        try {
            return new String(Files.readAllBytes(stamp(file)), StandardCharsets.US_ASCII)
                    .equals(stampOf(entry, Files.getLastModifiedTime(file)));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Stamps the copy as checked when its modification time was {@code checked}. */
    private static void writeStamp(Path file, Entry entry, FileTime checked) throws IOException {
        byte[] text = stampOf(entry, checked).getBytes(StandardCharsets.US_ASCII);
        DataDir.writeWhole(stamp(file), out -> out.write(text));
    }

    /** The entry's CRC and size, and the copy's modification time: any write to the copy changes it. */
    private static String stampOf(Entry entry, FileTime modified) {
        return entry.crcHex() + " " + entry.size() + " " + modified.to(TimeUnit.NANOSECONDS);
    }

    /** The CRC-32 of {@code file}, read whole. */
    public static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return crc.getValue();
    }
}
