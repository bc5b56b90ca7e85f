package io.github.careeradvisor.storage;

import io.github.careeradvisor.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.util.OSInfo;

/**
 * sqlite-jdbc's native library copied once out of the jar into the data dir ({@value #DIR}/, named by
 * its CRC-32), and sqlite-jdbc pointed at it. Left to itself, at every start it works out the platform
 * (running {@code uname -o} and resolving every file mapped into the process), writes the library into the temp
 * dir and compares it with the jar's byte by byte: about a tenth of a second before the database opens
 * (README, "Performance").
 *
 * <p>The platform sqlite-jdbc names is worked out at the first start and kept beside the copy
 * ({@value #PLATFORM}), for the same OS name and architecture. Should the copy not load (a data dir on
 * a disk mounted {@code noexec}), sqlite-jdbc logs it and takes the library out of the jar as before.
 * Nothing changes when the operator set {@code org.sqlite.lib.path} or {@code org.sqlite.lib.name}; a
 * copy in a dir anyone else could write to is not used ({@link JarCopy#onlyOurs}).
 */
final class SqliteLibrary {

    static final String DIR = "sqlite-native";
    static final String PLATFORM = "platform";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteLibrary.class);
    private static final List<String> PROPERTIES = List.of("org.sqlite.lib.path", "org.sqlite.lib.name");
    /** Whether this process has decided already: sqlite-jdbc loads its library once. */
    private static boolean decided;

    private SqliteLibrary() {
    }

    /** Called before the first connection: points sqlite-jdbc at a copy in {@code dataDir}, the first time. */
    static synchronized void beforeFirstUse(Path dataDir) {
        if (decided) {
            return;
        }
        decided = true;
        if (PROPERTIES.stream().anyMatch(p -> System.getProperty(p) != null)) {
            return; // the operator's own
        }
        try {
            Optional<Path> copy = copyInto(dataDir);
            if (copy.isPresent() && !JarCopy.onlyOurs(copy.get())) {
                LOG.warn("SQLite's library in '{}' is not loaded: that dir, or the data dir, is a link or can be written "
                        + "by others (make {} this user's alone, 0700); it is taken out of the jar at each start",
                        copy.get().getParent(), Settings.DATA_DIR);
                return;
            }
            if (copy.isPresent()) {
                // Not loaded here to try it: a library sqlite-jdbc loaded already (as tests do) would then be
                // in the process twice, and two SQLites in one process break each other's file locks.
                System.setProperty("org.sqlite.lib.path", copy.get().getParent().toAbsolutePath().toString());
                System.setProperty("org.sqlite.lib.name", copy.get().getFileName().toString());
            }
        } catch (JarCopy.NoRoom e) {
            LOG.warn("{}: SQLite's library is taken out of the jar at each start", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("SQLite's library could not be kept in '{}' ({}); it is taken out of the jar at each start "
                    + "(check ADVISOR_DATA_DIR)", dataDir.resolve(DIR), e.toString());
        }
    }

    /** The whole copy of the library for this platform in {@code dataDir}, made now if missing; empty if the jar has none. */
    static Optional<Path> copyInto(Path dataDir) throws IOException {
        Path dir = dataDir.resolve(DIR);
        String platform = platform(dir.resolve(PLATFORM));
        String name = System.mapLibraryName("sqlitejdbc");
        Optional<JarCopy.Entry> entry = JarCopy.find(SqliteLibrary.class.getClassLoader(),
                "org/sqlite/native/" + platform + "/" + name);
        if (entry.isEmpty()) {
            return Optional.empty(); // not in a jar, or none for this platform: sqlite-jdbc finds its own
        }
        DataDir.prepare(dir);
        // Named by its CRC: a bot and a command of two releases on one data dir each load their own.
        Path copy = dir.resolve(entry.get().crcHex() + "-" + name);
        if (JarCopy.ensure(entry.get(), copy)) {
            JarCopy.deleteOthers(copy, Pattern.compile("[0-9a-f]+-" + Pattern.quote(name))); // other releases'
        }
        byte[] kept = (machine() + "\n" + platform + "\n").getBytes(StandardCharsets.UTF_8);
        if (!Files.exists(dir.resolve(PLATFORM))) {
            DataDir.writeWhole(dir.resolve(PLATFORM), out -> out.write(kept));
        }
        return Optional.of(copy);
    }

    /** sqlite-jdbc's folder name for this platform: as kept for this machine, else worked out by sqlite-jdbc. */
    private static String platform(Path kept) throws IOException {
        try {
            List<String> lines = Files.readAllLines(kept, StandardCharsets.UTF_8);
            if (lines.size() == 2 && lines.get(0).equals(machine()) && lines.get(1).matches("[A-Za-z0-9_-]+/[A-Za-z0-9_-]+")) {
                return lines.get(1);
            }
            Files.delete(kept); // another machine's, or damaged
        } catch (NoSuchFileException e) {
            // the first start
        }
        return OSInfo.getNativeLibFolderPathForCurrentOS();
    }

    private static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
