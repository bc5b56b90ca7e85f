package io.github.careeradvisor.chart;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A person's way along the learning roadmap: every topic in the roadmap's order, by stage, with where
 * they are on it, and how many are done.
 *
 * @param topics the roadmap's topics in order
 * @param startWith the topic to take up next, or null if none is left
 */
public record ProgressChart(List<Topic> topics, @Nullable String startWith, String caption) implements Chart {

    /** Where a person is on one topic. */
    public enum State {
        DONE, LEARNING, SKIPPED, TO_DO;

        /** "done", "learning", "skipped", "to do". */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One topic.
     *
     * @param stage 1 for a topic that needs none before it, else one more than the latest stage it needs
     */
    public record Topic(String title, int stage, State state) {
        public Topic {
            if (title.isBlank() || stage < 1) {
                throw new IllegalArgumentException("a roadmap topic needs a title and a stage from 1, got '" + title
                        + "' at stage " + stage);
            }
        }
    }

    public ProgressChart {
        topics = List.copyOf(topics);
        caption = Chart.checkedCaption(caption);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a progress chart needs the roadmap's topics");
        }
    }

    public long count(State state) {
        return topics.stream().filter(t -> t.state() == state).count();
    }

    /** "3 of 12 topics done", or for someone who has not started, "0 of 12 topics done — start with Python". */
    public String headline() {
        String done = count(State.DONE) + " of " + topics.size() + " topics done";
        return startWith != null && count(State.DONE) == 0 ? done + " — start with " + startWith : done;
    }

    @Override
    public int height() {
        return 260 + 64 * topics.size();
    }
}
