package io.github.careeradvisor.config;

import java.net.URI;

/**
 * Webhook mode (README, "Webhook mode"): the public https URL Telegram posts updates to, and the secret it
 * sends with each in {@code X-Telegram-Bot-Api-Secret-Token}. The secret never appears in {@link #toString()}.
 */
public record Webhook(URI url, String secret) {

    /** The path updates are posted to on {@code ADVISOR_HTTP_PORT}: the URL's, or {@code /} when it has none. */
    public String path() {
        String path = url.getPath(); // decoded, as the HTTP server matches it
        return path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public String toString() {
        return "Webhook[url=" + url + ", secret=set]";
    }
}
