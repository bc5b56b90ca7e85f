package io.github.careeradvisor.advisor;

import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a person says about themselves in a plain sentence, where it is unambiguous. Read two ways:
 * {@link #read} strictly, for a sentence that starts with "I" or "my" ("I'm a Java developer with 5
 * years of experience", "I already know Python and SQL"); {@link #loose} for one the router took as
 * being about the person, in any wording ("senior data engineer, 8 years, mostly Google Cloud",
 * "python and sql are already in my toolbox"). A sentence that asks something is never a statement.
 */
record ProfileStatement(@Nullable Level level, @Nullable String background, @Nullable Integer years,
        @Nullable Cloud cloud, @Nullable Integer hours, @Nullable String goal, Set<String> knownTopics) {

    /** About the person themselves: "my brother is a nurse" is not. */
    private static final Pattern STATEMENT = Pattern.compile(
            "^(i|i'm|im|i am|i've|ive|i have|my (goal|background|experience|level|job|role|current|cloud|plan))\\b.*");
    /**
     * A sentence that also asks something is a question: it is answered, not stored. "Who" asks only where
     * a clause begins: after a noun it says who ("a nurse who wants to move into ML").
     */
    private static final Pattern QUESTION = Pattern.compile(
            "\\b(what|how|which|where|when|why|should i|can i|do i|could you|tell me)\\b"
                    + "|(?:^|[,;:.!?]\\s*|\\b(?:and|but|so|or)\\s+)who\\b");
    /**
     * Where a sentence about oneself ends and a question begins: "I'm a data engineer with 8 years on GCP,
     * which certification should I take?".
     */
    private static final Pattern THEN_ASKS = Pattern.compile("(?:[,;:.!]+|\\s+[-\u2013\u2014]+)\\s+(?:so\\s+|and\\s+|but\\s+)?"
            + "(?=(?:what|which|how|where|when|why|should|can|could|do|does|is|are|will|would|any)\\b)");
    /** A word that turns a sentence about oneself around: "I don't know Python", "I'm not a student anymore". */
    private static final Pattern NEGATION = Pattern.compile("\\b(?:not|no|never|none|nor|without|anymore|dont|cant|"
            + "isnt|arent|wasnt|havent|hasnt|wont)\\b|n't\\b");
    private static final Pattern YEARS = Entities.YEARS;
    private static final Pattern HOURS = Pattern.compile("\\b(\\d{1,2}) (?:hours?|hrs?|h) (?:a|per|each|every) week\\b");
    private static final Pattern ROLE = Pattern.compile("\\b(?:i'm|im|i am|i work as|working as)\\s+(?:an?\\s+)?"
            + "((?:[a-z+#.]+\\s+){0,3}?(?:developer|engineer|programmer|analyst|scientist|student|architect|"
            + "administrator|tester|designer|manager))\\b");
    /** Words that say a skill is already had, anywhere in a sentence about oneself. */
    private static final Pattern KNOWING = Pattern.compile(
            "\\b(already|know|known|toolbox|familiar|comfortable|fluent|experienced in|good at|have learned|learned)\\b");
    private static final Pattern KNOW = Pattern.compile("\\bi (?:already )?(?:know|have learned|learned|am good at|can use)\\s+(.+)$");
    /** The person's own casing of a match in the lower-cased text, when lower-casing kept every index. */
    private static String asWritten(String cased, String lower, int start, String match) {
        return cased.length() == lower.length() ? cased.substring(start, start + match.length()) : match;
    }

    private static final Pattern CLOUD = Pattern.compile("\\b(?:use|prefer|work (?:with|on|in)|like|on)\\s+"
            + "(aws|amazon web services|gcp|google cloud|azure|microsoft azure)\\b");
    private static final Pattern GOAL = Pattern.compile("\\b(?:my goal is(?: to)?|(?:i want|i'd like|i would like|i plan|"
            + "who wants|who would like|who'd like|and want|wanting|hoping) to)\\s+"
            + "((?:become|be|work|get|land|move|switch|join|build)\\b.{3,190})$");

    /** Words for roadmap topics a person may say they know, each matched as a whole word. */
    private static final Map<Pattern, String> TOPIC_WORDS = topicWords(
            "python", "python", "sql", "data-sql", "databases", "data-sql", "statistics", "statistics",
            "stats", "statistics", "linear algebra", "math", "calculus", "math", "math", "math", "maths", "math",
            "mathematics", "math", "spark", "big-data", "hadoop", "big-data", "deep learning", "deep-learning",
            "tensorflow", "deep-learning", "pytorch", "deep-learning", "keras", "deep-learning",
            "machine learning", "ml-algorithms", "scikit-learn", "ml-algorithms", "git", "software-engineering",
            "software engineering", "software-engineering", "docker", "deployment", "kubernetes", "deployment",
            "mlops", "deployment");
    /** "me", "my", "i've": a sentence that speaks of the person. */
    private static final Pattern FIRST_PERSON = Pattern.compile("\\b(i|i'm|im|i've|ive|me|my|mine)\\b");

    /** Word, topic, word, topic…: each word compiled once, in order. */
    private static Map<Pattern, String> topicWords(String... pairs) {
        Map<Pattern, String> words = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            words.put(Pattern.compile("\\b" + Pattern.quote(pairs[i]) + "\\b"), pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(words);
    }

    /**
     * Whether a sentence that asks nothing says the person already has some roadmap topics: "python and
     * sql are already in my toolbox", "comfortable with stats and git by now, me".
     */
    static boolean saysKnown(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
        return !t.endsWith("?") && !asksSomething(t) && KNOWING.matcher(t).find() && FIRST_PERSON.matcher(t).find()
                && TOPIC_WORDS.keySet().stream().anyMatch(p -> p.matcher(t).find());
    }

    ProfileStatement {
        knownTopics = Set.copyOf(knownTopics);
    }

    boolean isEmpty() {
        return level == null && background == null && years == null && cloud == null && hours == null
                && goal == null && knownTopics.isEmpty();
    }

    /**
     * The part of a sentence about oneself before the goal it names: "I'm a nurse who wants to become an ML
     * engineer" is a nurse's, so the occupation is looked for in "I'm a nurse"; the whole text when it names
     * no goal.
     */
    static String beforeGoal(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        Matcher g = GOAL.matcher(lower);
        return g.find() && lower.length() == text.length() ? text.substring(0, g.start()) : text;
    }

    /**
     * The sentence about oneself a question begins with ("I'm a data engineer with 8 years on GCP" of "…,
     * which certification should I take?"), and the question, as written; empty when the text does not
     * begin with one.
     */
    static Optional<Told> toldBefore(String text) {
        String t = text.strip().replace('\u2019', '\'');
        String lower = t.toLowerCase(Locale.ROOT);
        Matcher asks = THEN_ASKS.matcher(lower);
        if (lower.length() != t.length() || !asks.find()) {
            return Optional.empty();
        }
        String before = lower.substring(0, asks.start());
        return STATEMENT.matcher(before).matches() && !asksSomething(before)
                ? Optional.of(new Told(t.substring(0, asks.start()), t.substring(asks.end()))) : Optional.empty();
    }

    /** A sentence about oneself, and the question after it. */
    record Told(String statement, String question) {
    }

    /**
     * What a sentence about oneself before a question ({@link #toldBefore}) says, more strictly than
     * {@link #loose}: nothing from a sentence with a negation in it ("I don't know Python, where do I
     * start?"), and the topics known and the cloud only as {@link #read} finds them ("I know …", "I use
     * …"), not from a word anywhere in it ("I want to know Docker", "torn between AWS and Azure").
     */
    static Optional<ProfileStatement> beforeQuestion(String statement, Entities.Found found) {
        if (NEGATION.matcher(statement.toLowerCase(Locale.ROOT).replace('\u2019', '\'')).find()) {
            return Optional.empty();
        }
        Optional<ProfileStatement> strict = read(statement);
        return loose(statement, found).map(s -> new ProfileStatement(s.level(), s.background(), s.years(),
                strict.map(ProfileStatement::cloud).orElse(null), s.hours(), s.goal(),
                strict.map(ProfileStatement::knownTopics).orElse(Set.of()))).filter(s -> !s.isEmpty());
    }

    /** Whether the lower-cased text asks something (what, how, should I …). */
    static boolean asksSomething(String lower) {
        return QUESTION.matcher(lower).find();
    }

    /**
     * What a message the router read as being about the person says, in any wording ("senior data
     * engineer, 8 years, mostly Google Cloud"): the occupation, level, years and cloud it names. Empty
     * when it asks something or names nothing to keep.
     */
    static Optional<ProfileStatement> loose(String text, Entities.Found found) {
        Optional<ProfileStatement> strict = read(text);
        String t = text.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
        if (t.endsWith("?") || asksSomething(t) || t.length() > 300) {
            return strict;
        }
        Slots s = found.slots();
        Level level = strict.map(ProfileStatement::level).orElse(null);
        String background = strict.map(ProfileStatement::background).orElse(null);
        if (background == null && s.occupation() != null) {
            // In the person's words ("backend dev"), with the level they gave it.
            String senior = s.level() == Level.SENIOR ? "senior " : s.level() == Level.JUNIOR ? "junior " : "";
            String said = found.occupationAsWritten() == null ? s.occupation() : found.occupationAsWritten();
            background = senior + said;
        }
        if (level == null) {
            if (s.occupation() != null && !s.occupationCovered()) {
                level = Level.CAREER_SWITCHER;
            } else if (s.level() != null && (s.occupation() != null || s.level() == Level.STUDENT
                    || s.level() == Level.NEW_TO_TECH || s.level() == Level.CAREER_SWITCHER)) {
                level = s.level();
            }
        }
        Integer years = strict.map(ProfileStatement::years).orElse(s.years());
        Cloud cloud = strict.map(ProfileStatement::cloud).orElse(null);
        // "work at Google" names an employer, not a cloud.
        if (cloud == null && s.cloud() != null && !t.matches(".*\\b(at|for|join|joining) (google|amazon|microsoft)\\b.*")) {
            cloud = s.cloud();
        }
        String goal = strict.map(ProfileStatement::goal).orElse(null);
        Integer hours = strict.map(ProfileStatement::hours).orElse(null);
        Set<String> known = new LinkedHashSet<>(strict.map(ProfileStatement::knownTopics).orElse(Set.of()));
        if (known.isEmpty() && KNOWING.matcher(t).find()) {
            // "python and sql are already in my toolbox"
            for (Map.Entry<Pattern, String> e : TOPIC_WORDS.entrySet()) {
                if (e.getKey().matcher(t).find()) {
                    known.add(e.getValue());
                }
            }
        }
        ProfileStatement statement = new ProfileStatement(level, background, years, cloud, hours, goal, known);
        return statement.isEmpty() ? Optional.empty() : Optional.of(statement);
    }

    /** Levels that cannot all be true of one person at once ("a senior student"). */
    static boolean contradictory(Set<Level> named) {
        boolean beginner = named.contains(Level.STUDENT) || named.contains(Level.NEW_TO_TECH);
        boolean experienced = named.contains(Level.SENIOR) || named.contains(Level.MID);
        return beginner && experienced || named.contains(Level.JUNIOR) && named.contains(Level.SENIOR);
    }

    /** What the sentence says about the person, if it is a statement about them at all. */
    static Optional<ProfileStatement> read(String text) {
        String cased = text.strip().replace('’', '\'').replaceAll("[.!]+$", "").replaceAll("\\s+", " ");
        String t = cased.toLowerCase(Locale.ROOT);
        if (t.endsWith("?") || !STATEMENT.matcher(t).matches() || t.length() > 300 || QUESTION.matcher(t).find()) {
            return Optional.empty();
        }
        String background = null;
        Level level = null;
        Matcher role = ROLE.matcher(t);
        if (role.find()) {
            background = role.group(1).strip();
            boolean ml = background.matches(".*\\b(ml|machine learning|ai)\\b.*");
            if (background.endsWith("student")) {
                level = Level.STUDENT;
            } else if (ml && background.matches(".*\\b(junior|jr)\\b.*")) {
                level = Level.JUNIOR;
            } else if (ml && background.matches(".*\\b(senior|sr|lead|principal|staff)\\b.*")) {
                level = Level.SENIOR;
            } else if (ml && background.matches(".*\\b(mid|mid-level)\\b.*")) {
                level = Level.MID;
            } else if (!ml) {
                level = Level.CAREER_SWITCHER;
            }
        }
        if (t.matches(".*\\b(new to (tech|programming|coding|it)|complete beginner|total beginner|never (coded|programmed))\\b.*")) {
            level = Level.NEW_TO_TECH;
        } else if (t.matches(".*\\b(switching careers?|changing careers?|career (switch|change|changer|switcher))\\b.*")) {
            level = Level.CAREER_SWITCHER;
        }
        Integer years = number(YEARS, t, 0, Profile.MAX_YEARS);
        Integer hours = number(HOURS, t, 1, Profile.MAX_HOURS); // "0 hours a week" is nothing to keep
        Cloud cloud = null;
        Matcher c = CLOUD.matcher(t);
        if (c.find()) {
            cloud = Cloud.parse(c.group(1)).orElse(null);
        }
        String goal = null;
        Matcher g = GOAL.matcher(t);
        if (g.find()) {
            goal = g.group(1).strip();
        }
        Set<String> known = new LinkedHashSet<>();
        Matcher k = KNOW.matcher(t);
        if (k.find()) {
            for (Map.Entry<Pattern, String> e : TOPIC_WORDS.entrySet()) {
                if (e.getKey().matcher(k.group(1)).find()) {
                    known.add(e.getValue());
                }
            }
        }
        // Matched in lower case, kept as the person wrote it ("Java developer", "work at Google").
        if (background != null) {
            background = asWritten(cased, t, role.start(1), role.group(1)).strip();
        }
        if (goal != null) {
            goal = asWritten(cased, t, g.start(1), g.group(1)).strip();
        }
        ProfileStatement statement = new ProfileStatement(level, background, years, cloud, hours, goal, known);
        return statement.isEmpty() ? Optional.empty() : Optional.of(statement);
    }

    private static @Nullable Integer number(Pattern pattern, String text, int min, int max) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return null;
        }
        int value = Integer.parseInt(m.group(1));
        return value >= min && value <= max ? value : null;
    }

    /** Each thing understood, for the confirmation. */
    List<String> understood() {
        List<String> parts = new ArrayList<>();
        if (background != null) {
            parts.add(background + (years == null ? "" : ", " + years + (years == 1 ? " year" : " years")));
        } else if (years != null) {
            parts.add(years + (years == 1 ? " year" : " years") + " of experience");
        }
        if (level != null) {
            parts.add("level: " + level.label());
        }
        if (cloud != null) {
            parts.add(cloud.label());
        }
        if (hours != null) {
            parts.add("time: " + hours + " hours a week");
        }
        if (goal != null) {
            parts.add("goal: " + goal);
        }
        return parts;
    }
}
