package io.github.careeradvisor.cli;

/** The command line cannot be understood; the program prints the message and the usage, and exits 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String usage;

    UsageException(String message, String usage) {
        super(message);
        this.usage = usage;
    }

    public String usage() {
        return usage;
    }
}
