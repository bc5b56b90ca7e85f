package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Messages that are only a greeting, a thank-you or a goodbye. They are not questions, so they get a
 * friendly word instead of "that is outside what I know". A greeting with a question in it
 * ("hi, how much does a junior earn?") is a question, and is not read here.
 */
enum SmallTalk {
    GREETING(Set.of("hi", "hii", "hello", "hey", "hey there", "hi there", "hello there", "hiya", "howdy", "greetings",
            "yo", "good morning", "good afternoon", "good evening", "morning", "hallo", "hola")),
    THANKS(Set.of("thanks", "thank you", "thx", "ty", "thanks a lot", "thank you so much", "thanks so much",
            "many thanks", "cheers", "great thanks", "ok thanks", "okay thanks", "thanks again", "much appreciated",
            "perfect thanks", "awesome thanks", "nice thanks", "cool thanks")),
    GOODBYE(Set.of("bye", "goodbye", "bye bye", "see you", "see ya", "cya", "good night", "later", "see you later"));

    /** Punctuation, symbols and emoji around and between the words; they carry no meaning here. */
    private static final Pattern NOISE = Pattern.compile("[\\p{P}\\p{S}\\s]+");

    /**
     * A greeting at a message's start (the longer of two that begin alike tried first), the {@link #NOISE}
     * after it, and then a word.
     */
    private static final Pattern OPENING_GREETING = Pattern.compile("^(?:" + GREETING.phrases.stream()
            .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
            .collect(Collectors.joining("|")) + ")" + NOISE.pattern() + "(?=[\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final Set<String> phrases;

    SmallTalk(Set<String> phrases) {
        this.phrases = phrases;
    }

    /** What the whole message is, if it is only small talk. */
    static Optional<SmallTalk> of(String message) {
        String words = NOISE.matcher(message.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        for (SmallTalk kind : values()) {
            if (kind.phrases.contains(words)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /**
     * The message without a greeting it opens with ("hi! I'm a nurse" is "I'm a nurse"), or as it is: the
     * longest greeting is taken, and only if words follow it.
     */
    static String withoutGreeting(String message) {
        Matcher greeting = OPENING_GREETING.matcher(message);
        return greeting.lookingAt() ? message.substring(greeting.end()) : message;
    }

    Answer reply() {
        return switch (this) {
            case GREETING -> Answer.message(Messages.WELCOME, Messages.HELP, Messages.EXAMPLES + ".");
            case THANKS -> Answer.message("You're welcome! Ask me anything else about becoming an ML engineer, "
                    + "or try /next for what to learn next.");
            case GOODBYE -> Answer.message("Good luck on your way to machine-learning engineering! Come back "
                    + "whenever you have another question.");
        };
    }
}
