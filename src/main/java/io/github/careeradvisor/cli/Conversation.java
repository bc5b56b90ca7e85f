package io.github.careeradvisor.cli;

import io.github.careeradvisor.advisor.Advisor;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.PlainText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The terminal front end: {@code ask} (one question, or one per line of input) and {@code chat}. */
public final class Conversation {

    private static final Set<String> GOODBYES = Set.of("quit", "exit", "/quit", "/exit", "bye");

    private final Advisor advisor;
    private final long user;
    private final long chat;
    private final PrintStream out;

    /**
     * @param user whose profile the answers use and change: {@code --user}, or the local user
     * @param chat the conversation whose thread follow-ups are read against
     */
    public Conversation(Advisor advisor, long user, long chat, PrintStream out) {
        this.advisor = advisor;
        this.user = user;
        this.chat = chat;
        this.out = out;
    }

    /** {@code ask QUESTION…}: the words form one question. */
    public void askOnce(List<String> words, boolean json) {
        answer(String.join(" ", words), json);
    }

    /** {@code ask} with no question: every input line gets exactly one answer, in order. */
    public void askEachLine(BufferedReader in, boolean json) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            answer(line, json);
            if (!json) {
                out.println();
            }
            out.flush();
        }
    }

    /** {@code chat}: a prompt, a question, an answer, until the user leaves. */
    public void chat(BufferedReader in) throws IOException {
        out.println(PlainText.body(advisor.reply(user, chat, "/start")));
        out.println("(Type quit or press Ctrl-D to leave.)");
        while (true) {
            out.print("\n> ");
            out.flush();
            String line = in.readLine();
            if (line == null || GOODBYES.contains(line.strip().toLowerCase(Locale.ROOT))) {
                out.println();
                out.println("Good luck on your path!");
                return;
            }
            if (line.isBlank()) {
                continue;
            }
            // Printed as it is written when a language model phrases it (README, "Use a language model").
            StreamedAnswer streamed = new StreamedAnswer(out);
            streamed.finish(advisor.reply(user, chat, line, streamed));
        }
    }

    private void answer(String question, boolean json) {
        long start = System.nanoTime();
        Answer answer = advisor.reply(user, chat, question);
        double latencyMs = (System.nanoTime() - start) / 1e6;
        out.println(json ? JsonLine.of(question, answer, latencyMs) : PlainText.withSources(answer));
    }
}
