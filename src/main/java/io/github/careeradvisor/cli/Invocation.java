package io.github.careeradvisor.cli;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the command line asks for.
 *
 * @param command {@code null} when no command was given (the bot if a token is set, else the chat)
 * @param help the usage text to print instead of running, if {@code --help} was given
 * @param words the question of {@code ask}, word by word; empty means "read standard input"
 */
public record Invocation(@Nullable Command command, @Nullable String help, boolean json, @Nullable Long user,
        List<String> words, boolean quick, @Nullable String out) {

    /** {@code PROBE} is the benchmark's own child process ({@code bench-probe}, {@code bench-scale}, …). */
    public enum Command { BOT, CHAT, ASK, INDEX, BENCH, PROBE }

    public Invocation(@Nullable Command command, @Nullable String help, boolean json, @Nullable Long user,
            List<String> words) {
        this(command, help, json, user, words, false, null);
    }

    public Invocation {
        words = List.copyOf(words);
    }

    public Optional<String> helpText() {
        return Optional.ofNullable(help);
    }

    public Optional<Long> userId() {
        return Optional.ofNullable(user);
    }
}
