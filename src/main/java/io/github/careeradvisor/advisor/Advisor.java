package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.AnswerComposer;
import io.github.careeradvisor.retrieval.HybridRetriever;
import java.util.Locale;

/**
 * The advisor every front end talks to: takes what a person typed (a question or a command) and returns
 * the reply as an {@link Answer}. Questions are answered only from the knowledge; anything outside it
 * is declined politely.
 */
public final class Advisor {

    /** The questions behind the topic commands. */
    static final String SALARY_QUESTION = "How much do machine learning engineers earn at each level?";
    static final String CERTS_QUESTION = "Which machine learning certification should I take, and which are retired?";
    static final String NEXT_QUESTION = "What is the learning path to become a machine learning engineer, step by step?";

    private final HybridRetriever retriever;
    private final AnswerComposer composer;

    public Advisor(HybridRetriever retriever) {
        this.retriever = retriever;
        this.composer = new AnswerComposer(Messages.DECLINE);
    }

    /** The reply to one message. Never throws for any text a person can send. */
    public Answer reply(String message) {
        QuestionText question = QuestionText.of(message);
        if (question.isEmpty()) {
            return Answer.message(Messages.EMPTY);
        }
        Answer answer = question.text().startsWith("/") ? command(question.text()) : answer(question.text());
        return question.truncated() ? answer.withNote(Messages.TRUNCATED) : answer;
    }

    private Answer answer(String question) {
        return composer.compose(retriever.retrieve(question));
    }

    private Answer command(String text) {
        String[] parts = text.split(" ", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        if (at > 0) {
            name = name.substring(0, at); // "/help@SomeBot" in a group
        }
        return switch (name) {
            case "/start" -> Answer.message(Messages.WELCOME, Messages.HELP, Messages.EXAMPLES + ".", Messages.COMMANDS);
            case "/help" -> Answer.message(Messages.HELP, Messages.EXAMPLES + ".", Messages.COMMANDS);
            case "/salary" -> answer(SALARY_QUESTION);
            case "/certs" -> answer(CERTS_QUESTION);
            case "/next" -> answer(NEXT_QUESTION);
            case "/done", "/skip", "/profile", "/forget", "/level", "/cloud", "/goal", "/hours" ->
                    Answer.message(Messages.PERSONAL_COMING);
            case "/stats" -> Answer.message(Messages.ADMIN_ONLY);
            default -> name.matches("/[a-z0-9_]{1,32}") ? Answer.message(Messages.unknownCommand(name))
                    : answer(text); // "/ what is…" or a path: treat it as text
        };
    }
}
