package io.github.careeradvisor.telegram;

/**
 * What the HTTP server hands a POST to the webhook's path (README, "Webhook mode"): the secret header as
 * sent and the raw body. Returns the HTTP status to answer with; 200 only once the update is stored, so
 * Telegram sends again what was not. Never throws: a fault is a status.
 */
public interface WebhookReceiver {

    /** Bodies over this many bytes are refused (413) before they are read: Telegram's updates are far smaller. */
    int MAX_BODY_BYTES = 1 << 20;

    /** The header Telegram sends the webhook's secret in. */
    String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    /**
     * @param secretHeader the value of {@link #SECRET_HEADER}, or null when the request had none
     * @param body the request body, at most {@link #MAX_BODY_BYTES}
     */
    int receive(@org.jspecify.annotations.Nullable String secretHeader, byte[] body);
}
