package io.github.careeradvisor.cli;

import io.github.careeradvisor.profile.Level;
import java.nio.file.Path;
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
 * @param drawing what {@code chart} draws, and where; null for the other commands
 * @param replace {@code migrate-sqlite-to-postgres --replace}: delete what the target holds and copy anew
 */
public record Invocation(@Nullable Command command, @Nullable String help, boolean json, @Nullable Long user,
        List<String> words, int days, @Nullable Drawing drawing, boolean replace) {

    /** {@code MIGRATE} is {@code migrate-sqlite-to-postgres}. */
    public enum Command { BOT, CHAT, ASK, INDEX, REPORT, CHART, MIGRATE }

    /** The most days a report goes back: questions are kept no longer. */
    public static final int MAX_DAYS = 90;

    /** The two pictures {@code chart} draws. */
    public enum Picture { SALARY, PROGRESS }

    /**
     * {@code chart salary [--level LEVEL] --out FILE.png} or {@code chart progress --user ID --out FILE.png}.
     *
     * @param level the level to highlight on the salary chart, or null for none
     */
    public record Drawing(Picture picture, @Nullable Level level, Path out) {
    }

    public Invocation {
        words = List.copyOf(words);
    }

    public Invocation(@Nullable Command command, @Nullable String help, boolean json, @Nullable Long user,
            List<String> words, int days, @Nullable Drawing drawing) {
        this(command, help, json, user, words, days, drawing, false);
    }

    public Invocation(@Nullable Command command, @Nullable String help, boolean json, @Nullable Long user,
            List<String> words) {
        this(command, help, json, user, words, io.github.careeradvisor.advisor.OperatorReport.DEFAULT_DAYS, null);
    }

    public Optional<String> helpText() {
        return Optional.ofNullable(help);
    }

    public Optional<Long> userId() {
        return Optional.ofNullable(user);
    }
}
