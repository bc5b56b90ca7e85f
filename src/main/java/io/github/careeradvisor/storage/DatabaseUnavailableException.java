package io.github.careeradvisor.storage;

/**
 * The shared database cannot be used at start: not reachable, credentials refused, or its schema not
 * migratable. The message names the setting to fix, the password masked; the program exits with 1 (it is
 * not bad usage: the same settings work once the server is up).
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
