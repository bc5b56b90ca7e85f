package io.github.careeradvisor.advisor;

import io.github.careeradvisor.chart.PayChart;
import io.github.careeradvisor.chart.ProgressChart;
import io.github.careeradvisor.knowledge.PayScale;
import io.github.careeradvisor.knowledge.Roadmap;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.profile.TopicStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The charts of /salary and /progress, and of the {@code chart} command, built from the knowledge and a
 * profile: pay by level as the salary guide gives it, with the person's level highlighted, and their
 * way along the roadmap, with the topic to start with from the same plan as /next.
 */
public final class Pictures {

    private Pictures() {
    }

    /**
     * Every level's pay, {@code level}'s band highlighted (none if null); empty if the knowledge gives no
     * ranges by level.
     */
    public static Optional<PayChart> pay(PayScale scale, @Nullable Level level) {
        if (scale.bands().isEmpty()) {
            return Optional.empty();
        }
        PayScale.Band own = level == null ? null : scale.band(SalaryReplies.Band.of(level).title).orElse(null);
        String sources = String.join(", ", scale.sources()) + " (" + scale.file() + ")";
        String caption;
        if (own == null) {
            caption = "ML engineer pay by level, each source's range in " + PayScale.CURRENCY + ". Sources: " + sources
                    + "." + (level == null ? " Tell me your level with /level to see yours highlighted." : "");
        } else {
            String ranges = own.ranges().stream().map(r -> r.source() + " " + r.label())
                    .collect(Collectors.joining("; "));
            caption = own.title() + " ML engineer pay, your level (" + level.label() + "): " + ranges + " ("
                    + PayScale.CURRENCY + "). Sources: " + sources + ".";
        }
        return Optional.of(new PayChart(scale.file(), scale.bands(), own == null ? null : own.title(),
                SalaryReplies.capitalise(caption)));
    }

    /** The person's progress on every roadmap topic, a useful picture even before they started. */
    public static ProgressChart progress(Roadmap roadmap, Profile profile) {
        Map<String, Integer> stages = new HashMap<>();
        List<ProgressChart.Topic> topics = roadmap.topics().stream().map(t -> {
            int stage = 1 + t.prerequisites().stream().mapToInt(p -> stages.getOrDefault(p, 0)).max().orElse(0);
            stages.put(t.id(), stage);
            return new ProgressChart.Topic(t.title(), stage, state(profile.status(t.id())));
        }).toList();
        List<Roadmap.Topic> next = NextSteps.plan(roadmap, profile).next();
        String startWith = next.isEmpty() ? null : next.get(0).title();
        ProgressChart drafted = new ProgressChart(topics, startWith, "-");
        StringBuilder caption = new StringBuilder("Your learning path: " + drafted.headline() + ".");
        for (ProgressChart.State state : List.of(ProgressChart.State.LEARNING, ProgressChart.State.SKIPPED)) {
            if (drafted.count(state) > 0) {
                caption.append(" ").append(SalaryReplies.capitalise(state.label())).append(": ")
                        .append(drafted.count(state)).append(".");
            }
        }
        caption.append(next.isEmpty() || drafted.count(ProgressChart.State.DONE) == 0 ? ""
                : " Next: " + startWith + ".").append(" /next says what to learn; /done TOPIC marks one done.");
        return new ProgressChart(topics, startWith, caption.toString());
    }

    private static ProgressChart.State state(@Nullable TopicStatus status) {
        if (status == null) {
            return ProgressChart.State.TO_DO;
        }
        return switch (status) {
            case DONE -> ProgressChart.State.DONE;
            case LEARNING -> ProgressChart.State.LEARNING;
            case SKIPPED -> ProgressChart.State.SKIPPED;
        };
    }
}
