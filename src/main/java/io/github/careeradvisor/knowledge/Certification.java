package io.github.careeradvisor.knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One certification from {@code knowledge/certifications.json}, with its status as of a date. Values
 * the sources did not confirm are null (or say so in their text), never guessed.
 *
 * @param aliases other names people use for it ("PMLE", "ML specialty"), matched whole and exactly, so
 *     that one exam code is never read as another
 */
public record Certification(
        String id,
        String name,
        String provider,
        @Nullable String cloud,
        String level,
        @Nullable String examCode,
        @Nullable List<String> aliases,
        @Nullable String priceUsd,
        @Nullable Integer durationMinutes,
        String validity,
        String recommendedExperience,
        int minExperienceYears,
        String status,
        @Nullable LocalDate statusDate,
        @Nullable String successor,
        LocalDate asOf,
        List<String> focus,
        String source,
        String confidence) {

    static final Set<String> STATUSES = Set.of("active", "retiring", "retired");
    static final Set<String> CLOUDS = Set.of("aws", "gcp", "azure");

    public Certification {
        focus = List.copyOf(focus);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status '" + status + "' is not one of " + STATUSES);
        }
        if (cloud != null && !CLOUDS.contains(cloud)) {
            throw new IllegalArgumentException("cloud '" + cloud + "' is not one of " + CLOUDS + " or null");
        }
        if (!"active".equals(status) && statusDate == null) {
            throw new IllegalArgumentException("a " + status + " certification needs its statusDate");
        }
        if (minExperienceYears < 0) {
            throw new IllegalArgumentException("minExperienceYears " + minExperienceYears + " is negative");
        }
    }

    /** Whether a person can still book the exam on {@code day}. */
    public boolean availableOn(LocalDate day) {
        return switch (status) {
            case "active" -> true;
            case "retiring" -> statusDate != null && !day.isAfter(statusDate);
            default -> statusDate != null && day.isBefore(statusDate);
        };
    }
}
