package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.AnswerComposer;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.knowledge.Roadmap;
import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.profile.ProfileStore;
import io.github.careeradvisor.profile.TopicStatus;
import io.github.careeradvisor.retrieval.HybridRetriever;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The advisor every front end talks to: takes what a person typed (a question, a command, or a sentence
 * about themselves) and returns the reply as an {@link Answer}. Questions are answered only from the
 * knowledge; anything outside it is declined politely. A person's profile is read and changed only
 * through their own user id.
 */
public final class Advisor {

    /** The user of the terminal front ends when no --user is given. */
    public static final long LOCAL_USER = 0;

    static final String SALARY_QUESTION = "How much do machine learning engineers earn at each level?";
    static final String CERTS_QUESTION = "Which machine learning certification should I take, and which are retired?";

    private static final Pattern WHAT_NEXT = Pattern.compile(
            "\\b(what|which)\\b.*\\b(learn|study|focus on|do)\\b.*\\bnext\\b|\\bnext steps?\\b|^what next\\b");
    private static final Pattern WHICH_CERT = Pattern.compile(
            "\\b(which|what|recommend|suggest|best)\\b.*\\bcert(ification|ificate|s)?\\b");
    private static final Pattern CERT_DETAIL = Pattern.compile(
            "\\b(price|cost|how much|valid|expire|retired|still|available|how long|questions|exam code|pass|"
            + "tensorflow|specialty|databricks|nvidia|ibm|cap|informs|andrew ng|coursera|[a-z]{2,3}-[a-z]?\\d{2,3})\\b");
    private static final Pattern SALARY = Pattern.compile("\\b(salary|salaries|pay|paid|earn|earns|make|income|compensation)\\b");
    private static final Pattern LEVEL_WORD = Pattern.compile(
            "\\b(junior|juniors|entry|beginner|fresher|freshers|graduate|mid|mid-level|intermediate|senior|seniors|lead|"
            + "experienced|principal|staff)\\b");
    /**
     * Places outside the United States people ask about. The guides give pay only in US dollars, so a
     * salary question naming one goes to the guides' own word on that, not to the person's US ranges.
     */
    private static final Pattern ABROAD = Pattern.compile("\\b(europe|european|eu|uk|u\\.k\\.|united kingdom|britain|"
            + "england|scotland|ireland|germany|france|spain|italy|netherlands|poland|sweden|switzerland|india|canada|"
            + "australia|singapore|japan|china|brazil|mexico|africa|nigeria|asia|dubai|uae|pakistan|london|berlin|"
            + "paris|toronto|bangalore|bengaluru|euros?|pounds?|rupees?|inr|gbp|eur)\\b");

    private final HybridRetriever retriever;
    private final AnswerComposer composer;
    private final ProfileStore profiles;
    private final ProfileReplies profileReplies;
    private final Guidance guidance;
    private final Set<Long> admins;
    private final UsageStats stats = new UsageStats();

    /** @param admins the user ids that may see /stats */
    public Advisor(HybridRetriever retriever, ProfileStore profiles, Roadmap roadmap, CertificationCatalog certifications,
            Clock clock, Set<Long> admins) {
        this.admins = Set.copyOf(admins);
        this.retriever = retriever;
        this.composer = new AnswerComposer(Messages.DECLINE);
        this.profiles = profiles;
        this.profileReplies = new ProfileReplies(profiles, roadmap);
        this.guidance = new Guidance(retriever, composer, roadmap, certifications, clock);
    }

    /** The reply to one message from the terminal's local user. */
    public Answer reply(String message) {
        return reply(LOCAL_USER, message);
    }

    /** The reply to one message from {@code userId}. Never throws for any text a person can send. */
    public Answer reply(long userId, String message) {
        QuestionText question = QuestionText.of(message);
        if (question.isEmpty()) {
            return Answer.message(Messages.EMPTY);
        }
        String text = question.text();
        if (text.startsWith("/")) {
            Answer answer = command(userId, text);
            return question.truncated() ? answer.withNote(Messages.TRUNCATED) : answer;
        }
        long start = System.nanoTime();
        Answer answer = free(userId, text);
        stats.answered(userId, answer.grounded(), (System.nanoTime() - start) / 1e6);
        return question.truncated() ? answer.withNote(Messages.TRUNCATED) : answer;
    }

    /** Runs one question through every part once, so the first person does not pay for JIT and model warm-up. */
    public void warmUp(String question) {
        answer(question);
    }

    /** Counts of use since the start, for /stats; front ends report their errors to it. */
    public UsageStats stats() {
        return stats;
    }

    private Answer free(long userId, String text) {
        Optional<SmallTalk> smallTalk = SmallTalk.of(text);
        if (smallTalk.isPresent()) {
            return smallTalk.get().reply();
        }
        if (!QuestionLanguage.looksEnglish(text)) {
            return Answer.message(Messages.ENGLISH_ONLY);
        }
        Optional<ProfileStatement> statement = ProfileStatement.read(text);
        if (statement.isPresent()) {
            return profileReplies.apply(userId, statement.get());
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (WHAT_NEXT.matcher(lower).find()) {
            return next(userId);
        }
        if (WHICH_CERT.matcher(lower).find() && !CERT_DETAIL.matcher(lower).find()) {
            return guidance.certifications(profiles.load(userId), cloudIn(lower));
        }
        if (SALARY.matcher(lower).find() && !LEVEL_WORD.matcher(lower).find() && !ABROAD.matcher(lower).find()) {
            Profile profile = profiles.load(userId);
            if (profile.level() != null) {
                return guidance.salary(profile);
            }
        }
        return answer(text);
    }

    private Answer answer(String question) {
        return composer.compose(retriever.retrieve(question));
    }

    private Answer next(long userId) {
        Profile profile = profiles.load(userId);
        return guidance.next(profile, profileReplies.progressLine(profile));
    }

    private Answer command(long userId, String text) {
        String[] parts = text.split(" ", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String argument = parts.length > 1 ? parts[1].strip() : "";
        int at = name.indexOf('@');
        if (at > 0) {
            name = name.substring(0, at); // "/help@SomeBot" in a group
        }
        TopicStatus status = ProfileReplies.statusCommands().get(name);
        if (status != null) {
            return profileReplies.mark(userId, argument, status);
        }
        return switch (name) {
            case "/start" -> Answer.message(Messages.WELCOME, Messages.HELP, Messages.EXAMPLES + ".", Messages.COMMANDS);
            case "/help" -> Answer.message(Messages.HELP, Messages.EXAMPLES + ".", Messages.COMMANDS,
                    Messages.PROFILE_COMMANDS);
            case "/salary" -> guidance.salary(profiles.load(userId));
            case "/certs" -> guidance.certifications(profiles.load(userId), null);
            case "/next" -> next(userId);
            case "/profile" -> profileReplies.show(userId);
            case "/level" -> profileReplies.level(userId, argument);
            case "/cloud" -> profileReplies.cloud(userId, argument);
            case "/goal" -> profileReplies.goal(userId, argument);
            case "/hours" -> profileReplies.hours(userId, argument);
            case "/forget" -> profileReplies.forget(userId);
            // To anyone else /stats is a command like any unknown one: they never learn it exists.
            case "/stats" -> Answer.message(admins.contains(userId) ? stats.report() : Messages.unknownCommand(name));
            default -> name.matches("/[a-z0-9_]{1,32}") ? Answer.message(Messages.unknownCommand(name))
                    : answer(text); // "/ what is…" or a path: treat it as text
        };
    }

    private static @Nullable Cloud cloudIn(String lower) {
        if (lower.matches(".*\\b(aws|amazon)\\b.*")) {
            return Cloud.AWS;
        }
        if (lower.matches(".*\\b(gcp|google)\\b.*")) {
            return Cloud.GCP;
        }
        if (lower.matches(".*\\b(azure|microsoft)\\b.*")) {
            return Cloud.AZURE;
        }
        return null;
    }
}
