package io.github.careeradvisor.storage;

/**
 * A lock one process holds in the database for as long as it lives (see {@link Database#tryLock}): if
 * the process dies, its connection closes and the lock is free for another.
 */
public interface HeldLock extends AutoCloseable {

    /** Whether the lock is still held: false once the connection under it was lost (the server restarted). */
    boolean held();

    /** Lets the lock go. */
    @Override
    void close();
}
