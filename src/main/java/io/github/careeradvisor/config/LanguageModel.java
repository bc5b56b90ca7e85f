package io.github.careeradvisor.config;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI-compatible endpoint that phrases answers when {@code ADVISOR_LLM_URL} is set (README, "Use a
 * language model").
 *
 * @param url the API's base URL, e.g. {@code http://localhost:11434/v1}, without a trailing slash
 * @param apiKey the bearer key, or null for an endpoint that needs none; never printed
 * @param timeoutSeconds the most one whole reply may take before the extractive answer is used
 */
public record LanguageModel(URI url, String model, @Nullable String apiKey, int timeoutSeconds) {

    public LanguageModel {
        if (model.isBlank()) {
            throw new IllegalArgumentException("a language model needs a name");
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeout " + timeoutSeconds + " s is under a second");
        }
    }

    @Override
    public String toString() {
        // The key is a secret: it never appears in a log line or an error.
        return "LanguageModel[url=" + url + ", model=" + model + ", apiKey=" + (apiKey == null ? "unset" : "set")
                + ", timeoutSeconds=" + timeoutSeconds + "]";
    }
}
