package io.github.careeradvisor.advisor;

import io.github.careeradvisor.knowledge.Roadmap;
import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.profile.TopicStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks what a person should learn next from the roadmap: topics not done or skipped whose
 * prerequisites are, topics being learned first, then ordered for the person's level, background and
 * goal. Pure logic over the person's profile.
 */
final class NextSteps {

    static final int MAX_TOPICS = 3;

    /** The topics to suggest, and how far along the person is. */
    record Plan(List<Roadmap.Topic> next, int done, int total) {
    }

    private static final Pattern SOFTWARE = Pattern.compile(
            "develop|engineer|programm|software|coder|backend|back-end|frontend|front-end|full.?stack");
    /** Goal words that pull topics forward, and which. */
    private static final Map<Pattern, Set<String>> GOAL_TOPICS = Map.of(
            Pattern.compile("deep|neural|nlp|vision|llm|genai|generative|language model"), Set.of("deep-learning"),
            Pattern.compile("data|sql|analytic|pipeline|spark|hadoop"), Set.of("data-sql", "big-data"),
            Pattern.compile("mlops|deploy|production|platform|cloud|infrastructure"), Set.of("deployment", "cloud"),
            Pattern.compile("job|hired|first role|interview|switch|career change"), Set.of("portfolio", "job-search"));

    private NextSteps() {
    }

    static Plan plan(Roadmap roadmap, Profile profile) {
        List<Roadmap.Topic> topics = roadmap.topics();
        int done = (int) topics.stream().filter(t -> profile.status(t.id()) == TopicStatus.DONE).count();
        List<Roadmap.Topic> open = new ArrayList<>();
        for (Roadmap.Topic t : topics) {
            TopicStatus status = profile.status(t.id());
            boolean finished = status == TopicStatus.DONE || status == TopicStatus.SKIPPED;
            boolean ready = t.prerequisites().stream().allMatch(p -> settled(profile.status(p)));
            if (!finished && ready) {
                open.add(t);
            }
        }
        open.sort(Comparator.comparingDouble(t -> priority(t, topics.indexOf(t), profile)));
        return new Plan(open.subList(0, Math.min(MAX_TOPICS, open.size())), done, topics.size());
    }

    /** A skipped prerequisite counts as settled: the person chose not to learn it here. */
    private static boolean settled(TopicStatus status) {
        return status == TopicStatus.DONE || status == TopicStatus.SKIPPED;
    }

    /** Lower comes first; the roadmap's own order is the base. */
    private static double priority(Roadmap.Topic topic, int index, Profile profile) {
        String id = topic.id();
        double score = index * 10;
        if (profile.status(id) == TopicStatus.LEARNING) {
            score -= 1000; // finish what you started
        }
        Level level = profile.level();
        String background = lower(profile.background());
        boolean experienced = level == Level.JUNIOR || level == Level.MID || level == Level.SENIOR;
        if (experienced || SOFTWARE.matcher(background).find()) {
            // Programmers likely have these; the maths and ML are what is new to them.
            if (id.equals("python") || id.equals("software-engineering")) {
                score += 60;
            }
            if (id.equals("math") || id.equals("statistics") || id.equals("ml-algorithms")) {
                score -= 15;
            }
        }
        if (level == Level.MID || level == Level.SENIOR) {
            if (id.equals("deployment") || id.equals("cloud")) {
                score -= 30;
            }
            if (id.equals("job-search")) {
                score += 40;
            }
        }
        String goal = lower(profile.goal());
        for (Map.Entry<Pattern, Set<String>> e : GOAL_TOPICS.entrySet()) {
            if (e.getValue().contains(id) && e.getKey().matcher(goal).find()) {
                score -= 35;
            }
        }
        if (id.equals("cloud") && profile.cloud() != null && profile.cloud() != Cloud.NONE) {
            score -= 20;
        }
        return score;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
