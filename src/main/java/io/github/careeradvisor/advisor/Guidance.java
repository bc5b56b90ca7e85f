package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.AnswerComposer;
import io.github.careeradvisor.knowledge.Roadmap;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.retrieval.HybridRetriever;
import io.github.careeradvisor.retrieval.Retrieval;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.util.ArrayList;
import java.util.List;

/** What one person should learn next on the roadmap, and what to learn for each topic. */
final class Guidance {

    /** How much of a guide a /next topic quotes as "what to learn". */
    static final int LEARN_CHARS = 240;

    private final HybridRetriever retriever;
    private final AnswerComposer composer;
    private final Roadmap roadmap;

    Guidance(HybridRetriever retriever, AnswerComposer composer, Roadmap roadmap) {
        this.retriever = retriever;
        this.composer = composer;
        this.roadmap = roadmap;
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
            // The answer in the first sentence; each topic's why and what to learn below it.
            List<String> titles = plan.next().stream().map(Roadmap.Topic::title).toList();
            // "First" to someone who has marked no topic yet ("what should I learn first?"), "next" after that.
            String lead = profile.progress().isEmpty() ? "What to learn first" : "What to learn next";
            blocks.add(new Answer.Paragraph(lead + forWhom(profile) + ": start with " + titles.get(0)
                    + (titles.size() > 1 ? ", then " + String.join(", then ", titles.subList(1, titles.size())) : "")
                    + "."));
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
            choices.addAll(progressButtons(topic));
        }
        String line = progressLine + (profile.level() == null
                ? " Tell me your level (/level) and I will order these for you." : "");
        if (!line.isBlank()) {
            blocks.add(new Answer.Paragraph(line.strip()));
        }
        return new Answer(blocks, SalaryReplies.dedupe(sources), !sources.isEmpty(), choices);
    }

    /** How many points of the guides a skills overview keeps after its list and the guides' lead. */
    static final int SKILLS_POINTS = 3;

    /**
     * "What skills does an ML engineer need?": when the guides' best answer is the roadmap's overview
     * section, on skills in general, the roadmap's topics first, in the order they build on each other,
     * then the guides' lead and a few points.
     */
    Answer skills(Answer searched) {
        if (!searched.grounded() || searched.sources().isEmpty()) {
            return searched;
        }
        Answer.Citation best = searched.sources().get(0);
        Roadmap.Section overview = roadmap.overview();
        if (overview == null || !(best.file().equals(overview.file()) || best.file().endsWith("/" + overview.file()))
                || !best.section().equals(overview.section())) {
            return searched; // one topic ("which maths?"), a list of its own ("must-have skills"), or another subject
        }
        List<String> titles = roadmap.topics().stream().map(t -> listed(t.title())).toList();
        List<Answer.Block> blocks = new ArrayList<>();
        blocks.add(new Answer.Paragraph("The skills the guides name for an ML engineer, in the order they build on "
                + "each other: " + String.join(", ", titles.subList(0, titles.size() - 1)) + ", and "
                + titles.get(titles.size() - 1) + ". /next picks the ones for you."));
        // The comma before the last "and": titles have their own ("projects and a portfolio").
        for (Answer.Block block : searched.blocks()) {
            if (block instanceof Answer.Paragraph p && blocks.size() == 1) {
                blocks.add(p);
            } else if (block instanceof Answer.Bullets b && blocks.size() <= 2) {
                blocks.add(new Answer.Bullets(b.items().subList(0, Math.min(SKILLS_POINTS, b.items().size()))));
                break;
            }
        }
        List<Answer.Citation> sources = new ArrayList<>();
        sources.add(new Answer.Citation(roadmap.title(), "Topics in order", "knowledge/" + Roadmap.FILE, 1.0));
        sources.addAll(searched.sources());
        return new Answer(blocks, sources, true, searched.choices());
    }

    /** A topic's title as an item of a sentence: "Big data tools: Spark and Hadoop" → "big data tools (Spark and Hadoop)". */
    private static String listed(String title) {
        int colon = title.indexOf(": ");
        return CertificationAdvice.sentenceCase(colon < 0 ? title
                : title.substring(0, colon) + " (" + title.substring(colon + 2) + ")");
    }

    /** The roadmap topics {@link #next} suggests, in its order. */
    List<String> nextTopics(Profile profile) {
        return NextSteps.plan(roadmap, profile).next().stream().map(Roadmap.Topic::id).toList();
    }

    /** "Which one first?" after the suggestions: the first topic, why, and what to learn. */
    Answer first(Profile profile, List<String> listed) {
        Roadmap.Topic topic = listed.stream().map(roadmap::topic).flatMap(java.util.Optional::stream).findFirst()
                .orElse(null);
        if (topic == null) {
            return next(profile, "");
        }
        List<Answer.Block> blocks = new ArrayList<>();
        blocks.add(new Answer.Paragraph("Start with " + topic.title() + ": " + topic.why()));
        List<Answer.Citation> sources = new ArrayList<>();
        Answer learn = composer.compose(fromSections(retriever.retrieve(topic.question()), topic));
        String line = firstLine(learn);
        if (learn.grounded() && !line.isEmpty()) {
            blocks.add(new Answer.Paragraph("What to learn: " + line));
            sources.add(learn.sources().get(0));
        }
        blocks.add(new Answer.Paragraph("Finished it? /done " + topic.id()));
        return new Answer(blocks, sources, !sources.isEmpty(), progressButtons(topic));
    }

    /** One tap to mark a topic: done, being learnt, or skipped; side by side, as one row. */
    static List<Answer.Choice> progressButtons(Roadmap.Topic topic) {
        return List.of(new Answer.Choice("✅ " + topic.title(), "/done " + topic.id(), topic.id()),
                new Answer.Choice("📖 Learning", "/learning " + topic.id(), topic.id()),
                new Answer.Choice("⏭ Skip", "/skip " + topic.id(), topic.id()));
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
}
