package io.github.careeradvisor.replicas;

import io.github.careeradvisor.storage.Database;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What this process shares with the other replicas of the bot: its name among them (the owner of its
 * inbox claims), the shared send timetable and question windows (only when the database is shared),
 * and the polling lock.
 */
public final class Replicas {

    private final String name;
    private final PollingLeader leader;
    private final @Nullable SendSlots sendSlots;
    private final @Nullable QuestionWindows questions;

    private Replicas(String name, PollingLeader leader, @Nullable SendSlots sendSlots,
            @Nullable QuestionWindows questions) {
        this.name = name;
        this.leader = leader;
        this.sendSlots = sendSlots;
        this.questions = questions;
    }

    /** The replicas sharing {@code database}; with SQLite, this process alone. */
    public static Replicas on(Database database) {
        boolean shared = database.shared();
        return new Replicas(thisProcess(), new PollingLeader(database), shared ? new SendSlots(database) : null,
                shared ? new QuestionWindows(database) : null);
    }

    /**
     * This process's name among the replicas: host and process id. A container restarted with the same
     * host name and pid (1, in a container) is the same replica and takes back its claims at once.
     */
    static String thisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    public String name() {
        return name;
    }

    public PollingLeader leader() {
        return leader;
    }

    /** The shared send timetable, when replicas share the database. */
    public Optional<SendSlots> sendSlots() {
        return Optional.ofNullable(sendSlots);
    }

    /** The shared question windows, when replicas share the database. */
    public Optional<QuestionWindows> questions() {
        return Optional.ofNullable(questions);
    }
}
