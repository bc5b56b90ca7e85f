package io.github.careeradvisor.advisor;

import java.util.Arrays;
import java.util.Optional;

/** What a message asks for; the ids are those of the router's examples in {@code advisor/intents.json}. */
enum Intent {
    SALARY("salary"),
    CERT_ADVICE("cert_advice"),
    CERT_DETAIL("cert_detail"),
    LEARNING_PATH("learning_path"),
    SKILLS("skills"),
    ROLE_COMPARISON("role_comparison"),
    CAREER_LADDER("career_ladder"),
    JOB_SEARCH("job_search"),
    ABOUT_ME("about_me"),
    GENERAL("general"),
    SMALL_TALK("small_talk"),
    OUT_OF_SCOPE("out_of_scope");

    private final String id;

    Intent(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static Optional<Intent> byId(String id) {
        return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst();
    }

    /** Whether answering it means searching the guides with the question's words. */
    boolean searchesGuides() {
        return switch (this) {
            case SKILLS, ROLE_COMPARISON, CAREER_LADDER, JOB_SEARCH, GENERAL -> true;
            default -> false;
        };
    }
}
