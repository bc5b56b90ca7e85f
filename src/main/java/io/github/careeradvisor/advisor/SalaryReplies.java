package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.AnswerComposer;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.retrieval.HybridRetriever;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Pay questions: one level's pay with every source's range, the guides' word on pay outside the US,
 * related occupations the guides give figures for, and the person's own level when they ask about
 * themselves. Never one role's figures as another's.
 */
final class SalaryReplies {

    static final String OVERVIEW_QUESTION = "How much do machine learning engineers earn at each level?";
    private static final String MEDIAN_QUESTION = "What is the median ML engineer salary a year?";
    /** The pay sections of the other roles the guides cover; a role not here has none. */
    private static final Map<String, String> OTHER_ROLE_PAY = Map.of("data scientist",
            "What was the median annual wage of data scientists?");
    private static final Pattern PAY = Pattern.compile(
            "(?i)\\b(earns?|earning|pays?|paid|salar(?:y|ies)|makes?|money|wages?)\\b");
    private static final Pattern COMPARING = Pattern.compile(
            "(?i)\\b(more|less|better|higher|lower|which|who|compared?|comparison|versus|vs|differ(?:s|ence|ent)?|between)\\b");
    private static final String ABROAD_QUESTION = "ML engineer salary outside the United States: Europe, the UK, "
            + "Germany, India, Canada";

    /** Pay bands as the guides split them. */
    enum Band {
        ENTRY("Entry-level (junior)", "How much does an entry-level (junior) ML engineer earn?"),
        MID("Mid-level", "How much does a mid-level ML engineer earn?"),
        SENIOR("Senior", "How much does a senior ML engineer earn?");

        final String title;
        final String question;

        Band(String title, String question) {
            this.title = title;
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

    /** Pay questions about something other than one level's range: the guides' own sections answer those. */
    private static final Pattern OTHER_PAY_TOPIC = Pattern.compile(
            "(?i)\\b(median|average|typical|depend|depends|industr\\w*|compan\\w*|cit(y|ies)|highest|most|best|bls|"
            + "data scien\\w*|research scien\\w*|well paid|worth|compare|more than|less than)\\b");
    /**
     * Someone starting out, in a pay question: entry-level pay ("what would I earn as a beginner?"). Not a
     * level in the lexicon, where "I'm a complete beginner" says someone is new to tech, not a junior.
     */
    private static final Pattern BEGINNER = Pattern.compile(
            "(?i)\\b(beginners?|newbies?|novices?|newcomers?)\\b");

    private final HybridRetriever retriever;
    private final AnswerComposer composer;

    /** The fixed questions these replies search with. */
    static List<String> questions() {
        List<String> questions = new ArrayList<>(List.of(OVERVIEW_QUESTION, ABROAD_QUESTION, MEDIAN_QUESTION));
        questions.addAll(OTHER_ROLE_PAY.values());
        for (Band band : Band.values()) {
            questions.add(band.question);
        }
        return questions;
    }

    SalaryReplies(HybridRetriever retriever, AnswerComposer composer) {
        this.retriever = retriever;
        this.composer = composer;
    }

    /** "Which one", "who": the roles compared are the ones the thread named before. */
    private static final Pattern ONE_OF_THEM = Pattern.compile(
            "(?i)\\b(which one|which of (?:them|the two|these|those)|who|either)\\b");

    /**
     * The reply to a message that asks which of ML engineers and one other role the guides cover earns more
     * ("do ML engineers earn more than data scientists?"; "which one pays better?" after comparing them, the
     * roles then the thread's); empty for any other message.
     */
    Optional<Handled> comparison(Understanding u, Entities entities) {
        boolean asked = (u.intent() == Intent.SALARY || u.intent() == Intent.ROLE_COMPARISON)
                && PAY.matcher(u.text()).find() && COMPARING.matcher(u.text()).find();
        if (!asked) {
            return Optional.empty();
        }
        Set<String> others = entities.comparedWithMlEngineers(u.query().text());
        if (others.isEmpty() && ONE_OF_THEM.matcher(u.text()).find()) {
            others = entities.comparedWithMlEngineers(u.query().text() + " " + u.context());
        }
        return others.size() == 1 ? Optional.of(compared(others.iterator().next())) : Optional.empty();
    }

    /**
     * ML engineer pay beside {@code other}'s, each as its own source gives it: no source compares them, and
     * their figures are of different years and kinds, so the reply says so rather than which earns more.
     */
    private Handled compared(String other) {
        String question = OTHER_ROLE_PAY.get(other);
        if (question == null) {
            return noFigures(other, ", so they cannot say which role earns more");
        }
        Answer theirs = composer.composeBestPassage(retriever.retrieve(question)).withHeading(capitalise(other + "s") + ":");
        return Handled.of(Answer.message("No source compares ML engineer and " + other + " pay, and their figures "
                + "come from different sources and years. What each gives:").followedBy(mlEngineerMedian())
                .followedBy(theirs));
    }

    /** A role the guides cover but give no pay for (AI engineers): said so, then what they give for ML engineers. */
    private Handled noFigures(String role, String consequence) {
        return Handled.of(Answer.message("My guides give no pay figures for " + role + "s" + consequence
                + ". What they give for ML engineers:").followedBy(mlEngineerMedian()));
    }

    /** The guides' median ML engineer pay, headed as one role's figures beside another's. */
    private Answer mlEngineerMedian() {
        return composer.composeBestPassage(retriever.retrieve(MEDIAN_QUESTION)).withHeading("ML engineers:");
    }

    Handled reply(Understanding u, Profile profile) {
        Slots slots = u.slots();
        if (slots.otherOccupation()) {
            return Handled.of(OtherOccupation.reply(slots.occupation(), Intent.SALARY));
        }
        if (slots.namesAnotherRole()) {
            String question = OTHER_ROLE_PAY.get(slots.occupation());
            if (question == null) {
                return noFigures(slots.occupation(), ""); // not ML engineer figures under "AI engineer pay"
            }
            // That role's own pay section: searched in the person's words it also quoted what the role does.
            Answer answer = composer.composeBestPassage(retriever.retrieve(question));
            return Handled.of(answer).withHeading(capitalise(slots.occupation()) + " pay (not ML engineer pay):");
        }
        if (abroad(slots.region())) {
            Answer answer = composer.composeBestPassage(retriever.retrieve(ABROAD_QUESTION));
            // "ML engineer pay in Europe, the UK, Germany, …: the source guides give none": a heading saying
            // "ML engineer pay in Germany:" again before it is left out, the place only named if it is not.
            if (answer.opensWith("ML engineer pay in ")) {
                return answer.opening().contains(slots.region()) ? Handled.of(answer)
                        : Handled.of(answer).withHeading(capitalise(slots.region()) + ":");
            }
            return Handled.of(answer).withHeading("ML engineer pay in " + slots.region() + ":");
        }
        Level level = slots.level() != null ? slots.level() : fromYears(slots.years());
        if (level == null && BEGINNER.matcher(u.text()).find()) {
            level = Level.JUNIOR;
        }
        boolean own = false;
        if (level == null && profile.level() != null && !OTHER_PAY_TOPIC.matcher(u.text()).find()) {
            // "how much do ML engineers make?" from someone whose level is known: their level first.
            level = profile.level();
            own = true;
        } else if (level == null && Interpreter.personal(u.text())) {
            level = profile.level() != null ? profile.level() : fromYears(profile.experienceYears());
            own = level != null;
            if (level == null) {
                return Handled.of(Answer.message("Pay for juniors, mid-level or seniors? Tell me your level with "
                        + "/level (or just say, e.g. \"I'm a junior ML engineer\"), or ask e.g. \"How much does a "
                        + "senior ML engineer earn?\""));
            }
        }
        if (level == null) {
            return Handled.composed(composer, retriever.retrieve(u.query(), Set.of()));
        }
        Band band = Band.of(level);
        Handled handled = Handled.of(composer.composeBestPassage(retriever.retrieve(band.question)));
        return own || u.isFollowUp() || slots.level() != level
                ? handled.withHeading(band.title + " ML engineer pay" + (own ? " (your level, " + level.label() + ")" : "")
                + ":")
                : handled;
    }

    /** Whether pay asked for {@code region} is pay the guides have no figures for: a place outside the US. */
    static boolean abroad(@Nullable String region) {
        return region != null && !region.equals("the US") && !region.equals("remote work");
    }

    /**
     * "I have 3 years of experience as an ML engineer": the band the guides' levels put that in, by the
     * years each level is typically given.
     */
    private static @Nullable Level fromYears(@Nullable Integer years) {
        if (years == null) {
            return null;
        }
        return years >= Level.SENIOR.typicalYears() ? Level.SENIOR : years >= Level.MID.typicalYears() ? Level.MID
                : Level.JUNIOR;
    }

    /** Pay for the person's own level first, every source's range, then the other levels: /salary. */
    Answer table(Profile profile) {
        Level level = profile.level();
        if (level == null) {
            return composer.compose(retriever.retrieve(OVERVIEW_QUESTION))
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
            blocks.add(new Answer.Paragraph(band.title + ":"));
            blocks.addAll(part.blocks());
            sources.addAll(part.sources());
        }
    }

    static List<Answer.Citation> dedupe(List<Answer.Citation> sources) {
        Set<String> seen = new LinkedHashSet<>();
        List<Answer.Citation> unique = new ArrayList<>();
        for (Answer.Citation c : sources) {
            if (seen.add(HybridRetriever.sectionKey(c.file(), c.section()))) {
                unique.add(c);
            }
        }
        return unique;
    }

    static String capitalise(@Nullable String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
