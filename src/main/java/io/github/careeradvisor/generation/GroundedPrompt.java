package io.github.careeradvisor.generation;

import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.util.ArrayList;
import java.util.List;

/**
 * What the model is told: a system prompt that keeps it to the numbered passages, and a user message with
 * the passages (title and section), a one-line summary of the person's profile, the thread's recent
 * questions and the question. This is all that is sent to the endpoint (README, "Use a language model").
 */
final class GroundedPrompt {

    /** The best passages only: further down they match the words, not the question. */
    static final int PASSAGES = 5;
    /** The thread's previous questions that are sent, the newest ones. */
    static final int RECENT = 3;

    static final String SYSTEM = """
            You are a concise career mentor for people who want to become machine-learning engineers.
            Answer only from the numbered passages in the message, never from your own knowledge.
            After each sentence that uses a passage, cite it as [1], [2] (several as [1][2]).
            Keep every figure (pay, price, percentage, year, count, date, exam code) exactly as the passage
            writes it, and keep each figure with whose it is ("according to Simplilearn"); never combine,
            average or round figures. If the passages do not answer the question, say that you do not know
            from your guides. Answer in at most 120 words, in plain text: short paragraphs or "- " bullets,
            no headings, no links.""";

    private GroundedPrompt() {
    }

    /** The passages the prompt numbers, in order: [1] is the first. */
    static List<RetrievedPassage> numbered(List<RetrievedPassage> found) {
        return found.subList(0, Math.min(PASSAGES, found.size()));
    }

    static String user(List<RetrievedPassage> numbered, String question, String profileLine, List<String> recent) {
        StringBuilder text = new StringBuilder("Passages:\n");
        for (int i = 0; i < numbered.size(); i++) {
            RetrievedPassage rp = numbered.get(i);
            text.append("\n[").append(i + 1).append("] ").append(rp.passage().title());
            if (!rp.passage().section().isEmpty()) {
                text.append(" — ").append(rp.passage().section());
            }
            text.append('\n').append(rp.passage().body()).append('\n');
        }
        text.append("\nAbout the person asking: ").append(profileLine).append('\n');
        List<String> last = recent.subList(Math.max(0, recent.size() - RECENT), recent.size());
        if (!last.isEmpty()) {
            text.append("Their previous questions in this conversation, oldest first:\n");
            last.forEach(q -> text.append("- ").append(q).append('\n'));
        }
        return text.append("\nQuestion: ").append(question).toString();
    }

    /** "career switcher, 8 years of experience, Google Cloud, goal: …", or that nothing is known. */
    static String profileLine(Profile profile) {
        List<String> parts = new ArrayList<>();
        if (profile.level() != null) {
            parts.add(profile.level().label());
        }
        if (profile.background() != null) {
            parts.add("background: " + profile.background());
        }
        if (profile.experienceYears() != null) {
            parts.add(profile.experienceYears() + (profile.experienceYears() == 1 ? " year" : " years")
                    + " of experience");
        }
        if (profile.cloud() != null) {
            parts.add(profile.cloud().label());
        }
        if (profile.goal() != null) {
            parts.add("goal: " + profile.goal());
        }
        if (profile.hoursPerWeek() != null) {
            parts.add(profile.hoursPerWeek() + " hours a week");
        }
        return parts.isEmpty() ? "nothing known yet" : String.join(", ", parts);
    }
}
