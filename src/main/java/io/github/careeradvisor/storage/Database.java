package io.github.careeradvisor.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where the bot keeps its state: profiles, progress, conversations, feedback, reminders and the update
 * journal. One schema, versioned alike for both kinds ({@link Migrations}): the SQLite file under the data
 * dir ({@link SqliteDatabase}, the default) or a PostgreSQL database several replicas share
 * ({@link PostgresDatabase}). The stores write SQL both understand; where the two differ they ask
 * {@link #dialect()}. Every write is one transaction.
 */
public interface Database extends AutoCloseable {

    /** Reads through a connection. */
    interface Query<T> {
        T run(Connection db) throws SQLException;
    }

    /** Writes through a connection, inside a transaction. */
    interface Work {
        void run(Connection db) throws SQLException;
    }

    /** Runs a read; a failure names what was being done and the database. */
    <T> T read(String doing, Query<T> query);

    /** Runs a write in one transaction, rolled back whole if any of it fails. */
    void write(String doing, Work work);

    /**
     * Deletes a person's rows ({@code work}) and whatever copies of them the database keeps beside its
     * tables, as far as it can (README, "Forgetting a person").
     */
    void erase(String doing, long userId, Work work);

    /** The journal let go of the last update of {@code userId} it held: copies of an erased person's go too. */
    void scrubIfErased(long userId);

    /**
     * Why the database cannot serve the bot now, on one line, or empty if it answers a trivial query and
     * its last write (if any) went through.
     */
    Optional<String> problem();

    /** Reads and writes run so far, and the time they took. */
    DatabaseTime time();

    /** The version of the schema, as its migrations number it. */
    int schemaVersion();

    Dialect dialect();

    /**
     * Whether several processes may use it at once (replicas on one PostgreSQL): then they coordinate
     * through it (README, "Run at scale"). A SQLite file has one bot at a time (README, "One bot per data dir").
     */
    boolean shared();

    /**
     * Takes the lock named {@code name} for this process, unless another process holds it: empty then.
     * On PostgreSQL a session advisory lock on a connection of its own, free again the moment the
     * holder's connection closes (its process died); a SQLite file has one process, which always gets it.
     */
    java.util.Optional<HeldLock> tryLock(String name);

    /** What it is, for messages: the file's path or the server's URL (never a password). */
    String describe();

    @Override
    void close();
}
