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
    /** A working life: more years of experience than this is a slip, not a background. */
    public static final int MAX_YEARS = 60;

    public Profile {
        progress = Map.copyOf(progress);
        if (hoursPerWeek != null && (hoursPerWeek < 1 || hoursPerWeek > MAX_HOURS)) {
            throw new IllegalArgumentException("hours per week " + hoursPerWeek + " is not between 1 and " + MAX_HOURS);
        }
        if (experienceYears != null && (experienceYears < 0 || experienceYears > MAX_YEARS)) {
            throw new IllegalArgumentException("years of experience " + experienceYears + " is not between 0 and "
                    + MAX_YEARS);
        }
    }

    public static Profile empty(long userId) {
        return new Profile(userId, null, null, null, null, null, null, Map.of());
    }

    public boolean isEmpty() {
        return level == null && background == null && experienceYears == null && goal == null && cloud == null
                && hoursPerWeek == null && progress.isEmpty();
    }

    /** The same person as said in this conversation: a level and years named there count over the stored ones. */
    public Profile asSaid(@Nullable Level saidLevel, @Nullable Integer saidYears) {
        return new Profile(userId, saidLevel != null ? saidLevel : level, background,
                saidYears != null ? saidYears : experienceYears, goal, cloud, hoursPerWeek, progress);
    }

    /** The same person with other progress (what "after those topics" would be). */
    public Profile withProgress(Map<String, TopicStatus> newProgress) {
        return new Profile(userId, level, background, experienceYears, goal, cloud, hoursPerWeek, newProgress);
    }

    public @Nullable TopicStatus status(String topicId) {
        return progress.get(topicId);
    }
}
