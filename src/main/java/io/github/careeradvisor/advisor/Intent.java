package io.github.careeradvisor.advisor;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What a message asks for; the ids are those of the router's examples in {@code advisor/intents.json}. */
enum Intent {
    SALARY("salary", "what ML engineers earn (\"How much does a junior ML engineer earn?\")"),
    CERT_ADVICE("cert_advice", "which certification to take (\"Which certification should I take for AWS?\")"),
    CERT_DETAIL("cert_detail", "the facts of one exam (\"How much does MLA-C01 cost?\")"),
    LEARNING_PATH("learning_path", "what to learn next (\"Where do I start?\")"),
    SKILLS("skills", "the skills an ML engineer needs (\"Which maths do I need?\")"),
    ROLE_COMPARISON("role_comparison", "how the role compares with others (\"ML engineer or data scientist?\")"),
    CAREER_LADDER("career_ladder", "the career ladder (\"What comes after senior?\")"),
    JOB_SEARCH("job_search", "landing a job (\"How do I get my first ML job?\")"),
    ABOUT_ME("about_me", null),
    GENERAL("general", null),
    SMALL_TALK("small_talk", null),
    OUT_OF_SCOPE("out_of_scope", null);

    private final String id;
    private final @Nullable String offer;

    Intent(String id, @Nullable String offer) {
        this.id = id;
        this.offer = offer;
    }

    /** What a question asked back offers for this intent, with an example; null where there is nothing to offer. */
    @Nullable String offer() {
        return offer;
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
