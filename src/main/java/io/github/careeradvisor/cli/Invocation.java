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
 * @param days the period of {@code report}, in days back from now
 */
public record Invocation(@Nullable Command command, @Nullable String help, boolean json, @Nullable Long user,
        List<String> words, int days) {

    public enum Command { BOT, CHAT, ASK, INDEX, REPORT }

    /** The most days a report goes back: questions are kept no longer. */
    public static final int MAX_DAYS = 90;

    public Invocation {
        words = List.copyOf(words);
    }

    Invocation(@Nullable Command command, @Nullable String help, boolean json, @Nullable Long user, List<String> words) {
        this(command, help, json, user, words, io.github.careeradvisor.advisor.OperatorReport.DEFAULT_DAYS);
    }

    public Optional<String> helpText() {
        return Optional.ofNullable(help);
    }

    public Optional<Long> userId() {
        return Optional.ofNullable(user);
    }
}
