package io.github.careeradvisor.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a person stands on the way to ML engineering. */
public enum Level {
    NEW_TO_TECH("new-to-tech", "new to tech", 0),
    STUDENT("student", "student", 0),
    CAREER_SWITCHER("career-switcher", "career switcher", 1),
    JUNIOR("junior", "junior", 1),
    MID("mid", "mid-level", 3),
    SENIOR("senior", "senior", 6);

    private final String id;
    private final String label;
    private final int typicalYears;

    Level(String id, String label, int typicalYears) {
        this.id = id;
        this.label = label;
        this.typicalYears = typicalYears;
    }

    /** The word used in commands and stored in the database, e.g. {@code career-switcher}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Years of relevant experience assumed when a person has not said. */
    public int typicalYears() {
        return typicalYears;
    }

    /** Reads what a person types after /level: the id or a common way of saying it. */
    public static Optional<Level> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replaceAll("\\s+", "-");
        return Optional.ofNullable(switch (t) {
            case "new-to-tech", "new", "beginner", "newbie", "none", "new-to-it" -> NEW_TO_TECH;
            case "student", "students", "studying" -> STUDENT;
            case "career-switcher", "switcher", "career-switch", "career-change", "changer" -> CAREER_SWITCHER;
            case "junior", "jr", "entry", "entry-level" -> JUNIOR;
            case "mid", "mid-level", "middle", "intermediate" -> MID;
            case "senior", "sr", "lead", "principal", "staff" -> SENIOR;
            default -> null;
        });
    }

    static Level fromId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown level '" + id + "'"));
    }
}
