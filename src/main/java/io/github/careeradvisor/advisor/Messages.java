package io.github.careeradvisor.advisor;

/** What the advisor says when it is not quoting the knowledge. */
final class Messages {

    private Messages() {
    }

    static final String TOPICS = "salaries by level, the skills and maths you need, the learning path, "
            + "certifications (and which ones were retired), the career ladder from junior to executive, "
            + "how the role differs from data scientist and AI engineer, getting experience, networking, "
            + "and where ML engineers are hired";

    static final String EXAMPLES = "For example: \"How much does a junior ML engineer earn?\", "
            + "\"Which certification should I take for Google Cloud?\" or "
            + "\"How is an ML engineer different from a data scientist?\"";

    static final String WELCOME = "Hi! I'm a career advisor for people who want to become machine-learning "
            + "engineers. I answer from a set of guides, and I tell you where each answer comes from.";

    static final String DECLINE_OPENING = "Sorry, that is outside what I know.";
    static final String DECLINE_OFFER = "I can help with becoming a machine-learning engineer: " + TOPICS + ". "
            + EXAMPLES + ".";

    static final String ENGLISH_ONLY = "Sorry, I can only read questions in English: my guides are in English. "
            + EXAMPLES + ".";

    static final String COMMENT_TAKEN = "Thank you: I have noted what was missing for the people who keep my "
            + "guides. Ask me anything else whenever you like.";
    /** Asked once after a person's first 👎 on an answer. */
    static final String WHAT_WAS_MISSING = "Sorry that did not help. What were you looking for? Tell me in "
            + "a sentence and I will pass it on (or just ask your next question).";
    static final String EMPTY = "Please type a question. " + EXAMPLES + ".";

    /** After pay figures for someone whose conversation named {@code place} (not the US). */
    static String usFiguresOnly(String place) {
        return "Those figures are for the US, in dollars: the guides give none for " + place + ".";
    }

    static final String TRUNCATED = "(Your message was long, so I read only its first "
            + QuestionText.MAX_CHARS + " characters.)";

    static final String HELP = "Ask me anything about becoming a machine-learning engineer: " + TOPICS + ".";

    static final String COMMANDS = "Commands: /salary pay by level, /certs certifications for you, /next what to "
            + "learn next, /progress your learning path as a picture, /profile your profile, /remind a weekly "
            + "nudge (/remind fri 08:30 +02:00, /remind off), /new a new topic, /help this help.";

    static final String PROGRESS_PICTURE = "/progress shows your learning path as a picture.";

    static final String PROFILE_COMMANDS = "About you: /profile shows what I know, /level junior (or new-to-tech, "
            + "student, career-switcher, mid, senior), /cloud aws|gcp|azure|none, /goal TEXT, /hours N, "
            + "/done TOPIC and /skip TOPIC to track progress, /new to start a new topic, /forget to delete it all. You can also just tell me, "
            + "e.g. \"I'm a Java developer with 5 years of experience\".";


    static String unknownCommand(String command) {
        return "I don't know the command " + command + ". " + COMMANDS;
    }
}
