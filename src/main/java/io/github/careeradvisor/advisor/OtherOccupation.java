package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;

/**
 * The reply for a role the guides do not cover (web developer, nurse, …): what the guides cannot say,
 * and what they do cover that helps someone in that role, never ML engineer figures as if they were
 * that role's.
 */
final class OtherOccupation {

    private OtherOccupation() {
    }

    static Answer reply(String occupation, Intent asked) {
        String plural = occupation.endsWith("s") ? occupation : occupation + "s";
        String what = switch (asked) {
            case SALARY -> "pay for " + plural;
            case CERT_ADVICE, CERT_DETAIL -> "certifications for " + plural;
            case LEARNING_PATH -> "a learning path for " + plural;
            default -> "advice for " + plural;
        };
        return Answer.message("My guides don't cover " + what + ": they are about becoming a machine-learning "
                        + "engineer, so I won't give ML engineer figures as if they were a " + occupation + "'s.",
                "What I can tell a " + occupation + ": how to move into ML (\"where do I start?\"), what ML "
                        + "engineers earn by level, and how the role differs from data scientist and AI engineer.");
    }
}
