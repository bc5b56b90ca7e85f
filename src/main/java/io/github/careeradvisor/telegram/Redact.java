package io.github.careeradvisor.telegram;

/** Takes the bot token out of any text bound for a log. */
final class Redact {

    private Redact() {
    }

    static String token(String text, String token) {
        String redacted = text.replace(token, "<token>");
        int colon = token.indexOf(':');
        // The secret half alone identifies the bot too.
        return colon > 0 ? redacted.replace(token.substring(colon + 1), "<token>") : redacted;
    }
}
