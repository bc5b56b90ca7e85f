package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.AnswerComposer;
import io.github.careeradvisor.knowledge.Certification;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.retrieval.HybridRetriever;
import io.github.careeradvisor.retrieval.Query;
import io.github.careeradvisor.retrieval.Retrieval;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Certification questions: which to take (for the person, with what they said in this conversation
 * over what their profile holds), and one certification's facts from the catalog, the aspect asked
 * about first: cost, exam length, validity, status, successor, experience.
 */
final class CertificationReplies {

    /** How many listed certifications "how much do they cost?" answers for. */
    static final int EACH_AT_MOST = 3;
    /** Whether certifications are worth having at all: the guides' view, not a pick for the person. */
    private static final Pattern WORTH = Pattern.compile(
            "\\b(worth|worthwhile|pays? off|valuable|(do|does) (employers|companies|recruiters|anyone) care)\\b");

    private final CertificationCatalog catalog;
    private final HybridRetriever retriever;
    private final AnswerComposer composer;
    private final Clock clock;

    CertificationReplies(CertificationCatalog catalog, HybridRetriever retriever, AnswerComposer composer, Clock clock) {
        this.catalog = catalog;
        this.retriever = retriever;
        this.composer = composer;
        this.clock = clock;
    }

    /** /certs: what fits the person's profile. */
    Answer forProfile(Profile profile) {
        return CertificationAdvice.advise(catalog, profile, null, LocalDate.now(clock));
    }

    Handled advice(Understanding u, Profile profile) {
        Slots s = u.slots();
        if (s.otherOccupation() && !Interpreter.personal(u.text())) {
            return Handled.of(OtherOccupation.reply(s.occupation(), Intent.CERT_ADVICE));
        }
        boolean forThem = Interpreter.personal(u.text()) || s.cloud() != null || s.level() != null || s.years() != null
                || profile.level() != null || profile.cloud() != null || profile.experienceYears() != null;
        if (namesProvider(u.text()) || s.aspect() != null || !forThem || worthAsked(u.text())) {
            // A provider that is not a cloud, one fact asked of certifications in general ("is there a
            // renewal discount?"), whether they are worth it, or nothing known of the person to fit them
            // to: what the guides say.
            return Handled.composed(composer, retriever.retrieve(u.query(), Set.of()));
        }
        Profile fitted = profile.asSaid(s.level(), s.years());
        LocalDate today = LocalDate.now(clock);
        List<String> ids = CertificationAdvice.picks(catalog, fitted, s.cloud(), today).stream()
                .map(Certification::id).toList();
        Handled handled = new Handled(CertificationAdvice.advise(catalog, fitted, s.cloud(), today), ids);
        return u.isFollowUp() && s.cloud() != null && !handled.answer().opensWith("For " + s.cloud().label() + ",")
                && !handled.answer().opensWith("Certifications") && !handled.answer().opensWith("None of")
                ? handled.withHeading("Certifications for " + s.cloud().label() + ":") : handled;
    }

    /** "Is a certification worth it?", "do employers care about certs?": whether, not which. */
    static boolean worthAsked(String text) {
        return WORTH.matcher(text.toLowerCase(Locale.ROOT)).find();
    }

    /** Whether the text names a provider that is not a cloud (NVIDIA, Databricks, IBM, INFORMS). */
    private boolean namesProvider(String text) {
        String lower = " " + Entities.words(text) + " ";
        return catalog.certifications().stream().filter(c -> c.cloud() == null)
                .map(c -> c.provider().split("[ ,(]")[0].toLowerCase(java.util.Locale.ROOT))
                .filter(p -> p.length() >= 3 && !p.equals("google"))
                .anyMatch(p -> lower.contains(" " + p + " "));
    }

    /**
     * "Which one first?" after a list of certifications: the first, with its facts. After exams asked about
     * one by one ("and the professional one?"), the one of the lowest level: an associate before a professional.
     */
    Handled first(Understanding u) {
        List<Certification> named = u.facts().stream().map(catalog::byId).flatMap(Optional::stream).toList();
        if (named.isEmpty()) {
            return Handled.composed(composer, retriever.retrieve(u.query(), Set.of()));
        }
        boolean compared = u.intent() == Intent.CERT_DETAIL && named.size() > 1;
        Certification c = compared ? named.stream().min(Comparator.comparingInt(CertificationAdvice::tier)).orElseThrow()
                : named.get(0);
        // The facts open with its name: the heading does not say it again.
        String heading = u.followUp() == Understanding.FollowUp.WHY
                ? (compared ? "This one first, and what it expects:" : "The first one, and what it expects:")
                : compared ? "Of those, start with this one:" : "Start with the first one:";
        return new Handled(facts(c, null).withHeading(heading), List.of(c.id()));
    }

    /** "How much does it cost?" after a list of certifications: that aspect of each one listed, a line each. */
    Handled each(Understanding u) {
        List<Certification> listed = u.facts().stream().map(catalog::byId).flatMap(Optional::stream)
                .limit(EACH_AT_MOST).toList();
        List<String> lines = new ArrayList<>();
        List<Answer.Citation> cited = new ArrayList<>();
        for (Certification c : listed) {
            Answer one = facts(c, u.slots().aspect());
            lines.add(((Answer.Paragraph) one.blocks().get(0)).text());
            cited.addAll(one.sources());
        }
        LocalDate asOf = listed.stream().map(Certification::asOf).max(LocalDate::compareTo).orElse(LocalDate.now(clock));
        Answer answer = new Answer(List.of(new Answer.Bullets(lines), confirmBeforeBooking(asOf)), cited, true);
        return new Handled(answer.withHeading(SalaryReplies.capitalise(aspectLabel(u.slots().aspect()))
                + " of each one listed:"), listed.stream().map(Certification::id).toList());
    }

    Handled detail(Understanding u) {
        // Several aspects at once ("how many questions, how long, how much"): the whole picture.
        Slots s = Entities.SEVERAL.equals(u.slots().aspect()) ? u.slots().withAspect(null) : u.slots();
        Optional<Certification> cert = s.cert() == null ? Optional.empty() : catalog.byId(s.cert());
        if (cert.isEmpty()) {
            if (s.code() == null) {
                return Handled.composed(composer, retriever.retrieve(u.query(), Set.of()));
            }
            // An exam code the catalog does not hold (AIP-C01): only what the guides say of that code,
            // never the facts of a code that looks like it.
            Retrieval naming = retriever.retrieveMentioning(u.query(), s.code());
            Answer answer = naming.relevant() ? composer.compose(naming) : Answer.message("My guides have no facts on "
                    + s.code() + ". Check the provider's exam page.");
            return Handled.of(answer.withHeading(s.code() + ":"));
        }
        Certification c = cert.get();
        boolean unknown = "cost".equals(s.aspect()) && c.priceUsd() == null
                || "duration".equals(s.aspect()) && c.durationMinutes() == null;
        if (unknown || "format".equals(s.aspect()) || s.aspect() == null && u.followUp() == Understanding.FollowUp.REFER) {
            // What the fact table has no field for, or leaves open: the certification guide's own words.
            Answer answer = composer.compose(aboutIt(c, u.query()));
            if ("format".equals(s.aspect())) {
                answer = answer.grounded() ? answer.followedBy(facts(c, "format")) : facts(c, "format");
            } else if (!answer.grounded()) {
                answer = facts(c, s.aspect()); // the guides are silent too: what the fact table says, open values included
            }
            return new Handled(headed(answer, c, s.aspect()), discussed(c, u));
        }
        Answer answer = facts(c, s.aspect());
        if (s.aspect() == null && !u.isFollowUp()) {
            // The guides' own word on it first ("the TensorFlow Developer Certificate closed …"), then the facts.
            Answer guide = composer.compose(aboutIt(c, u.query()));
            if (guide.grounded()) {
                List<Answer.Block> said = new ArrayList<>(List.of(guide.blocks().get(0)));
                if (guide.blocks().size() > 1 && guide.blocks().get(1) instanceof Answer.Bullets b) {
                    said.add(new Answer.Bullets(b.items().subList(0, 1)));
                }
                answer = new Answer(said, guide.sources(), true).followedBy(answer);
            }
        }
        return new Handled(u.isFollowUp() ? headed(answer, c, s.aspect()) : goneFirst(answer, c, s.aspect()),
                discussed(c, u));
    }

    /**
     * For a certification no longer bookable, that first, whatever was asked of it: its price or format
     * matters less than that nobody can sit it ("MLS-C01 (…) retired on March 31, 2026, no longer bookable.
     * MLS-C01 (…) costs $300 …"). Its status and successor, when asked, already say so; a reply
     * {@link #headed} says it in its heading.
     */
    private Answer goneFirst(Answer answer, Certification c, @Nullable String aspect) {
        String status = status(c, LocalDate.now(clock));
        return !gone(c, aspect) || answer.opening().startsWith(name(c)) && answer.opening().contains(status) ? answer
                : answer.withHeading(name(c) + " " + status + ".");
    }

    /** Whether {@code c} can no longer be booked and the aspect asked does not already say so. */
    private boolean gone(Certification c, @Nullable String aspect) {
        return !c.availableOn(LocalDate.now(clock)) && !"status".equals(aspect) && !"successor".equals(aspect);
    }

    /**
     * The certification answered about, then, after "and the professional one?", the ones the thread was
     * about before it: what "which first?" and "how much do they cost?" choose among next.
     */
    private List<String> discussed(Certification c, Understanding u) {
        if (u.followUp() != Understanding.FollowUp.SLOT) {
            return List.of(c.id());
        }
        List<String> ids = new ArrayList<>(List.of(c.id()));
        u.facts().stream().filter(f -> !f.equals(c.id()) && catalog.byId(f).isPresent()).limit(EACH_AT_MOST - 1)
                .forEach(ids::add);
        return ids;
    }

    /**
     * "MLS-C01, price:" before an answer that does not begin by naming the certification itself; for one no
     * longer bookable, that first and the aspect after it ("MLS-C01 (…) retired on March 31, 2026, no longer
     * bookable. Its exam format: …"), so its name is said once.
     */
    private Answer headed(Answer answer, Certification c, @Nullable String aspect) {
        if (gone(c, aspect)) {
            return answer.withHeading(name(c) + " " + status(c, LocalDate.now(clock)) + "."
                    + (aspect == null ? "" : " Its " + aspectLabel(aspect) + ":"));
        }
        return answer.opensWith(name(c)) ? answer : answer.withHeading(name(c) + ", " + aspectLabel(aspect) + ":");
    }

    /**
     * What the guides say of this certification: passages naming its exam code first, any passage else.
     * Searched with the question's own vector (it names the certification, or a follow-up's rewritten
     * question does), so no second embedding.
     */
    private Retrieval aboutIt(Certification c, Query query) {
        if (c.examCode() != null) {
            Retrieval naming = retriever.retrieveMentioning(query, c.examCode());
            if (naming.relevant()) {
                return naming;
            }
        }
        return retriever.retrieve(query, Set.of());
    }

    /** The catalog's facts on one certification, the aspect asked about first. */
    Answer facts(Certification c, @org.jspecify.annotations.Nullable String aspect) {
        LocalDate today = LocalDate.now(clock);
        List<String> lines = new ArrayList<>();
        String lead = switch (aspect == null ? "" : aspect) {
            case "cost" -> c.priceUsd() == null ? "The price of " + name(c) + " is unconfirmed in the fact table."
                    : name(c) + " costs " + c.priceUsd() + ".";
            case "duration" -> c.durationMinutes() == null ? "The fact table does not confirm how long the " + name(c)
                    + " exam is." : "The " + name(c) + " exam takes " + c.durationMinutes() + " minutes.";
            case "validity" -> name(c) + " is valid for: " + CertificationAdvice.sentenceCase(c.validity()) + ".";
            case "experience" -> name(c) + " expects: " + CertificationAdvice.sentenceCase(c.recommendedExperience()) + ".";
            case "successor" -> c.successor() == null ? name(c) + " has no successor: it is " + status(c, today) + "."
                    : name(c) + "'s successor: " + CertificationAdvice.successor(c) + ".";
            default -> name(c) + (aspect == null ? ", " + c.provider() + " " + c.level() : "") + ": "
                    + status(c, today) + ".";
        };
        if (!"cost".equals(aspect) && c.priceUsd() != null) {
            lines.add("Price: " + c.priceUsd());
        }
        if (!"duration".equals(aspect) && c.durationMinutes() != null) {
            lines.add("Exam: " + c.durationMinutes() + " minutes");
        }
        if (!"status".equals(aspect) && aspect != null && !"successor".equals(aspect)) {
            lines.add("Status: " + status(c, today));
        }
        if (c.successor() != null && !"successor".equals(aspect)) {
            lines.add("Successor: " + CertificationAdvice.successor(c));
        }
        if (aspect == null) {
            lines.add("Valid: " + CertificationAdvice.sentenceCase(CertificationAdvice.brief(c.validity())));
            lines.add("Experience: " + CertificationAdvice.sentenceCase(CertificationAdvice.brief(c.recommendedExperience())));
        }
        List<Answer.Block> blocks = new ArrayList<>();
        blocks.add(new Answer.Paragraph(lead));
        if (!lines.isEmpty()) {
            blocks.add(new Answer.Bullets(lines.subList(0, Math.min(4, lines.size()))));
        }
        blocks.add(confirmBeforeBooking(c.asOf()));
        return new Answer(blocks, List.of(new Answer.Citation(CertificationAdvice.SOURCE_TITLE, c.name(),
                CertificationAdvice.SOURCE_FILE, 1.0)), true);
    }

    /** The line under every answer from the fact table: the facts' date, and where to check them. */
    private static Answer.Paragraph confirmBeforeBooking(LocalDate asOf) {
        return new Answer.Paragraph("As of " + CertificationAdvice.DATE.format(asOf)
                + ": confirm on the provider's page before you book.");
    }

    private static String status(Certification c, LocalDate today) {
        String date = c.statusDate() == null ? "" : CertificationAdvice.DATE.format(c.statusDate());
        return switch (c.status()) {
            // An active one's date is when its present form began (a launch, a new exam version), not when the
            // status was checked: the fact table's date, under every answer, says that.
            case "active" -> "active, you can book it" + (date.isEmpty() ? "" : " (in its present form since " + date + ")");
            case "retiring" -> c.availableOn(today) ? "retiring on " + date + ", still bookable until then"
                    : "retired on " + date;
            default -> c.availableOn(today) ? "retiring on " + date : "retired on " + date + ", no longer bookable";
        };
    }

    static String name(Certification c) {
        return c.examCode() != null ? c.examCode() + " (" + c.name() + ")" : c.name();
    }

    private static String aspectLabel(@org.jspecify.annotations.Nullable String aspect) {
        return switch (aspect == null ? "" : aspect) {
            case "cost" -> "price";
            case "duration" -> "exam length";
            case "validity" -> "validity";
            case "status" -> "status";
            case "successor" -> "successor";
            case "experience" -> "experience expected";
            case "format" -> "exam format";
            default -> "the facts";
        };
    }
}
