package io.github.careeradvisor.storage;

/** The few places the SQL of SQLite and PostgreSQL differ, for the stores that write both. */
public enum Dialect {

    SQLITE(""),
    POSTGRESQL(" FOR UPDATE SKIP LOCKED");

    private final String skipLocked;

    Dialect(String skipLocked) {
        this.skipLocked = skipLocked;
    }

    /**
     * What ends a {@code SELECT} of rows a replica takes for itself, so another replica's transaction
     * passes over them instead of waiting or taking them too. SQLite needs none: its writes take the
     * whole file's lock up front.
     */
    public String skipLocked() {
        return skipLocked;
    }
}
