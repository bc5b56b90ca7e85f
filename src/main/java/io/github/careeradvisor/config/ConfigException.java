package io.github.careeradvisor.config;

/** A setting has a value the program cannot work with; the message names the setting and the value. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
