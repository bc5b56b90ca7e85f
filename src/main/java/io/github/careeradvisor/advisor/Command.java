package io.github.careeradvisor.advisor;

import java.util.Locale;

/**
 * A message read as a command, the way Telegram reads one: the first word, up to a blank of any kind,
 * in lower case and split at its {@code @} ("/help@CareerAdvisorBot now" is {@code /help}, addressed to
 * {@code careeradvisorbot}, with the argument {@code now}). The one reading of a command, for every
 * front end.
 *
 * @param addressee the bot named after the {@code @}, or empty
 * @param argument what follows the first word, stripped
 */
public record Command(String name, String addressee, String argument) {

    public static Command of(String text) {
        String[] parts = text.strip().split("\\s", 2);
        String word = parts[0].toLowerCase(Locale.ROOT);
        String argument = parts.length > 1 ? parts[1].strip() : "";
        int at = word.indexOf('@');
        return at < 0 ? new Command(word, "", argument)
                : new Command(word.substring(0, at), word.substring(at + 1), argument);
    }
}
