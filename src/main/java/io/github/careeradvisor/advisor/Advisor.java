package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.AnswerComposer;
import io.github.careeradvisor.answer.Drafts;
import io.github.careeradvisor.chart.ProgressChart;
import io.github.careeradvisor.generation.Phrasing;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.knowledge.PayScale;
import io.github.careeradvisor.knowledge.Roadmap;
import io.github.careeradvisor.profile.DialogueStore;
import io.github.careeradvisor.profile.DialogueTurn;
import io.github.careeradvisor.profile.FeedbackStore;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.profile.ProfileStore;
import io.github.careeradvisor.profile.ReminderStore;
import io.github.careeradvisor.profile.TopicStatus;
import io.github.careeradvisor.retrieval.HybridRetriever;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The advisor every front end talks to: takes what a person typed in a conversation (a question, a
 * follow-up, a command, or a sentence about themselves) and returns the reply as an {@link Answer}.
 * Questions are answered only from the knowledge; anything outside it is declined politely. A
 * person's profile and conversations are read and changed only through their own user id.
 *
 * <p>One turn has one shape: read the person's profile and the conversation's recent turns once,
 * understand the message once (intent and slots, resolved against the thread), hand each question in
 * it to the handler of its intent, and save the turn once.
 */
public final class Advisor {

    /** The user of the terminal front ends when no --user is given. */
    public static final long LOCAL_USER = 0;
    /** The conversation of {@code ask --user ID}: the same one across processes. */
    public static final long DIRECT_CHAT = 0;

    /**
     * A conversation of its own for one terminal session ({@code chat}, or {@code ask} without
     * {@code --user}): above 2^62, where Telegram never numbers a chat.
     */
    public static long sessionChat() {
        return FIRST_SESSION_CHAT + java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40);
    }

    private static final long FIRST_SESSION_CHAT = 1L << 62;

    /** The parts of the knowledge the advisor answers from. */
    public record Knowledge(HybridRetriever retriever, Roadmap roadmap, CertificationCatalog certifications,
            IntentExamples examples, List<String> sources, PayScale pay) {
        public Knowledge {
            sources = List.copyOf(sources);
        }
    }

    private final HybridRetriever retriever;
    private final AnswerComposer composer;
    private final ProfileStore profiles;
    private final DialogueStore dialogue;
    private final FeedbackStore feedback;
    private final ReminderStore reminderStore;
    private final ReminderReplies reminders;
    private final ProfileReplies profileReplies;
    private final Guidance guidance;
    private final SalaryReplies salary;
    private final CertificationReplies certifications;
    private final Interpreter interpreter;
    private final Handlers handlers;
    private final Phrasing phrasing;
    private final Clock clock;
    private final Duration context;
    private final Set<Long> admins;
    private final UsageStats stats = new UsageStats();
    private final IntentExamples examples;
    private final Roadmap roadmap;
    private final PayScale pay;

    /**
     * @param feedback where questions and votes on the answers are kept
     * @param reminders where the weekly reminders are kept
     * @param context how long a conversation thread is remembered
     * @param admins the user ids that may see /stats
     * @param phrasing the last step of an answer from the guides: extractive, or phrased by a language model
     */
    public Advisor(Knowledge knowledge, ProfileStore profiles, DialogueStore dialogue, FeedbackStore feedback,
            ReminderStore reminders, Clock clock, Duration context, Set<Long> admins, Phrasing phrasing) {
        this.admins = Set.copyOf(admins);
        this.feedback = feedback;
        this.reminderStore = reminders;
        this.reminders = new ReminderReplies(reminders, knowledge.roadmap());
        this.retriever = knowledge.retriever();
        this.composer = new AnswerComposer(Messages.DECLINE_OPENING, Messages.DECLINE_OFFER, knowledge.sources());
        this.profiles = profiles;
        this.dialogue = dialogue;
        this.clock = clock;
        this.context = context;
        this.profileReplies = new ProfileReplies(profiles, knowledge.roadmap());
        this.guidance = new Guidance(retriever, composer, knowledge.roadmap());
        this.salary = new SalaryReplies(retriever, composer);
        this.certifications = new CertificationReplies(knowledge.certifications(), retriever, composer, clock);
        // Threads that expired while the program was not running go now, not at the next message.
        dialogue.expire(clock.instant().minus(context));
        this.examples = knowledge.examples();
        this.roadmap = knowledge.roadmap();
        this.pay = knowledge.pay();
        this.interpreter = new Interpreter(retriever, new IntentRouter(examples, retriever.vectors(examples.all())),
                new Entities(knowledge.certifications()), knowledge.certifications());
        this.handlers = new Handlers(retriever, composer, profileReplies, guidance, salary, certifications,
                interpreter.entities());
        this.phrasing = phrasing;
    }

    /** The reply to one message from the terminal's local user. */
    public Answer reply(String message) {
        return reply(LOCAL_USER, message);
    }

    /** The reply to one message from {@code userId} in their direct conversation ({@code ask --user}). */
    public Answer reply(long userId, String message) {
        return reply(userId, DIRECT_CHAT, message);
    }

    /**
     * The reply to one message from {@code userId} in chat {@code chatId}: each person in each chat has a
     * thread of their own. Never throws for any text a person can send.
     */
    public Answer reply(long userId, long chatId, String message) {
        return reply(userId, chatId, message, Drafts.NONE);
    }

    /**
     * The same, with {@code drafts} shown a phrased answer while the language model writes it (README, "Use a
     * language model"). The answer returned is what counts: it may differ from the last draft.
     */
    public Answer reply(long userId, long chatId, String message, Drafts drafts) {
        return answer(userId, chatId, message, drafts).answer();
    }

    /**
     * An answer, and the id people's votes on it name (README, "Feedback"): null for what is not an
     * answer to a question (a command, small talk, a statement about oneself, a comment taken). Also what
     * the message was (an intent id of {@code intents.json}, or {@code command}, {@code comment},
     * {@code empty}, {@code reset}, {@code not_english}) and whether it was a question left unanswered, for
     * the operators' metrics (README, "Health and metrics").
     */
    public record Answered(Answer answer, @Nullable Long id, String intent, boolean declined) {

        /** What is not a question, so never declined: a command, a comment taken, an empty message. */
        static Answered notAQuestion(Answer answer, String kind) {
            return new Answered(answer, null, kind, false);
        }
    }

    /**
     * The same as {@link #reply(long, long, String, Drafts)}, the answer to a question noted for votes. A
     * message that follows the person's 👎 and is not a question is taken as their comment on it.
     */
    public Answered answer(long userId, long chatId, String message, Drafts drafts) {
        QuestionText question = QuestionText.of(message);
        if (question.isEmpty()) {
            return Answered.notAQuestion(Answer.message(Messages.EMPTY), "empty");
        }
        String text = question.text();
        if (text.startsWith("/")) {
            Answer answer = command(userId, chatId, text);
            return Answered.notAQuestion(question.truncated() ? answer.withNote(Messages.TRUNCATED) : answer, "command");
        }
        Instant now = clock.instant();
        Optional<Long> commented = feedback.takeCommentWanted(userId, chatId,
                now.minus(Duration.ofMinutes(FeedbackStore.COMMENT_MINUTES)));
        if (commented.isPresent() && !Comments.isQuestion(text)) {
            feedback.comment(commented.get(), userId, text);
            return Answered.notAQuestion(Answer.message(Messages.COMMENT_TAKEN), "comment");
        }
        long start = System.nanoTime();
        Turn turn = free(userId, chatId, text, phrasing, drafts);
        Answer answer = turn.answer();
        stats.answered(userId, answer.grounded(), (System.nanoTime() - start) / 1e6);
        Long id = turn.question() ? feedback.answered(userId, chatId, text, answer.grounded(), now) : null;
        return new Answered(question.truncated() ? answer.withNote(Messages.TRUNCATED) : answer, id, turn.intent(),
                turn.question() && !answer.grounded());
    }

    /**
     * A progress button under /next pressed ({@code /done python}, {@code /learning python}, {@code /skip
     * python}): the topic marked, then what comes next, which the message the button was under becomes.
     * Empty if {@code command} is not one of those, or names no topic of the roadmap.
     */
    public Optional<Answer> progressPress(long userId, String command) {
        Command read = Command.of(command);
        TopicStatus status = ProfileReplies.statusCommands().get(read.name());
        Optional<Roadmap.Topic> topic = status == null ? Optional.empty() : profileReplies.topic(read.argument());
        return topic.map(t -> Answer.message(profileReplies.setStatus(userId, t, status)).followedBy(next(userId)));
    }

    /** A weekly reminder to send: to whom, in which chat, and what it says. */
    public record Reminder(long userId, long chatId, Answer answer) {
    }

    /**
     * Up to {@code limit} reminders due at {@code now}, each moved on to its next week as it is taken
     * (README, "Weekly reminders"): a restart never sends one twice, and one more than an hour late is skipped.
     */
    public List<Reminder> dueReminders(Instant now, int limit) {
        List<Reminder> due = new ArrayList<>();
        for (ReminderStore.Due d : reminderStore.takeDue(now, limit)) {
            Profile profile = profiles.load(d.userId());
            due.add(new Reminder(d.userId(), d.chatId(), reminders.reminder(profile, profileReplies.progressLine(profile))));
        }
        return due;
    }

    /** The person can no longer be reached (they blocked the bot): their reminder stops for good. */
    public void stopReminders(long userId) {
        reminderStore.remove(userId);
    }

    /** What the advisor asks after a person's first 👎 on an answer: their next message may say. */
    public static final String WHAT_WAS_MISSING = Messages.WHAT_WAS_MISSING;

    /**
     * What a press of a vote button did: stored, or the button named an answer that is gone (README,
     * "Feedback"). The first 👎 of an answer asks, once, what was missing.
     */
    public FeedbackStore.Vote vote(long userId, long chatId, long answerId, boolean helpful) {
        return feedback.vote(answerId, userId, chatId, helpful, clock.instant());
    }

    /**
     * Messages that take a turn through each kind of handler: run once at start so the first people do
     * not pay for the model's and the JIT's warm-up. Their vectors come from the on-disk cache.
     */
    public static final List<String> WARM_UP = List.of("How do I become a machine learning engineer?",
            "How much does a junior ML engineer earn?", "How much does the MLA-C01 exam cost?",
            "Which certification should I take for AWS?", "What should I learn next?");
    /** Follow-ups of each kind, read against the warm-up's thread. */
    static final List<String> WARM_UP_FOLLOW_UPS = List.of("and seniors?", "what about Azure?", "how long is it valid?",
            "tell me more", "why?", "what does it depend on?", "in Europe?");
    /**
     * How many times the warm-up runs its messages. The JIT compiles a turn's code only once it has run
     * often, so one pass is too few; each pass begins with the searches the one before made forgotten, so
     * it runs them in full, not as lookups (README, "Performance").
     */
    static final int WARM_UP_PASSES = 5;
    /**
     * Every other pass, from the second, words each message anew ({@link #anew}): the model then embeds it,
     * as it embeds a new question, where the other passes take the vectors from the cache. Two such passes,
     * not one, give the JIT enough new questions' runs to compile their path (README, "Performance").
     */
    static final int WARM_UP_ANEW_EVERY = 2;

    /** {@code message} as pass {@code pass} words it: anew ("… (warm-up 1)") on every other pass, else as it is. */
    static String anew(String message, int pass) {
        return pass % WARM_UP_ANEW_EVERY == 1 ? message + " (warm-up " + pass + ")" : message;
    }
    /**
     * The warm-up's person and conversation: ids no Telegram user or chat, and no terminal user, has; drawn
     * anew in each process, so replicas warming up at once on one database keep out of each other's rows.
     */
    static final long WARM_UP_ID = Long.MIN_VALUE + 1 + new java.security.SecureRandom().nextInt(Integer.MAX_VALUE);

    /**
     * What the handlers search with besides a person's words (the pay bands, pay abroad, each roadmap
     * topic's question) and the warm-up's messages: fixed texts, embedded once into the on-disk cache
     * with the router's examples, so no answer waits for the model to embed them.
     */
    public static List<String> fixedPhrases(Roadmap roadmap) {
        List<String> phrases = new ArrayList<>(WARM_UP);
        phrases.addAll(SalaryReplies.questions());
        roadmap.topics().forEach(t -> phrases.add(t.question()));
        return phrases;
    }

    /**
     * Runs {@link #WARM_UP}, follow-ups of each kind and every intent's router examples through a whole
     * turn, {@value #WARM_UP_PASSES} times (two of them worded anew), thread in the database included, as a
     * person nobody is, in a conversation nobody has; the thread is deleted afterwards and no profile is
     * kept. Statements about oneself are left out.
     */
    public void warmUp() {
        warmUp(() -> false);
    }

    /** The same, given up between two messages once {@code stop} says so (a program leaving while it runs). */
    public void warmUp(java.util.function.BooleanSupplier stop) {
        List<String> messages = new ArrayList<>(WARM_UP);
        messages.addAll(WARM_UP_FOLLOW_UPS);
        // Every router example but statements about oneself: their vectors are in the cache, so the model
        // hardly runs, and the JIT compiles each handler's path before people reach it (a first pass over
        // new questions is a fifth faster at p50 than with one example of each intent; README, "Performance").
        examples.byIntent().forEach((intent, said) -> {
            if (intent != Intent.ABOUT_ME) {
                messages.addAll(said);
            }
        });
        // Every phrase pattern a message may need, compiled now rather than at the first message that meets it.
        interpreter.entities().compileAll();
        try {
            for (int pass = 0; pass < WARM_UP_PASSES && !stop.getAsBoolean(); pass++) {
                retriever.forgetRecent();
                for (String message : messages) {
                    if (stop.getAsBoolean()) {
                        break;
                    }
                    free(WARM_UP_ID, WARM_UP_ID, anew(message, pass), Phrasing.EXTRACTIVE, Drafts.NONE);
                }
            }
        } finally {
            // Its id is drawn anew in each process: rows left now would stay for good.
            dialogue.clear(WARM_UP_ID, WARM_UP_ID);
            if (!profiles.load(WARM_UP_ID).isEmpty()) {
                profiles.forget(WARM_UP_ID); // an example read as a statement after all
            }
        }
    }

    /** Counts of use since the start, for /stats; front ends report their errors to it. */
    public UsageStats stats() {
        return stats;
    }

    /**
     * A turn's reply, what the message was (its first part's intent id), and whether it asked something (not
     * small talk, a reset or only a statement).
     */
    private record Turn(Answer answer, String intent, boolean question) {
    }

    /** @param phrasing the language model's part, or none: the warm-up never calls one */
    private Turn free(long userId, long chatId, String text, Phrasing phrasing, Drafts drafts) {
        Optional<SmallTalk> smallTalk = SmallTalk.of(text);
        if (smallTalk.isPresent()) {
            return new Turn(smallTalk.get().reply(), Intent.SMALL_TALK.id(), false);
        }
        if (interpreter.entities().isWhole("reset", text)) {
            return new Turn(newThread(userId, chatId), "reset", false);
        }
        if (!QuestionLanguage.looksEnglish(text)) {
            return new Turn(Answer.message(Messages.ENGLISH_ONLY), "not_english", true);
        }
        // The turn's context, read once.
        Instant now = clock.instant();
        Instant since = now.minus(context);
        List<DialogueTurn> thread = dialogue.recent(userId, chatId, since);
        Profile profile = profiles.load(userId);

        // What a follow-up leans on is the last question; a statement about oneself since then only
        // changes how that question is answered ("which cert?", "we're on AWS", "so which one then?").
        DialogueTurn last = null;
        boolean restated = false;
        for (int i = thread.size() - 1; i >= 0 && last == null; i--) {
            if (thread.get(i).intent().equals(Intent.ABOUT_ME.id())) {
                restated = true;
            } else {
                last = thread.get(i);
            }
        }
        List<DialogueTurn> turns = new ArrayList<>();
        Answer reply = null;
        String intent = null;
        boolean asked = false;
        // "I'm a data engineer with 8 years on GCP, which certification should I take?": the person is kept
        // first and the question then read alone, answered for them; the reply ends with what was kept.
        Optional<Handlers.Kept> kept = handlers.keepToldBefore(interpreter.withoutPreamble(text), userId);
        if (kept.isPresent()) {
            profile = profiles.load(userId);
            restated = true;
        }
        List<String> parts = Parts.split(kept.map(Handlers.Kept::question).orElse(text), interpreter);
        // Drafts show one answer being written: a message that asks two things gets its reply whole.
        Phrasing.Turn model = phrasing.turn(recentQuestions(thread), parts.size() == 1 ? drafts : Drafts.NONE);
        for (String part : parts) {
            Understanding u = interpreter.read(part, last, restated);
            Handled handled = null;
            Understanding alone = REWRITTEN.contains(u.followUp()) ? standalone(model, part) : null;
            if (alone != null) {
                // The model's rewrite of the follow-up is what is searched; the rules' reading is the fallback.
                Handled asRewritten = handlers.handle(alone, profile, userId, model);
                if (asRewritten.answer().grounded()) {
                    u = alone;
                    handled = asRewritten;
                }
            }
            if (handled == null) {
                handled = handlers.handle(u, profile, userId, model);
            }
            // A question declined for a subject no guide mentions stays declined: not re-read, not asked back.
            boolean absent = handled.outsideGuides();
            Understanding leaning = handled.answer().grounded() || absent ? null : interpreter.leaning(part, u, last);
            if (leaning != null) {
                // Nothing found alone: maybe it leans on the thread in words no cue list has.
                Handled again = handlers.handle(leaning, profile, userId, model);
                if (again.answer().grounded()) {
                    u = leaning;
                    handled = again;
                }
            }
            if (u.intent() == Intent.ABOUT_ME) {
                profile = profiles.load(userId); // what the statement changed, for the next part
                restated = true;
            }
            String place = u.intent() == Intent.SALARY && u.slots().region() == null && handled.answer().grounded()
                    ? placeSaid(thread, turns) : null;
            if (place != null) {
                // "I'm a nurse in Canada, …" then "how much would I make?": the figures, and that they are not Canada's.
                handled = new Handled(handled.answer().withNote(Messages.usFiguresOnly(place)), handled.facts(),
                        handled.outsideGuides());
            }
            boolean askedBack = u.clarify() != null;
            if (!handled.answer().grounded() && !absent && u.clarify() == null && !u.isFollowUp()
                    && (u.intent().searchesGuides() || u.intent() == Intent.CERT_DETAIL)) {
                String back = interpreter.askBack(part);
                if (back != null) {
                    handled = Handled.of(Answer.message(back)); // unsure between two readings: ask, not decline
                    askedBack = true;
                }
            }
            reply = reply == null ? handled.answer() : reply.followedBy(handled.answer());
            intent = intent == null ? u.intent().id() : intent;
            // A question asked back is no answer to vote on, nor a question the guides miss.
            asked |= !askedBack && u.intent() != Intent.ABOUT_ME && u.intent() != Intent.SMALL_TALK;
            if (u.clarify() != null && !u.slots().isEmpty()) {
                // A question asked back that proposes one ("what senior ML engineers earn?"): "yes" answers it.
                last = new DialogueTurn(now, u.text(), u.intent().id(), u.slots().toMap(), List.of(), List.of(), true);
                turns.add(last);
            } else if (u.clarify() == null && u.intent() != Intent.SMALL_TALK) {
                // "how much" in a pay question is not the price of an exam a later question names.
                Slots slots = u.intent() == Intent.CERT_DETAIL || u.intent() == Intent.CERT_ADVICE ? u.slots()
                        : u.slots().withAspect(null);
                boolean picked = u.followUp() == Understanding.FollowUp.FIRST || u.followUp() == Understanding.FollowUp.WHY;
                if (picked && !handled.facts().isEmpty()
                        && (u.intent() == Intent.CERT_ADVICE || u.intent() == Intent.CERT_DETAIL)) {
                    // "how long is it?" next is about the one just picked.
                    slots = slots.with(Slots.ofCert(handled.facts().get(0)));
                }
                last = new DialogueTurn(now, u.text(), u.intent().id(), slots.toMap(), shown(u, handled),
                        handled.facts().isEmpty() ? u.facts() : handled.facts());
                turns.add(last);
            }
        }
        if (kept.isPresent()) {
            reply = reply.followedBy(kept.get().confirmed());
        }
        if (!turns.isEmpty()) {
            dialogue.append(userId, chatId, turns, since);
        }
        return new Turn(reply, intent == null ? Intent.GENERAL.id() : intent, asked);
    }

    /**
     * The place outside the US the conversation last named (this message's earlier parts first), if any: pay
     * asked without a place is answered with the guides' figures, which are US ones, and says so.
     */
    private static @Nullable String placeSaid(List<DialogueTurn> thread, List<DialogueTurn> turns) {
        List<DialogueTurn> all = new ArrayList<>(thread);
        all.addAll(turns);
        for (int i = all.size() - 1; i >= 0; i--) {
            String region = Slots.fromMap(all.get(i).slots()).region();
            if (region != null) {
                return SalaryReplies.abroad(region) ? region : null;
            }
        }
        return null;
    }

    /**
     * Follow-ups the language model may rewrite: a slot or an aspect changed, or "it" to resolve. "Tell me
     * more", "why?", "which one first?" and "how much do they cost?" lean on what was shown, which only
     * the thread knows, so the rules read those.
     */
    private static final Set<Understanding.FollowUp> REWRITTEN = Set.of(Understanding.FollowUp.SLOT,
            Understanding.FollowUp.ASPECT, Understanding.FollowUp.REFER);

    /**
     * The follow-up as the model rewrote it, read as a question of its own; null if the model gave none,
     * or its question is not one the guides answer (off-topic, a statement, a question to ask back).
     */
    private @Nullable Understanding standalone(Phrasing.Turn model, String followUp) {
        Optional<String> rewritten = model.standalone(followUp);
        if (rewritten.isEmpty()) {
            return null;
        }
        Understanding alone = interpreter.read(rewritten.get(), null, false);
        boolean answerable = alone.clarify() == null && alone.intent() != Intent.ABOUT_ME
                && alone.intent() != Intent.OUT_OF_SCOPE && alone.intent() != Intent.SMALL_TALK;
        return answerable ? alone : null;
    }

    /** The thread's questions as the model is shown them, oldest first; questions asked back are not the person's. */
    private static List<String> recentQuestions(List<DialogueTurn> thread) {
        return thread.stream().filter(t -> !t.proposed()).map(DialogueTurn::question).toList();
    }

    /** The sections the thread has shown so far on this question, and those this answer quoted. */
    private static List<String> shown(Understanding u, Handled handled) {
        List<String> shown = new ArrayList<>(u.followUp() == Understanding.FollowUp.MORE ? u.shown() : List.of());
        handled.answer().sources().forEach(c -> shown.add(HybridRetriever.sectionKey(c.file(), c.section())));
        return shown;
    }

    private Answer newThread(long userId, long chatId) {
        dialogue.clear(userId, chatId);
        return Answer.message("Fresh start: I have forgotten what we were talking about (your profile stays; "
                + "/forget deletes that too). What would you like to know?");
    }

    private Answer next(long userId) {
        Profile profile = profiles.load(userId);
        return guidance.next(profile, profileReplies.progressLine(profile) + " " + Messages.PROGRESS_PICTURE);
    }

    /** /salary: the pay table as text, and as a chart with the person's level highlighted. */
    private Answer salary(long userId) {
        Profile profile = profiles.load(userId);
        Answer table = salary.table(profile);
        return Pictures.pay(pay, profile.level()).map(table::withChart).orElse(table);
    }

    /** /progress: how far along the roadmap the person is, in a line and as a chart. */
    private Answer progress(long userId) {
        Profile profile = profiles.load(userId);
        ProgressChart chart = Pictures.progress(roadmap, profile);
        String start = chart.startWith() == null ? "You have worked through every topic on the roadmap."
                : (chart.count(ProgressChart.State.DONE) == 0 ? "Start with "
                        : "Next up: ") + chart.startWith() + " (/next says what to learn).";
        return Answer.message(profileReplies.progressLine(profile), start).withChart(chart);
    }

    private Answer command(long userId, long chatId, String text) {
        Command read = Command.of(text); // "/help@SomeBot" in a group is /help
        String name = read.name();
        String argument = read.argument();
        TopicStatus status = ProfileReplies.statusCommands().get(name);
        if (status != null) {
            return profileReplies.mark(userId, argument, status);
        }
        return switch (name) {
            case "/start" -> Answer.message(Messages.WELCOME, Messages.HELP, Messages.EXAMPLES + ".", Messages.COMMANDS);
            case "/help" -> Answer.message(Messages.HELP, Messages.EXAMPLES + ".", Messages.COMMANDS,
                    Messages.PROFILE_COMMANDS);
            case "/salary" -> salary(userId);
            case "/progress" -> progress(userId);
            case "/certs" -> certifications.forProfile(profiles.load(userId));
            case "/next" -> next(userId);
            case "/new" -> newThread(userId, chatId);
            case "/profile" -> profileReplies.show(userId);
            case "/level" -> profileReplies.level(userId, argument);
            case "/cloud" -> profileReplies.cloud(userId, argument);
            case "/goal" -> profileReplies.goal(userId, argument);
            case "/hours" -> profileReplies.hours(userId, argument);
            case "/forget" -> profileReplies.forget(userId);
            // From the terminal the reminders go where Telegram would send them: the person's private chat.
            case "/remind" -> reminders.command(userId, chatId == DIRECT_CHAT || chatId >= FIRST_SESSION_CHAT ? userId : chatId,
                    argument, clock.instant());
            // To anyone else /stats is a command like any unknown one: they never learn it exists.
            case "/stats" -> admins.contains(userId) ? Answer.message(stats.report(phrasing.counts()),
                    OperatorReport.text(feedback.report(clock.instant().minus(Duration.ofDays(OperatorReport.DEFAULT_DAYS)),
                            OperatorReport.TOP), OperatorReport.DEFAULT_DAYS))
                    : Answer.message(Messages.unknownCommand(name));
            default -> name.matches("/[a-z0-9_]{1,32}") ? Answer.message(Messages.unknownCommand(name))
                    : composer.compose(retriever.retrieve(text)); // "/ what is…" or a path: treat it as text
        };
    }
}
