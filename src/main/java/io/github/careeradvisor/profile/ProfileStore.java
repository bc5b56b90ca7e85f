package io.github.careeradvisor.profile;

import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Where profiles live. Each call is one transaction and touches one person's data only; there is no
 * call that reads or changes another person's profile. A server database can replace SQLite behind it.
 */
public interface ProfileStore extends AutoCloseable {

    /** The person's profile; an empty one if nothing is stored. */
    Profile load(long userId);

    void setLevel(long userId, Level level);

    void setCloud(long userId, Cloud cloud);

    void setGoal(long userId, String goal);

    void setHours(long userId, int hoursPerWeek);

    void setBackground(long userId, String background, @Nullable Integer experienceYears);

    /** Years of experience said without a background ("8 yrs, all on GCP"). */
    void setExperience(long userId, int experienceYears);

    void setTopic(long userId, String topicId, TopicStatus status);

    /**
     * Reads the person's profile, applies {@code change} and stores what it changed, all in one
     * transaction (a sentence that says several things about the person is one write). Texts longer
     * than {@link Profile#MAX_TEXT} are cut.
     *
     * @return the profile as stored
     */
    Profile update(long userId, UnaryOperator<Profile> change);

    /** Deletes everything stored about the person; true if there was anything. */
    boolean forget(long userId);

    @Override
    void close();
}
