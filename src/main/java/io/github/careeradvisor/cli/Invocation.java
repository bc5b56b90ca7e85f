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
        List<String> words) {

    public enum Command { BOT, CHAT, ASK, INDEX }

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
