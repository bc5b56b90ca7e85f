package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.AnswerComposer;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.knowledge.Roadmap;
import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.retrieval.HybridRetriever;
import io.github.careeradvisor.retrieval.Retrieval;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Advice for one person: what to learn next, which certification, and pay for their level first. */
final class Guidance {

    /** How much of a guide a /next topic quotes as "what to learn". */
    static final int LEARN_CHARS = 240;

    private final HybridRetriever retriever;
    private final AnswerComposer composer;
    private final Roadmap roadmap;
    private final CertificationCatalog certifications;
    private final Clock clock;

    Guidance(HybridRetriever retriever, AnswerComposer composer, Roadmap roadmap, CertificationCatalog certifications,
            Clock clock) {
        this.retriever = retriever;
        this.composer = composer;
        this.roadmap = roadmap;
        this.certifications = certifications;
        this.clock = clock;
    }

    Answer next(Profile profile, String progressLine) {
        NextSteps.Plan plan = NextSteps.plan(roadmap, profile);
        List<Answer.Block> blocks = new ArrayList<>();
        List<Answer.Citation> sources = new ArrayList<>();
        List<Answer.Choice> choices = new ArrayList<>();
        if (plan.next().isEmpty()) {
            blocks.add(new Answer.Paragraph("You have worked through every topic on the roadmap. Next: /certs for a "
                    + "certification, or ask me about the career ladder."));
        } else {
            blocks.add(new Answer.Paragraph("What to learn next" + forWhom(profile) + ":"));
        }
        int n = 1;
        for (Roadmap.Topic topic : plan.next()) {
            blocks.add(new Answer.Paragraph(n++ + ". " + topic.title() + ": " + topic.why()));
            Answer learn = composer.compose(fromSections(retriever.retrieve(topic.question()), topic));
            String line = firstLine(learn);
            if (learn.grounded() && !line.isEmpty()) {
                blocks.add(new Answer.Paragraph("What to learn: " + line));
                sources.add(learn.sources().get(0));
            }
            blocks.add(new Answer.Paragraph("Finished it? /done " + topic.id() + " (or /skip " + topic.id() + ")"));
            choices.add(new Answer.Choice("Done: " + topic.title(), "/done " + topic.id()));
        }
        blocks.add(new Answer.Paragraph(progressLine + (profile.level() == null
                ? " Tell me your level (/level) and I will order these for you." : "")));
        return new Answer(blocks, dedupe(sources), !sources.isEmpty(), choices);
    }

    Answer certifications(Profile profile, @Nullable Cloud asked) {
        return CertificationAdvice.advise(certifications, profile, asked, LocalDate.now(clock));
    }

    /** Pay for the person's own level first, every source's range, then the other levels. */
    Answer salary(Profile profile) {
        Level level = profile.level();
        if (level == null) {
            return composer.compose(retriever.retrieve(Advisor.SALARY_QUESTION))
                    .withNote("Tell me your level with /level and I will show yours first.");
        }
        Band own = Band.of(level);
        List<Answer.Block> blocks = new ArrayList<>();
        List<Answer.Citation> sources = new ArrayList<>();
        blocks.add(new Answer.Paragraph("Pay for your level (" + level.label() + "), as each source gives it:"));
        add(blocks, sources, own);
        blocks.add(new Answer.Paragraph("Other levels:"));
        for (Band band : Band.values()) {
            if (band != own) {
                add(blocks, sources, band);
            }
        }
        return new Answer(blocks, dedupe(sources), !sources.isEmpty());
    }

    private void add(List<Answer.Block> blocks, List<Answer.Citation> sources, Band band) {
        Answer part = composer.composeBestPassage(retriever.retrieve(band.question));
        if (part.grounded()) {
            blocks.addAll(part.blocks());
            sources.addAll(part.sources());
        }
    }

    /** Pay bands as the guides split them. */
    private enum Band {
        ENTRY("How much does an entry-level (junior) ML engineer earn?"),
        MID("How much does a mid-level ML engineer earn?"),
        SENIOR("How much does a senior ML engineer earn?");

        final String question;

        Band(String question) {
            this.question = question;
        }

        static Band of(Level level) {
            return switch (level) {
                case MID -> MID;
                case SENIOR -> SENIOR;
                default -> ENTRY;
            };
        }
    }

    /** The retrieved passages that come from the sections the roadmap names for the topic, if any. */
    private static Retrieval fromSections(Retrieval retrieval, Roadmap.Topic topic) {
        List<RetrievedPassage> own = retrieval.passages().stream()
                .filter(rp -> topic.sections().stream().anyMatch(s -> rp.passage().file().endsWith("/" + s.file())
                        && rp.passage().section().equals(s.section())))
                .toList();
        return own.isEmpty() ? retrieval : new Retrieval(own, retrieval.bestSimilarity(), true);
    }

    private static String forWhom(Profile profile) {
        List<String> parts = new ArrayList<>();
        if (profile.level() != null) {
            parts.add(profile.level().label());
        }
        if (profile.goal() != null) {
            parts.add("goal: " + profile.goal());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String firstLine(Answer answer) {
        if (answer.blocks().isEmpty()) {
            return "";
        }
        Answer.Block first = answer.blocks().get(0);
        String text = first instanceof Answer.Bullets b ? b.items().get(0) : ((Answer.Paragraph) first).text();
        if (text.length() <= LEARN_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(". ", LEARN_CHARS);
        return cut > 40 ? text.substring(0, cut + 1) : text.substring(0, text.lastIndexOf(' ', LEARN_CHARS)) + "…";
    }

    private static List<Answer.Citation> dedupe(List<Answer.Citation> sources) {
        Set<String> seen = new LinkedHashSet<>();
        List<Answer.Citation> unique = new ArrayList<>();
        for (Answer.Citation c : sources) {
            if (seen.add(c.file() + "#" + c.section())) {
                unique.add(c);
            }
        }
        return unique;
    }
}
