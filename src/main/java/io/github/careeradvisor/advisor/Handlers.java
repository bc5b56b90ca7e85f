package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.AnswerComposer;
import io.github.careeradvisor.generation.Phrasing;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.profile.TopicStatus;
import io.github.careeradvisor.retrieval.HybridRetriever;
import io.github.careeradvisor.retrieval.Retrieval;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The handler of each intent: takes one understood question (a follow-up already resolved) and the
 * person's profile, and makes the answer. Only a statement about oneself writes, through the profile
 * replies, alone or before a question ({@link #keepToldBefore}); everything else reads.
 */
final class Handlers {

    /**
     * A question this far from every passage alone is not retried with the thread's context; and a
     * retry counts only if its best passage has one of the question's own words, so the thread's words
     * cannot carry "how many calories are in a banana?" into a salary section.
     */
    static final double CONTEXT_RETRY_FLOOR = 0.30;
    /** The relevance floor of a question read with the thread's gist; the shared-word check guards it. */
    static final double IN_CONTEXT_FLOOR = 0.36;
    /** How sure the router must be of a question's subject for the question to be retried with it named. */
    static final double SURE_SUBJECT = 0.8;
    /** Only short questions lean on the thread. */
    static final int CONTEXT_RETRY_CHARS = 80;

    private final HybridRetriever retriever;
    private final AnswerComposer composer;
    private final ProfileReplies profileReplies;
    private final Guidance guidance;
    private final SalaryReplies salary;
    private final CertificationReplies certifications;
    private final Entities entities;

    Handlers(HybridRetriever retriever, AnswerComposer composer, ProfileReplies profileReplies, Guidance guidance,
            SalaryReplies salary, CertificationReplies certifications, Entities entities) {
        this.retriever = retriever;
        this.composer = composer;
        this.profileReplies = profileReplies;
        this.guidance = guidance;
        this.salary = salary;
        this.certifications = certifications;
        this.entities = entities;
    }

    /**
     * One understood question, to the handler of its intent.
     *
     * @param model the language model's part in this message's reply ({@link Phrasing#EXTRACTIVE}'s when none is set)
     */
    Handled handle(Understanding u, Profile profile, long userId, Phrasing.Turn model) {
        if (u.clarify() != null) {
            return Handled.of(Answer.message(u.clarify()));
        }
        boolean firstOrWhy = u.followUp() == Understanding.FollowUp.FIRST || u.followUp() == Understanding.FollowUp.WHY;
        if (firstOrWhy && u.intent() == Intent.LEARNING_PATH) {
            return new Handled(guidance.first(profile, u.facts()), u.facts());
        }
        if (u.followUp() == Understanding.FollowUp.EACH) {
            return certifications.each(u);
        }
        if (u.followUp() == Understanding.FollowUp.FIRST && (u.intent() == Intent.CERT_ADVICE
                || u.intent() == Intent.CERT_DETAIL) || u.followUp() == Understanding.FollowUp.WHY
                && u.intent() == Intent.CERT_ADVICE && !u.facts().isEmpty()) {
            // "why that one?" after a list: the first one listed, with what it expects and costs.
            return certifications.first(u);
        }
        boolean onwards = u.followUp() == Understanding.FollowUp.MORE
                || u.followUp() == Understanding.FollowUp.REFER && asksOnwards(u);
        if (onwards && u.intent() == Intent.LEARNING_PATH && !u.facts().isEmpty()) {
            return afterThose(u, profile);
        }
        if (u.followUp() == Understanding.FollowUp.REFER && u.intent() != Intent.CERT_DETAIL) {
            return phrased(u, profile, model);
        }
        if (u.followUp() == Understanding.FollowUp.MORE || u.followUp() == Understanding.FollowUp.WHY) {
            Retrieval further = retriever.retrieve(u.query(), Set.copyOf(u.shown()));
            Answer more = composer.compose(further);
            if (more.grounded()) {
                more = model.phrase(further, u.text(), profile, more);
            }
            return Handled.of(more.grounded() ? more.withHeading((u.followUp() == Understanding.FollowUp.WHY ? "Why: "
                    : "More on that: ").strip()) : Answer.message("That is all my guides say about it. Ask me "
                    + "something else, or /new to start a new topic."));
        }
        Optional<Handled> payCompared = salary.comparison(u, entities);
        if (payCompared.isPresent()) {
            return payCompared.get();
        }
        return switch (u.intent()) {
            case SALARY -> salary.reply(u, profile);
            case CERT_ADVICE -> certifications.advice(u, profile);
            case CERT_DETAIL -> certifications.detail(u);
            case LEARNING_PATH -> learningPath(u, profile);
            case SKILLS -> Handled.of(guidance.skills(search(u).answer()));
            case ABOUT_ME -> aboutMe(u, userId);
            // Only an exact greeting, thanks or goodbye is small talk ("what's the weather in Paris?" is not).
            case SMALL_TALK -> SmallTalk.of(u.text()).map(t -> Handled.of(t.reply())).orElseGet(() -> search(u));
            case OUT_OF_SCOPE -> outOfScope(u);
            default -> phrased(u, profile, model);
        };
    }

    private Handled learningPath(Understanding u, Profile profile) {
        Slots s = u.slots();
        if (s.otherOccupation() && !Interpreter.personal(u.text())) {
            return Handled.of(OtherOccupation.reply(s.occupation(), Intent.LEARNING_PATH));
        }
        Profile fitted = profile.asSaid(s.level(), null);
        return new Handled(guidance.next(fitted, profileReplies.progressLine(fitted)), guidance.nextTopics(fitted));
    }

    /** "And after that?" once topics were suggested: the topics that come after them. */
    private Handled afterThose(Understanding u, Profile profile) {
        java.util.Map<String, TopicStatus> progress = new java.util.HashMap<>(profile.progress());
        u.facts().forEach(id -> progress.putIfAbsent(id, TopicStatus.DONE));
        Profile ahead = profile.withProgress(progress);
        List<String> next = guidance.nextTopics(ahead);
        return new Handled(guidance.next(ahead, "").withHeading("After those:"), next);
    }

    private Handled aboutMe(Understanding u, long userId) {
        Entities.Found found = ownEntities(u.text());
        if (ProfileStatement.contradictory(found.levels())) {
            List<String> said = found.levels().stream().map(l -> l.label()).toList();
            return Handled.of(Answer.message("You said " + String.join(" and ", said) + ": which one fits you? "
                    + "Tell me with /level (e.g. /level " + found.levels().iterator().next().id() + "), and I will "
                    + "keep it. I have not changed your profile."));
        }
        Optional<ProfileStatement> statement = ProfileStatement.loose(u.text(), found);
        if (statement.isEmpty()) {
            return search(u);
        }
        return Handled.of(profileReplies.apply(userId, statement.get()));
    }

    /** The occupation, level and cloud a sentence gives the person: their own, not those of the goal they name. */
    private Entities.Found ownEntities(String text) {
        return entities.find(ProfileStatement.beforeGoal(text));
    }

    /**
     * Keeps what a question says of the person before it asks ("I'm a data engineer with 8 years on GCP,
     * which certification should I take?"), read as {@link ProfileStatement#beforeQuestion} reads it: the
     * question, and what it is confirmed with; empty when the question says nothing to keep first.
     */
    Optional<Kept> keepToldBefore(String text, long userId) {
        Optional<ProfileStatement.Told> told = ProfileStatement.toldBefore(text);
        if (told.isEmpty()) {
            return Optional.empty();
        }
        String statement = told.get().statement();
        Entities.Found found = ownEntities(statement);
        Optional<ProfileStatement> said = ProfileStatement.contradictory(found.levels()) ? Optional.empty()
                : ProfileStatement.beforeQuestion(statement, found);
        if (said.isEmpty()) {
            return Optional.empty();
        }
        Answer confirmed = profileReplies.apply(userId, said.get());
        // An exam or a cloud named there and not kept is the question's too ("I'm preparing for the PMLE, how
        // long is it?"): then the question is read with the sentence. A place named there goes with the
        // question alone ("I'm a Java developer in Germany, how much do ML engineers earn?" asks what they
        // earn in Germany, not what Java developers earn).
        Slots named = entities.find(statement).slots();
        String question = told.get().question();
        if (named.cert() != null || named.code() != null || named.cloud() != null && said.get().cloud() == null) {
            question = text;
        } else if (named.region() != null && entities.find(question).slots().region() == null) {
            question = inPlace(question, named.region());
        }
        return Optional.of(new Kept(question, confirmed));
    }

    /** "how much do ML engineers earn?" in Germany: "how much do ML engineers earn in Germany?". */
    static String inPlace(String question, String region) {
        String bare = question.strip();
        int end = bare.length();
        while (end > 0 && "?!.".indexOf(bare.charAt(end - 1)) >= 0) {
            end--;
        }
        String mark = end == bare.length() ? "?" : bare.substring(end);
        return bare.substring(0, end) + " in " + region + mark;
    }

    /**
     * What was kept of a question's sentence about the person: the question to read (without the sentence
     * where all it said is kept), and the confirmation.
     */
    record Kept(String question, Answer confirmed) {
    }

    /**
     * What a short question is about when the router is sure of it, in words ("the career ladder" for "how do
     * I level up?", which alone is near no passage enough); blank otherwise.
     */
    private String sureSubject(Understanding u) {
        String offer = u.intent().offer();
        if (offer == null || u.confidence() < SURE_SUBJECT) {
            return "";
        }
        int example = offer.indexOf(" (");
        return example < 0 ? offer : offer.substring(0, example);
    }

    private Handled outOfScope(Understanding u) {
        if (u.slots().otherOccupation()) {
            return Handled.of(OtherOccupation.reply(u.slots().occupation(), Intent.GENERAL));
        }
        return search(u);
    }

    private Handled search(Understanding u) {
        Retrieval found = found(u);
        return Handled.of(composer.compose(found, focus(u)), found);
    }

    /**
     * What the answer opens on if a sentence worth quoting names it (see {@link AnswerComposer#compose(Retrieval,
     * List)}): the role asked about when it is not ML engineers ("what does an AI engineer do?"); in a follow-up
     * read with the thread's gist that only names a subject, the words of its own the gist lacks ("phd" in "what
     * about a PhD?" after a question on a master's degree). A question, follow-up or not, that asks how long
     * something takes opens on a sentence that gives a time ({@link #DURATIONS}). Another follow-up that asks
     * something of its own ("and which one pays more?") has no subject word to find: its words are the
     * question's.
     */
    private List<String> focus(Understanding u) {
        if (u.slots().namesAnotherRole() && u.slots().occupationCovered()) {
            return List.of(u.slots().occupation());
        }
        String own = Entities.words(u.ownWords());
        if (HOW_LONG.matcher(own).find()) {
            return DURATIONS; // "how long does it take to get there?": the sentence that gives a time, if one is close
        }
        if (!u.isFollowUp() || u.context().isBlank()) {
            return List.of();
        }
        String named = entities.afterConnector(u.ownWords());
        named = named != null ? named : own;
        if (ASKING.matcher(named).find()) {
            return List.of();
        }
        Set<String> thread = Set.copyOf(Arrays.asList(u.context().split(" ")));
        return Arrays.stream(Entities.gist(named).split(" ")).filter(w -> !w.isEmpty() && !thread.contains(w)).toList();
    }

    /**
     * Whether a message that leans on the thread ("what do I learn after that?", "and after those?") asks
     * for what comes next, in no words but those: "do I need a master's for that?" asks something of its
     * own about it, for the guides to answer.
     */
    private static boolean asksOnwards(Understanding u) {
        return Arrays.stream(Entities.gist(u.ownWords()).split(" ")).allMatch(w -> w.isEmpty() || ONWARDS.contains(w));
    }

    /** The words of a message asking what comes next, besides those the gist leaves out ("what", "do", "that"). */
    private static final Set<String> ONWARDS = Set.of("next", "after", "then", "those", "these", "them", "else",
            "now", "done", "finished", "learn", "learning", "study", "studying", "comes", "come", "move", "step",
            "steps", "start", "begin", "once", "i'm", "i've", "im", "ive", "i'd", "should");

    /** A question that asks for a length of time, and the words of a sentence that gives one. */
    private static final Pattern HOW_LONG = Pattern.compile("\\bhow (?:long|many (?:years|months)|much time)\\b");
    /** Not "year" or "month": "$150,000 a year" gives a pay, not a time. */
    private static final List<String> DURATIONS = List.of("years", "months", "weeks", "timeline");

    /** Words that ask: a follow-up with one asks something of its own, more than naming a subject. */
    private static final Pattern ASKING = Pattern.compile(
            "\\b(?:how|why|when|where|which|who|what|whats|does|do|did|is|are|can|could|should|would|will)\\b");

    /**
     * The guides' answer, phrased by the language model when one is set (README, "Use a language model"):
     * a decline is not grounded, so it never reaches the model.
     */
    private Handled phrased(Understanding u, Profile profile, Phrasing.Turn model) {
        Retrieval found = found(u);
        Answer extractive = composer.compose(found, focus(u));
        return Handled.of(extractive.grounded() ? model.phrase(found, u.text(), profile, extractive) : extractive, found);
    }

    /**
     * The guides, searched with the question; a short question that finds nothing alone is searched again
     * with its subject named: in a thread, the previous question's gist ("what happened in the 90s?" after
     * "who coined machine learning?"), then, or with no thread, the subject of the intent the router is sure
     * of ({@link #sureSubject}). Never for what the router calls off-topic, nor for a question declined
     * because its subject is a word no guide uses, so a decline stays a decline.
     */
    private Retrieval found(Understanding u) {
        Retrieval found = retriever.retrieve(u.query(), Set.of());
        return retried(u, retried(u, found, u.context()), sureSubject(u));
    }

    /** What {@code u} finds searched as "question (context)" if it found nothing alone; {@code found} otherwise. */
    private Retrieval retried(Understanding u, Retrieval found, String context) {
        boolean retry = !found.relevant() && found.unheard().isEmpty() && !context.isBlank()
                && u.intent() != Intent.OUT_OF_SCOPE
                && found.bestSimilarity() >= CONTEXT_RETRY_FLOOR && u.text().length() <= CONTEXT_RETRY_CHARS;
        if (!retry) {
            return found;
        }
        Retrieval inContext = retriever.retrieve(retriever.prepare(u.text() + " (" + context + ")"), Set.of(),
                IN_CONTEXT_FLOOR);
        // The subject may help find it, but what is found must have a word of what was asked in it.
        return inContext.relevant() && retriever.sharesWords(u.text(), inContext.passages().get(0).passage())
                ? inContext : found;
    }
}
