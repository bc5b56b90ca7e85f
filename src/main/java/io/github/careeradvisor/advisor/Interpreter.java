package io.github.careeradvisor.advisor;

import io.github.careeradvisor.knowledge.Certification;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.profile.DialogueTurn;
import io.github.careeradvisor.retrieval.HybridRetriever;
import io.github.careeradvisor.retrieval.Query;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one message against the thread: what it asks (the router's nearest examples, corrected by the
 * entities it names), and whether it is a follow-up ("and seniors?", "how much does it cost?", "tell
 * me more") to be resolved with the previous turn's intent and slots. A message that names a new
 * subject is a new question; a follow-up with nothing before it gets a clarifying question.
 */
final class Interpreter {

    /** Follow-ups are short; a longer message that opens with "and" is a question of its own. */
    static final int FOLLOW_UP_WORDS = 12;
    /** "seniors?", "in europe?", "for azure?": a message this short that only names slots. */
    static final int SLOT_ONLY_WORDS = 4;
    /** A question with "it" or "that" that matches the guides this well alone is not read as pointing back. */
    static final double CLEAR_ALONE = 0.5;
    /** A connector's remainder this long is a question of its own when there is no thread. */
    static final int MIN_QUESTION_WORDS = 3;
    /** "what does it depend on?": a message this short pointing back with "it" or "that". */
    static final int REFER_WORDS = 7;
    /** "why python?": a message this short that starts with "why" asks the reason for what was just said. */
    static final int WHY_WORDS = 3;
    /** An answer to a question asked back is this short: "yes please", "I meant their salary". */
    static final int ANSWER_WORDS = 6;
    /** A message the router calls off-topic or small talk this surely stays as it is, thread or not. */
    static final double SURE_OFF_TOPIC = 0.5;
    /** A message with this many words the guides never use is about something else. */
    static final int FOREIGN_WORDS = 2;

    /** How a sentence about oneself starts, or what it says, when it does not start with "I". */
    private static final Pattern STATEMENT_CUE = Pattern.compile("^(i|i'm|im|i've|my|former|ex|currently|been|"
            + "working|\\d{1,2}\\+?\\s*(years?|yrs?))\\b|\\b(looking to switch|switching (to|into)|career (switcher|changer)|"
            + "transitioning|switching careers?|changing careers?|mostly on|all on|we use|we're on|we are on)\\b");
    private static final Pattern PERSONAL = Pattern.compile(
            "\\b(i|i'm|im|me|my|should i|would i|could i|can i)\\b");

    private final HybridRetriever retriever;
    private final IntentRouter router;
    private final Entities entities;
    private final CertificationCatalog catalog;
    private final AskingBack askingBack;

    Interpreter(HybridRetriever retriever, IntentRouter router, Entities entities, CertificationCatalog catalog) {
        this.retriever = retriever;
        this.router = router;
        this.entities = entities;
        this.catalog = catalog;
        this.askingBack = new AskingBack(retriever, router);
    }

    Entities entities() {
        return entities;
    }

    /** What the message asks on its own, without the thread. */
    Understanding alone(String text) {
        return alone(text, entities.find(text));
    }

    private Understanding alone(String text, Entities.Found found) {
        Query query = retriever.prepare(text);
        IntentRouter.Routing routing = router.route(query);
        Intent intent = intent(text, found, routing, entities.subjects(text));
        return new Understanding(text, query, intent, routing.confidence(), found.slots(), Understanding.FollowUp.NONE,
                List.of(), List.of(), null, "");
    }

    /** The message without a greeting or filler before it: "hi! I'm a nurse" says "I'm a nurse". */
    String withoutPreamble(String message) {
        return entities.withoutFillers(SmallTalk.withoutGreeting(message.strip()));
    }

    /** What the message asks, read against the previous turn if there is one still remembered. */
    Understanding read(String text, @Nullable DialogueTurn last) {
        return read(text, last, false);
    }

    /**
     * @param restated whether the person said something about themselves since {@code last}: then
     *     "so which one then?" asks {@code last}'s question again, for the person as they are now
     */
    Understanding read(String message, @Nullable DialogueTurn last, boolean restated) {
        String text = withoutPreamble(message);
        Entities.Found found = entities.find(text);
        Understanding alone = alone(text, found);
        if (last != null && last.proposed()) {
            Understanding answer = answering(text, found, alone, last);
            if (answer != null) {
                return answer;
            }
        }
        int words = Entities.wordCount(text);
        Understanding.FollowUp kind = Understanding.FollowUp.NONE;
        String remainder = null;
        if (entities.isWhole("more", text)) {
            kind = Understanding.FollowUp.MORE;
        } else if (entities.isWhole("why", text) || last != null && words <= WHY_WORDS
                && Entities.words(text).startsWith("why ") && found.slots().cert() == null && found.slots().code() == null) {
            // "why?", and in a thread "why python?": the reason behind what was just said.
            kind = Understanding.FollowUp.WHY;
        } else if (entities.isWhole("first", text)) {
            kind = Understanding.FollowUp.FIRST;
        } else if (words <= FOLLOW_UP_WORDS && (remainder = entities.afterConnector(text)) != null) {
            kind = Understanding.FollowUp.SLOT;
        } else if (found.slots().aspect() != null && found.slots().cert() == null && found.slots().code() == null
                && words <= 8 && (entities.refersBack(text) || words <= SLOT_ONLY_WORDS)
                && (entities.subject(text) == null || entities.subject(text) == Intent.CERT_ADVICE)) {
            kind = Understanding.FollowUp.ASPECT;
        } else if (words <= SLOT_ONLY_WORDS && onlyContextSlots(found.slots())
                && entities.subject(text) == null && alone.intent() != Intent.ABOUT_ME) {
            kind = Understanding.FollowUp.SLOT;
            remainder = Entities.words(text);
        } else if (last != null && words <= REFER_WORDS && entities.refersBack(text) && found.slots().cert() == null
                && found.slots().code() == null && found.slots().occupation() == null
                && alone.intent() != Intent.ABOUT_ME && alone.intent() != Intent.SMALL_TALK
                && retriever.retrieve(alone.query(), java.util.Set.of()).bestSimilarity() < CLEAR_ALONE) {
            // "is it hard to become an ML engineer?" says what "it" is; "what does it depend on?" does not.
            kind = Understanding.FollowUp.REFER;
        }
        String context = last == null ? "" : Entities.gist(last.question());
        if (kind == Understanding.FollowUp.NONE) {
            return alone.inContext(context);
        }
        if (last == null) {
            // A connector in front of a whole new question ("and how do I get a job?") needs no thread.
            if (kind == Understanding.FollowUp.SLOT && remainder != null && (entities.subject(remainder) != null
                    || found.slots().cert() != null || found.slots().code() != null
                    || words(remainder) >= MIN_QUESTION_WORDS)) {
                return alone; // "tell me about aws generative ai developer professional": a question of its own
            }
            return askingBack.forFollowUp(text, kind == Understanding.FollowUp.ASPECT, found.slots(), alone.query(),
                    alone.intent());
        }
        Intent before = Intent.byId(last.intent()).orElse(Intent.GENERAL);
        Slots carried = Slots.fromMap(last.slots());
        if (restated && (kind == Understanding.FollowUp.FIRST || kind == Understanding.FollowUp.MORE)) {
            return resolved(last.question(), before, carried, Understanding.FollowUp.SLOT, last);
        }
        return switch (kind) {
            case MORE, WHY, FIRST -> resolved(kind != Understanding.FollowUp.WHY ? last.question()
                    : entities.isWhole("why", text) ? "why " + last.question() : text + " (" + last.question() + ")",
                    before, carried, kind, last);
            case ASPECT -> aspect(text, found.slots(), before, carried, last);
            case SLOT -> (found.slots().cert() != null || found.slots().code() != null)
                    && before != Intent.CERT_DETAIL && before != Intent.CERT_ADVICE
                    ? alone // "tell me about the AWS ML engineer associate" after a pay question: a new subject
                    : slot(text, remainder == null ? "" : remainder, found.slots(), before, carried, last);
            default -> (carried.cert() != null || carried.code() != null)
                    && (found.slots().aspect() != null || alone.intent() == Intent.CERT_DETAIL
                            || alone.intent() == Intent.CERT_ADVICE)
                    ? resolved(certName(carried, false) + ": " + text, Intent.CERT_DETAIL, carried.withAspect(found.slots().aspect()),
                            kind, last)
                    : resolved(text + " (" + Entities.gist(last.question()) + ")", alone.intent().searchesGuides()
                            && alone.confidence() >= 0.5 ? alone.intent() : before, carried, kind, last);
        };
    }

    /**
     * A short message that found nothing on its own in a live thread, read again as leaning on the
     * previous turn: "what makes it go up or down" after a pay question, "is there a replacement exam"
     * after an exam, "ok what about the senior folks". Null where it should stay as it was: no thread,
     * a previous turn that answered nothing, a statement or small talk, another occupation, what the
     * router is sure is off-topic, or a message that already leaned on the thread in every way it can.
     *
     * @param first how the message was read the first time
     */
    @Nullable Understanding leaning(String message, Understanding first, @Nullable DialogueTurn last) {
        String text = entities.withoutFillers(message);
        if (last == null || first.clarify() != null || first.followUp() != Understanding.FollowUp.NONE
                && first.followUp() != Understanding.FollowUp.SLOT || words(text) > FOLLOW_UP_WORDS) {
            return null;
        }
        Intent before = Intent.byId(last.intent()).orElse(Intent.GENERAL);
        if (!before.searchesGuides() && before != Intent.LEARNING_PATH && before != Intent.SALARY
                && before != Intent.CERT_ADVICE && before != Intent.CERT_DETAIL
                || last.shown().isEmpty() && last.facts().isEmpty()) {
            return null;
        }
        Entities.Found found = entities.find(text);
        Understanding alone = alone(text, found);
        Slots named = found.slots();
        if (alone.intent() == Intent.ABOUT_ME || named.otherOccupation()
                || (alone.intent() == Intent.OUT_OF_SCOPE || alone.intent() == Intent.SMALL_TALK)
                        && alone.confidence() >= SURE_OFF_TOPIC) {
            return null;
        }
        Slots carried = Slots.fromMap(last.slots());
        if (named.aspect() != null && named.cert() == null && named.code() == null && certInThread(last)) {
            return aspect(text, named, before, carried, last); // "what do people sit for nowadays instead"
        }
        HybridRetriever.Wording wording = retriever.wording(text);
        if (foreign(wording) || 2 * wording.unknown() >= wording.words() && wording.unknown() > 0) {
            return null; // words no guide uses, or as many of them as of the guides' own
        }
        if (first.followUp() == Understanding.FollowUp.NONE && onlyContextSlots(named)) {
            return slot(text, text, named, before, carried, last);
        }
        String about = Entities.gist(last.question()) + (SUBJECTS.containsKey(before) ? ", " + SUBJECTS.get(before) : "");
        return resolved(text + " (" + about + ")", before, carried, Understanding.FollowUp.REFER, last);
    }

    /** See {@link AskingBack#unsure}. */
    @Nullable String askBack(String message) {
        return askingBack.unsure(entities.withoutFillers(message));
    }

    /** Whether the previous turn was about a certification, or listed some. */
    private boolean certInThread(@Nullable DialogueTurn last) {
        if (last == null) {
            return false;
        }
        Slots carried = Slots.fromMap(last.slots());
        return carried.cert() != null || carried.code() != null || !listedCerts(last).isEmpty();
    }

    /** The certifications the previous reply listed, in its order. */
    private List<String> listedCerts(DialogueTurn last) {
        return last.facts().stream().filter(f -> catalog.byId(f).isPresent()).toList();
    }

    /** "how many calories are in a banana": this many words no guide uses are about something else. */
    static boolean foreign(HybridRetriever.Wording wording) {
        return wording.unknown() >= FOREIGN_WORDS;
    }

    /** Only slots that change the question's context, not its subject: level, years, cloud, place. */
    private static boolean onlyContextSlots(Slots s) {
        return s.cert() == null && s.code() == null && s.occupation() == null
                && (s.level() != null || s.years() != null || s.cloud() != null || s.region() != null);
    }

    /**
     * How a question names the certification the thread is about: its catalog name (its id if the catalog no
     * longer holds it), or the exam code the thread named if no certification. With {@code codeFirst}, its
     * exam code if it has one: what an aspect follow-up ("pass mark?") is searched with, so that the aspect,
     * not the words of a long name, decides which sentence answers.
     */
    private String certName(Slots slots, boolean codeFirst) {
        if (slots.cert() != null) {
            return catalog.byId(slots.cert()).map(c -> codeFirst && c.examCode() != null ? c.examCode() : c.name())
                    .orElse(slots.cert());
        }
        return slots.code() == null ? "" : slots.code();
    }

    private Understanding aspect(String text, Slots named, Intent before, Slots carried, DialogueTurn last) {
        Slots slots = carried.with(named);
        if (slots.cert() == null && slots.code() == null) {
            List<String> listed = listedCerts(last);
            if (listed.isEmpty()) {
                // "how long does it take?" after the learning path: about that path, not about an exam.
                String about = SUBJECTS.containsKey(before) ? SUBJECTS.get(before) : last.question();
                return resolved(text + " (" + about + ")", before == Intent.LEARNING_PATH ? Intent.GENERAL : before,
                        carried, Understanding.FollowUp.REFER, last);
            }
            if (listed.size() > 1 && slots.aspect() != null && !Entities.SEVERAL.equals(slots.aspect())) {
                // "how much does it cost?" after a list of certifications: the price of each one listed.
                return resolved(text, Intent.CERT_DETAIL, slots, Understanding.FollowUp.EACH, last);
            }
            slots = slots.with(Slots.ofCert(listed.get(0)));
        }
        return resolved(certName(slots, true) + ": " + text, Intent.CERT_DETAIL, slots, Understanding.FollowUp.ASPECT, last);
    }

    private Understanding slot(String text, String remainder, Slots named, Intent before, Slots carried,
            DialogueTurn last) {
        Intent subject = entities.subject(remainder);
        Intent intent = subject != null ? subject : before;
        if (named.cert() == null && named.code() == null && carried.cert() != null) {
            // "and the professional one?" after the Databricks associate: the same provider's other exam.
            String provider = catalog.byId(carried.cert()).map(Certification::provider).orElse("");
            Slots sibling = entities.find(provider + " " + remainder.replaceAll("\\b(the|one|exam|cert)\\b", " ")
                    .replaceAll("\\s+", " ").strip()).slots();
            if (sibling.cert() != null && !sibling.cert().equals(carried.cert())) {
                named = named.with(Slots.ofCert(sibling.cert()));
            }
        }
        Slots slots = carried.with(named);
        if (intent == Intent.SALARY && named.level() == null && named.years() == null
                && entities.widensToAnyLevel(remainder)) {
            // "and overall?", "and the median overall?" after a level's pay: every level's, so not read with
            // the level's question.
            return resolved(remainder + " (ML engineer salary)", intent, slots.withoutLevel(),
                    Understanding.FollowUp.SLOT, last);
        }
        if ((subject == null || subject == Intent.CERT_ADVICE) && named.withAspect(null).isEmpty()
                && named.aspect() != null && certInThread(last)) {
            // "so what do I take instead?", "and duration": another aspect of the same certification, or
            // of those just listed ("and they're still offered?").
            return aspect(remainder, named, before, carried, last);
        }
        if (subject == null && named.withAspect(null).isEmpty()) {
            // "and cities?", "what about oil and gas?", "and what is MLOps?": nothing a handler knows by
            // name, so the guides, searched with it alone first and with the thread's gist if that finds
            // nothing; never the previous question's handler again.
            return resolved(remainder, Intent.GENERAL, carried, Understanding.FollowUp.SLOT, last);
        }
        if (named.cert() != null || named.code() != null) {
            intent = Intent.CERT_DETAIL;
        } else if (named.cloud() != null && slots.cert() != null && !named.cloud().id().equals(cloudOf(slots.cert()))) {
            // "what about Azure?" after an AWS exam: Azure's certifications, not the AWS one.
            slots = new Slots(slots.level(), slots.years(), slots.cloud(), slots.region(), null, null,
                    slots.occupation(), slots.occupationCovered(), slots.aspect());
            intent = Intent.CERT_ADVICE;
        }
        if (subject == Intent.CERT_ADVICE && before == Intent.CERT_DETAIL && slots.cert() != null && named.cert() == null
                && named.aspect() == null) {
            intent = Intent.CERT_ADVICE; // "and what about other certifications?"
        }
        if (named.occupation() == null && intent != Intent.SALARY && intent != Intent.CERT_ADVICE) {
            slots = slots.withoutOccupation();
        }
        return resolved(question(intent, slots, remainder, last), intent, slots, Understanding.FollowUp.SLOT, last);
    }

    /** The whole question a slot follow-up stands for, which the thread keeps for the next follow-up. */
    private String question(Intent intent, Slots slots, String remainder, DialogueTurn last) {
        return switch (intent) {
            case SALARY -> slots.level() == null && slots.region() == null && slots.occupation() == null
                    ? remainder + " (" + last.question() + ")"
                    : "How much does " + (slots.namesAnotherRole() ? "a " + slots.occupation() : "an ML engineer")
                            + (slots.level() == null ? "" : " (" + slots.level().label() + ")") + " earn"
                            + (slots.region() == null ? "" : " in " + slots.region()) + "?";
            case CERT_ADVICE -> "Which certification should I take" + (slots.cloud() == null ? ""
                    : " for " + slots.cloud().label()) + "?";
            case CERT_DETAIL -> certName(slots, false) + ": " + remainder;
            default -> searchQuestion(intent, remainder, last);
        };
    }

    /**
     * For the guides: a new subject stands alone ("what about interviews?"), another role replaces the
     * one compared ("what about AI engineers?"), anything else is read with the previous question's gist.
     */
    private String searchQuestion(Intent intent, String remainder, DialogueTurn last) {
        if (entities.subject(remainder) != null) {
            return remainder; // "what about interviews?": a subject of its own, searched alone
        }
        Slots named = entities.find(remainder).slots();
        if (onlyContextSlots(named) && SUBJECTS.containsKey(intent)) {
            // "and after senior?" on the career ladder: the ladder, at that level.
            return remainder + " (" + SUBJECTS.get(intent) + ")";
        }
        if (named.occupation() != null) {
            String replaced = entities.replaceOccupation(last.question(), remainder);
            if (replaced != null) {
                return replaced;
            }
        }
        return remainder + " (" + Entities.gist(last.question()) + ")";
    }

    /** What a question of each guides-searching intent is about, for a follow-up that only names a slot. */
    private static final java.util.Map<Intent, String> SUBJECTS = java.util.Map.of(
            Intent.LEARNING_PATH, "becoming an ML engineer, the learning path",
            Intent.CAREER_LADDER, "ML engineer career ladder and levels",
            Intent.SKILLS, "skills an ML engineer needs",
            Intent.JOB_SEARCH, "getting an ML engineer job",
            Intent.ROLE_COMPARISON, "ML engineer compared with other roles",
            Intent.GENERAL, "machine learning engineers");

    private static int words(String text) {
        return Entities.wordCount(text);
    }

    private @Nullable String cloudOf(String certId) {
        return catalog.byId(certId).map(Certification::cloud).orElse(null);
    }

    private Understanding resolved(String text, Intent intent, Slots slots, Understanding.FollowUp kind,
            DialogueTurn last) {
        Query query = retriever.prepare(text);
        return new Understanding(text, query, intent, 1, slots, kind, last.shown(), last.facts(), null,
                Entities.gist(last.question()));
    }

    /** The intent, with what the entities say over the router's guess where they are certain. */
    private static Intent intent(String text, Entities.Found found, IntentRouter.Routing routing, Set<Intent> subjects) {
        Slots s = found.slots();
        Intent intent = routing.intent();
        // A handler that answers from its own data (pay bands, the catalog, the roadmap) only takes a
        // message that says what it is about; a near example alone is not enough.
        boolean structured = intent == Intent.SALARY || intent == Intent.CERT_ADVICE || intent == Intent.LEARNING_PATH;
        if (structured && !subjects.contains(intent)) {
            Intent second = routing.second();
            intent = second.searchesGuides() || subjects.contains(second) ? second : Intent.GENERAL;
        } else if (!structured && routing.confidence() < 0.6 && subjects.contains(Intent.SALARY)
                && !subjects.contains(Intent.ROLE_COMPARISON)) {
            // "what does a junior earn": pay words say more than an uncertain neighbour.
            intent = Intent.SALARY;
        } else if (!structured && routing.confidence() < 0.6 && subjects.equals(Set.of(Intent.LEARNING_PATH))
                && Entities.wordCount(text) <= SLOT_ONLY_WORDS + 2) {
            intent = Intent.LEARNING_PATH; // "what's next for me?": short, and its one subject says it
        }
        boolean asks = text.strip().endsWith("?") || ProfileStatement.asksSomething(text.toLowerCase(Locale.ROOT));
        if ((s.cert() != null || s.code() != null) && intent != Intent.ABOUT_ME) {
            return Intent.CERT_DETAIL;
        }
        if (ProfileStatement.read(text).isPresent() || ProfileStatement.saysKnown(text)) {
            return Intent.ABOUT_ME;
        }
        if (!asks && STATEMENT_CUE.matcher(text.toLowerCase(Locale.ROOT)).find()
                && (s.occupation() != null || s.years() != null || s.level() != null || s.cloud() != null)) {
            return Intent.ABOUT_ME; // "former maths teacher looking to switch", "8 yrs as a backend dev, all on gcp"
        }
        if (s.namesAnotherRole() && subjects.contains(Intent.SALARY)) {
            // "how much do data analysts make", "how much does a data scientist earn": that role's pay, or
            // that the guides give none, whatever the neighbours say
            return Intent.SALARY;
        }
        if (intent == Intent.ABOUT_ME && asks) {
            return routing.second() == Intent.ABOUT_ME ? Intent.GENERAL : routing.second();
        }
        return intent;
    }

    /** Whether a salary question is about the person's own pay: "how much should I make?". */
    static boolean personal(String text) {
        return PERSONAL.matcher(text.toLowerCase(Locale.ROOT)).find();
    }

    /**
     * The answer to a question asked back ("Do you mean what senior ML engineers earn?"): "yes", "I meant
     * their salary", "in Europe", "the certs then", read as the proposed question with what the answer
     * adds. Null for what is a question of its own (it names an exam, a role, another subject).
     */
    private @Nullable Understanding answering(String text, Entities.Found found, Understanding alone, DialogueTurn last) {
        Slots named = found.slots();
        Intent subject = entities.subject(text);
        if (words(text) > ANSWER_WORDS || named.cert() != null || named.code() != null || named.occupation() != null
                || alone.intent() == Intent.OUT_OF_SCOPE && alone.confidence() >= SURE_OFF_TOPIC
                || subject != null && subject != Intent.SALARY && subject != Intent.CERT_ADVICE
                || subject == null && foreign(retriever.wording(text))) {
            return null; // "how many calories are in a banana" is not "yes"
        }
        Intent intent = subject != null ? subject : Intent.byId(last.intent()).orElse(Intent.GENERAL);
        Slots slots = Slots.fromMap(last.slots()).with(named.withAspect(null));
        return resolved(question(intent, slots, text, last), intent, slots, Understanding.FollowUp.SLOT, last);
    }
}
