package io.github.careeradvisor.storage;

import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

/**
 * The data dir ({@value Settings#DATA_DIR}): created readable by its owner only (0700, its files 0600,
 * where the file system has POSIX permissions), checked to be writable before anything is stored in it,
 * and locked by the one bot that polls with it (see the README, "One bot per data dir").
 */
public final class DataDir {

    /** Held by the running bot; the CLI commands do not take it. */
    public static final String BOT_LOCK = "bot.lock";

    /** How old a temporary file must be to be taken as a killed writer's, not one being written. */
    public static final Duration STALE = Duration.ofMinutes(10);

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private DataDir() {
    }

    /**
     * Creates {@code dir} if it is missing (0700) and proves it writable by creating and deleting a file
     * in it; either failing is a {@link ConfigException} naming the dir and the setting.
     */
    public static Path prepare(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                if (POSIX) {
                    Files.createDirectories(dir, ownerOnlyDir());
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new ConfigException("data dir '" + dir + "' cannot be created (" + e + ") (set " + Settings.DATA_DIR + ")");
        }
        try {
            // Permissions alone do not tell: root writes through them, a read-only mount refuses everyone.
            Files.delete(Files.createTempFile(dir, ".write-check", ""));
        } catch (IOException e) {
            throw new ConfigException("data dir '" + dir + "' cannot be written (" + e + "): make it writable for "
                    + "this user, or set " + Settings.DATA_DIR + " to a folder that is");
        }
        return dir;
    }

    /** What goes into a file {@link #writeWhole} writes; throwing leaves the file as it was. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} whole or not at all: under a temporary name of its own beside it (0600, so two
     * programs writing at once each write theirs), forced to disk, and only then moved into place. A
     * failure ({@code contents} throwing, a full disk) leaves the file as it was and no temporary behind.
     */
    public static void writeWhole(Path file, Contents contents) throws IOException {
        deleteStaleTemporaries(file);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                contents.writeTo(out);
                out.flush();
                channel.force(true); // on disk before its name says it is whole
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temporary files of {@code file} that a killed {@link #writeWhole} left behind: those
     * older than {@link #STALE} (a younger one may be another program's, still being written). Their
     * names are random, so none is ever reused; one left by the model's copy is 90 MB.
     */
    public static void deleteStaleTemporaries(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Instant stale = Instant.now().minus(STALE);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, globQuoted(file.getFileName().toString()) + "*.tmp")) {
            for (Path leftover : leftovers) {
                try {
                    if (Files.getLastModifiedTime(leftover).toInstant().isBefore(stale)) {
                        Files.deleteIfExists(leftover);
                    }
                } catch (IOException ignored) {
                    // another process's to delete, or gone already
                }
            }
        } catch (NoSuchFileException e) {
            // no dir, no leftovers
        }
    }

    /** {@code name} matched literally by a glob. */
    private static String globQuoted(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /** Creates {@code file} empty and readable by its owner only (0600), unless it exists. */
    static void createPrivateFile(Path file) throws IOException {
        try {
            if (POSIX) {
                Files.createFile(file, ownerOnly());
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // kept as it is: an existing file's permissions are its owner's choice
        }
    }

    /** Creates {@code dir}, readable by its owner only (0700); it must not exist. */
    public static void createPrivateDir(Path dir) throws IOException {
        if (POSIX) {
            Files.createDirectory(dir, ownerOnlyDir());
        } else {
            Files.createDirectory(dir);
        }
    }

    /** Makes {@code file}, written by another program with its own permissions, its owner's only (0600). */
    public static void makePrivate(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static FileAttribute<?> ownerOnlyDir() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * Locks {@code dir} for this process's bot, until {@link Lock#close()} or the process ends (the OS
     * drops the lock of a killed process too). A second bot on the same dir gets a {@link ConfigException}.
     */
    public static Lock lockForBot(Path dir) {
        prepare(dir);
        Path file = dir.resolve(BOT_LOCK);
        FileChannel channel = null;
        try {
            createPrivateFile(file);
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new Lock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // this process holds it already: as much another bot as one in another process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ConfigException("the bot's lock file '" + file + "' cannot be opened (" + e + ") (set "
                    + Settings.DATA_DIR + ")");
        }
        closeQuietly(channel);
        throw new ConfigException("another bot is running on data dir '" + dir + "' (it holds '" + file
                + "'): stop it first, or give this bot a data dir of its own with " + Settings.DATA_DIR);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked through it
            }
        }
    }

    /** The bot's hold on the data dir. */
    public static final class Lock implements AutoCloseable {

        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // the process is ending; the OS drops the lock with it
            }
        }
    }
}
