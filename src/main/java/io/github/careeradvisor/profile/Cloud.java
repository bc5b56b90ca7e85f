package io.github.careeradvisor.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The cloud a person works with or wants to, which decides the certifications that fit. */
public enum Cloud {
    AWS("aws", "AWS"),
    GCP("gcp", "Google Cloud"),
    AZURE("azure", "Azure"),
    NONE("none", "no preference");

    private final String id;
    private final String label;

    Cloud(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<Cloud> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return Optional.ofNullable(switch (t) {
            case "aws", "amazon", "amazon web services" -> AWS;
            case "gcp", "google", "google cloud", "google cloud platform" -> GCP;
            case "azure", "microsoft", "microsoft azure" -> AZURE;
            case "none", "no", "any", "no preference", "-" -> NONE;
            default -> null;
        });
    }

    static Cloud fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown cloud '" + id + "'"));
    }
}
