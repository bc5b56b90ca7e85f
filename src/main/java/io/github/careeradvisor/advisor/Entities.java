package io.github.careeradvisor.advisor;

import io.github.careeradvisor.knowledge.Certification;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the things a message names, matched whole and exactly, never by likeness: certifications by
 * exam code, name or alias from the catalog (AIF-C01 is never AIP-C01), levels, years of experience,
 * clouds, places and occupations from {@value #RESOURCE}, and what about a certification is asked.
 */
final class Entities {

    static final String RESOURCE = "/advisor/entities.json";
    /** The aspect of a message that asks several things about a certification at once. */
    static final String SEVERAL = "several";
    /** The lexicon's name for the role the guides are about; other roles are compared with it. */
    static final String ML_ENGINEER = "ML engineer";

    /** Something that looks like an exam code: two or three letters, a dash, a letter or not, digits. */
    private static final Pattern EXAM_CODE = Pattern.compile("(?<![A-Za-z0-9-])([A-Za-z]{2,3})[- ]?([A-Za-z]?\\d{2,3})(?![A-Za-z0-9])");
    /** "8 years", "5+ yrs"; never an age ("25 years old"). */
    static final Pattern YEARS = Pattern.compile("\\b(\\d{1,2})\\+?\\s*(?:years?|yrs?)\\b(?!\\s+old)");


    /** Each level the message names, in the order they appear, and the other slots. */
    record Found(Slots slots, Set<Level> levels, int aspects, @Nullable String occupationAsWritten) {
    }

    private final Lexicon certs;
    /** Names of exams the catalog does not hold, by their code ("AWS Generative AI Developer" is AIP-C01). */
    private final Lexicon unlisted;
    private final Set<String> knownCodes = new LinkedHashSet<>();
    private final Lexicon levels;
    private final Lexicon clouds;
    private final Lexicon regions;
    private final List<Lexicon.Term> occupationTerms;
    private final Lexicon occupations;
    private final Set<String> covered = new LinkedHashSet<>();
    private final Lexicon aspects;
    /** The aspects in the file's order: where a message names several, the first of these wins. */
    private final List<String> aspectOrder = new ArrayList<>();
    private final Lexicon subjects;
    private final Lexicon pronouns;
    private final Lexicon anyLevel;
    private final Map<String, Set<String>> wholeMessages = new java.util.HashMap<>();
    private final List<String> connectors = new ArrayList<>();
    private final Pattern fillers;
    private final Pattern tails;

    Entities(CertificationCatalog catalog) {
        List<Lexicon.Term> certTerms = new ArrayList<>();
        for (Certification c : catalog.certifications()) {
            List<String> names = new ArrayList<>(c.aliases());
            names.add(c.name());
            if (c.examCode() != null) {
                names.add(c.examCode());
                knownCodes.add(normaliseCode(c.examCode()));
            }
            for (String name : names) {
                certTerms.add(Lexicon.term(name, c.id(), name.length() <= 3));
            }
        }
        certs = new Lexicon(certTerms);
        Map<String, Object> root = JsonResource.read(RESOURCE);
        List<Lexicon.Term> unlistedTerms = new ArrayList<>();
        JsonResource.object(root, "unlistedExams").forEach((code, names) ->
                JsonResource.strings(names).forEach(w -> unlistedTerms.add(Lexicon.term(w, code, false))));
        unlisted = new Lexicon(unlistedTerms);
        levels = new Lexicon(terms(JsonResource.object(root, "levels")));
        clouds = new Lexicon(terms(JsonResource.object(root, "clouds")));
        regions = new Lexicon(terms(JsonResource.object(root, "regions")));
        aspects = new Lexicon(terms(JsonResource.object(root, "aspects")));
        aspectOrder.addAll(JsonResource.object(root, "aspects").keySet());
        List<Lexicon.Term> jobs = new ArrayList<>();
        JsonResource.object(root, "occupations").forEach((name, value) -> {
            Map<String, Object> occupation = JsonResource.object(value);
            if (Boolean.TRUE.equals(occupation.get("covered"))) {
                covered.add(name);
            }
            JsonResource.strings(occupation, "words").forEach(w -> jobs.add(Lexicon.term(w, name, false)));
        });
        jobs.sort(Comparator.comparingInt(Lexicon.Term::length).reversed());
        occupationTerms = jobs;
        occupations = new Lexicon(jobs);
        subjects = new Lexicon(terms(JsonResource.object(root, "subjects")));
        Map<String, Object> cues = JsonResource.object(root, "followUps");
        List<Lexicon.Term> pointers = new ArrayList<>();
        JsonResource.strings(cues, "pronouns").forEach(w -> pointers.add(Lexicon.term(w, "it", false)));
        pronouns = new Lexicon(pointers);
        List<Lexicon.Term> widening = new ArrayList<>();
        JsonResource.strings(cues, "anyLevel").forEach(w -> widening.add(Lexicon.term(w, "any level", false)));
        anyLevel = new Lexicon(widening);
        for (String kind : List.of("more", "why", "first", "reset")) {
            Set<String> phrases = new java.util.HashSet<>();
            JsonResource.strings(cues, kind).forEach(w -> phrases.add(words(w)));
            wholeMessages.put(kind, phrases);
        }
        JsonResource.strings(cues, "connectors").forEach(w -> connectors.add(words(w)));
        connectors.sort(Comparator.comparingInt(String::length).reversed());
        fillers = Pattern.compile("^(?:(?:" + alternatives(JsonResource.strings(cues, "fillers")) + ")\\b[\\s,.!:;-]*)+");
        tails = Pattern.compile("(?:[\\s,]+(?:" + alternatives(JsonResource.strings(cues, "tails")) + "))+(?=[\\s?!.]*$)");
    }

    /** Compiles every pattern the lexicons compile when first needed (see {@link Lexicon}): for a warm-up. */
    void compileAll() {
        lexicons().forEach(Lexicon::compileAll);
        occupationTerms.forEach(Lexicon.Term::pattern);
    }

    /** Every group of phrases this reads a message with (for tests). */
    List<Lexicon> lexicons() {
        return List.of(certs, unlisted, levels, clouds, regions, occupations, aspects, subjects, pronouns, anyLevel);
    }

    private static String alternatives(List<String> phrases) {
        List<String> quoted = new ArrayList<>();
        phrases.forEach(p -> quoted.add(Pattern.quote(p)));
        quoted.sort(Comparator.comparingInt(String::length).reversed());
        return String.join("|", quoted);
    }

    /**
     * The message without what only keeps a conversation going: "ok so", "hmm, wait" in front, "tho"
     * or "please" at the end. What is left is what it asks; a message of nothing else stays as it is.
     */
    String withoutFillers(String message) {
        String lower = message.toLowerCase(Locale.ROOT).replace('’', '\'');
        Matcher front = fillers.matcher(lower);
        int start = front.lookingAt() ? front.end() : 0;
        Matcher end = tails.matcher(lower);
        int stop = end.find(start) ? end.start() : message.length();
        String core = message.substring(start, Math.max(start, stop)).strip();
        if (stop < message.length()) {
            core = core + message.substring(stop).replaceAll("[^?!.]", "");
        }
        return wordCount(core) == 0 ? message : core;
    }

    /** The message reduced to its words: lower case, no punctuation, single spaces. */
    static String words(String text) {
        return NOT_WORD.matcher(text.toLowerCase(Locale.ROOT).replace('’', '\'')).replaceAll(" ").strip();
    }

    /** Compiled once: a turn reduces its message to words many times. */
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}'+#-]+");
    private static final Pattern FILLER_FRONT = Pattern.compile("^(ok|okay|so|and|then|alright|right|hmm|but)\\s+");
    private static final Pattern FILLER_END = Pattern.compile("\\s+(then|now|please|again|exactly)$");

    static int wordCount(String text) {
        String w = words(text);
        return w.isEmpty() ? 0 : w.split(" ").length;
    }

    /** Whether the whole message is one of the follow-up phrases of {@code kind} (more, why, first, reset). */
    boolean isWhole(String kind, String message) {
        Set<String> phrases = wholeMessages.getOrDefault(kind, Set.of());
        String w = words(message);
        // "ok which should I do first", "so why?": a filler in front changes nothing.
        String bare = FILLER_END.matcher(FILLER_FRONT.matcher(w).replaceFirst("")).replaceFirst("");
        return phrases.contains(w) || phrases.contains(bare);
    }

    /**
     * The question with the occupation it names replaced by {@code replacement}: the role it compares against
     * ("ml engineer vs data scientist" becomes "ml engineer vs AI engineers"), else the ML engineer it asks
     * about ("is there demand for ML engineers?" becomes "is there demand for data scientists?"); null if it
     * names none.
     */
    @Nullable String replaceOccupation(String question, String replacement) {
        int[] mlEngineer = null;
        for (Lexicon.Term t : occupationTerms) {
            Matcher m = t.pattern().matcher(question);
            // The role the question compares against, not the ML engineer it starts from.
            while (m.find()) {
                if (!t.value().equals(ML_ENGINEER)) {
                    return question.substring(0, m.start()) + replacement + question.substring(m.end());
                }
                if (mlEngineer == null) {
                    mlEngineer = new int[] {m.start(), m.end()};
                }
            }
        }
        // Nothing compared: "is there demand for ML engineers?", then "and for data scientists?" asks the same
        // of them.
        return mlEngineer == null ? null
                : question.substring(0, mlEngineer[0]) + replacement + question.substring(mlEngineer[1]);
    }

    /**
     * The roles the guides cover that the text names besides ML engineers ("data scientist", "AI engineer"),
     * when it names ML engineers too: what a pay comparison compares them with. Empty otherwise.
     */
    Set<String> comparedWithMlEngineers(String text) {
        Set<String> named = new java.util.LinkedHashSet<>(occupations.values(text));
        if (!named.remove(ML_ENGINEER)) {
            return Set.of();
        }
        named.retainAll(covered);
        return named;
    }

    /** The content words of a question, for reading a follow-up with it: "what would it take to reach senior?" is "take reach senior". */
    static String gist(String question) {
        return java.util.Arrays.stream(words(question).split(" "))
                .filter(w -> (w.length() > 2 || GIST_SHORT.contains(w)) && !GIST_STOP.contains(w)).limit(8)
                .reduce((a, b) -> a + " " + b).orElse("");
    }

    /** Short words that carry the subject: "demand for ml engineers" is about ML, not about engineers. */
    private static final Set<String> GIST_SHORT = Set.of("ml", "ai", "uk", "eu");

    private static final Set<String> GIST_STOP = Set.of("what", "whats", "what's", "how", "does", "do", "did", "the",
            "and", "for", "you", "your", "can", "could", "would", "should", "will", "are", "is", "was", "were", "about",
            "with", "that", "this", "there", "which", "who", "why", "when", "where", "much", "many", "any", "some",
            "tell", "more", "get", "have", "has", "need", "want", "like", "into", "from", "its", "it's", "they", "them");

    /** The rest of a message that opens with "and", "what about" and the like, or null if it does not. */
    @Nullable String afterConnector(String message) {
        String w = words(message);
        for (String c : connectors) {
            if (w.startsWith(c + " ")) {
                return w.substring(c.length() + 1);
            }
        }
        return null;
    }

    /** Whether the message widens a pay question from one level to every level: "overall", "across all levels"... */
    boolean widensToAnyLevel(String message) {
        return !anyLevel.found(message).isEmpty();
    }

    /** Whether the message points back with "it", "that", "them"... */
    boolean refersBack(String message) {
        return !pronouns.found(message).isEmpty();
    }

    /** Every intent whose subject words the message has. */
    Set<Intent> subjects(String message) {
        Set<Intent> found = new LinkedHashSet<>();
        subjects.values(message).forEach(v -> Intent.byId(v).ifPresent(found::add));
        return found;
    }

    /** The intent the message's subject words name ("salary", "certification", "portfolio"), if any. */
    @Nullable Intent subject(String message) {
        String id = subjects.first(message);
        return id == null ? null : Intent.byId(id).orElse(null);
    }

    Found find(String message) {
        String text = message.replace('’', '\'');
        String cert = certs.first(text);
        String code = cert == null ? unlisted.first(text) : null;
        if (cert == null && code == null) {
            Matcher m = EXAM_CODE.matcher(text);
            while (m.find()) {
                String candidate = normaliseCode(m.group(1) + "-" + m.group(2));
                // Only what reads like a code: "AIP-C01", "aip-c01", "DP-100"; not "in 100 days" or "to 200".
                boolean lettered = Character.isLetter(m.group(2).charAt(0));
                boolean written = m.group(1).equals(m.group(1).toUpperCase(Locale.ROOT))
                        && text.charAt(m.end(1)) == '-';
                if (!knownCodes.contains(candidate) && (lettered || written)
                        && candidate.matches("[A-Z]{2,3}-[A-Z]\\d{2}|[A-Z]{2}-\\d{3}")) {
                    code = candidate;
                    break;
                }
            }
        }
        Set<Level> named = new LinkedHashSet<>();
        levels.values(text).forEach(v -> Level.parse(v).ifPresent(named::add));
        Level level = named.isEmpty() ? null : named.iterator().next();
        String job = occupations.first(text);
        String cloud = clouds.first(text);
        Set<String> asked = new LinkedHashSet<>();
        Set<String> namedAspects = aspects.values(text);
        aspectOrder.stream().filter(namedAspects::contains).forEach(asked::add);
        // "how many questions, how long, how much": several aspects at once are the whole picture.
        // "how long" is the vaguest ("how long is it valid?" asks about validity): it gives way to any other.
        if (asked.size() == 2 && asked.remove("duration")) {
            asked = Set.copyOf(asked);
        }
        String aspect = asked.isEmpty() ? null : asked.size() == 1 ? asked.iterator().next() : SEVERAL;
        Slots slots = new Slots(level, years(text), cloud == null ? null : Cloud.parse(cloud).orElse(null),
                regions.first(text), cert, code, job, job != null && covered.contains(job), aspect);
        return new Found(slots, named, asked.size(), occupations.firstAsWritten(text));
    }

    private static @Nullable Integer years(String text) {
        Matcher m = YEARS.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return null;
        }
        int years = Integer.parseInt(m.group(1));
        return years <= io.github.careeradvisor.profile.Profile.MAX_YEARS ? years : null;
    }

    private static String normaliseCode(String code) {
        return code.toUpperCase(Locale.ROOT).replace(' ', '-');
    }


    /** Each group's phrases as terms named by the group, longest first. */
    private static List<Lexicon.Term> terms(Map<String, Object> groups) {
        List<Lexicon.Term> terms = new ArrayList<>();
        groups.forEach((name, phrases) -> JsonResource.strings(phrases).forEach(w -> terms.add(Lexicon.term(w, name,
                false))));
        terms.sort(Comparator.comparingInt(Lexicon.Term::length).reversed());
        return terms;
    }
}
