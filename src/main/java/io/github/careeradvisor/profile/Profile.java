package io.github.careeradvisor.profile;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the advisor knows about one person. Every field may be unknown; a person who never told
 * anything has an empty profile.
 *
 * @param progress roadmap topic id to status, for the topics the person marked
 */
public record Profile(
        long userId,
        @Nullable Level level,
        @Nullable String background,
        @Nullable Integer experienceYears,
        @Nullable String goal,
        @Nullable Cloud cloud,
        @Nullable Integer hoursPerWeek,
        Map<String, TopicStatus> progress) {

    public static final int MAX_TEXT = 200;
    public static final int MAX_HOURS = 80;

    public Profile {
        progress = Map.copyOf(progress);
        if (hoursPerWeek != null && (hoursPerWeek < 1 || hoursPerWeek > MAX_HOURS)) {
            throw new IllegalArgumentException("hours per week " + hoursPerWeek + " is not between 1 and " + MAX_HOURS);
        }
        if (experienceYears != null && (experienceYears < 0 || experienceYears > 60)) {
            throw new IllegalArgumentException("years of experience " + experienceYears + " is not between 0 and 60");
        }
    }

    public static Profile empty(long userId) {
        return new Profile(userId, null, null, null, null, null, null, Map.of());
    }

    public boolean isEmpty() {
        return level == null && background == null && experienceYears == null && goal == null && cloud == null
                && hoursPerWeek == null && progress.isEmpty();
    }

    public @Nullable TopicStatus status(String topicId) {
        return progress.get(topicId);
    }
}
