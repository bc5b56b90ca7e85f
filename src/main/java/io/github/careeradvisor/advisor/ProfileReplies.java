package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.knowledge.Roadmap;
import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.profile.ProfileStore;
import io.github.careeradvisor.profile.TopicStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The commands that read and change a person's own profile, and the sentences that tell about it. */
final class ProfileReplies {

    private final ProfileStore store;
    private final Roadmap roadmap;

    ProfileReplies(ProfileStore store, Roadmap roadmap) {
        this.store = store;
        this.roadmap = roadmap;
    }

    static final List<Answer.Choice> LEVEL_CHOICES = Arrays.stream(Level.values())
            .map(l -> new Answer.Choice(capitalise(l.label()), "/level " + l.id())).toList();
    static final List<Answer.Choice> CLOUD_CHOICES = Arrays.stream(Cloud.values())
            .map(c -> new Answer.Choice(c == Cloud.NONE ? "No cloud" : c.label(), "/cloud " + c.id())).toList();

    Answer show(long userId) {
        Profile p = store.load(userId);
        List<String> lines = new ArrayList<>();
        lines.add("Level: " + (p.level() == null ? "not set (/level)" : p.level().label()));
        lines.add("Background: " + (p.background() == null ? "not set (tell me, e.g. \"I'm a Java developer\")"
                : p.background() + (p.experienceYears() == null ? "" : ", " + years(p.experienceYears()))));
        lines.add("Goal: " + (p.goal() == null ? "not set (/goal …)" : p.goal()));
        lines.add("Cloud: " + (p.cloud() == null ? "not set (/cloud)" : p.cloud().label()));
        lines.add("Time: " + (p.hoursPerWeek() == null ? "not set (/hours N)" : p.hoursPerWeek() + " hours a week"));
        List<String> done = roadmap.topics().stream().filter(t -> p.status(t.id()) == TopicStatus.DONE)
                .map(Roadmap.Topic::title).toList();
        if (!done.isEmpty()) {
            lines.add("Done or known: " + String.join("; ", done));
        }
        List<Answer.Block> blocks = new ArrayList<>();
        blocks.add(new Answer.Paragraph("Your profile:"));
        blocks.add(new Answer.Bullets(lines));
        blocks.add(new Answer.Paragraph(progressLine(p)));
        blocks.add(new Answer.Paragraph("Change your level or cloud with the buttons (or /level, /cloud), and "
                + "delete everything with /forget."));
        List<Answer.Choice> choices = new ArrayList<>(LEVEL_CHOICES);
        choices.addAll(CLOUD_CHOICES);
        return new Answer(blocks, List.of(), false, choices);
    }

    String progressLine(Profile p) {
        List<String> ids = roadmap.ids();
        long done = ids.stream().filter(id -> p.status(id) == TopicStatus.DONE).count();
        List<String> learning = ids.stream().filter(id -> p.status(id) == TopicStatus.LEARNING).toList();
        String line = "Progress: " + done + " of " + ids.size() + " topics done";
        return line + (learning.isEmpty() ? "." : "; learning: " + String.join(", ", learning) + ".");
    }

    Answer level(long userId, String argument) {
        Optional<Level> level = Level.parse(argument);
        if (level.isEmpty()) {
            String prefix = argument.isBlank() ? "Which level are you? " : "I don't know the level '" + shorten(argument) + "'. ";
            return new Answer(List.of(new Answer.Paragraph(prefix + "Choose one: " + String.join(", ",
                    Arrays.stream(Level.values()).map(Level::id).toList()) + ".")), List.of(), false, LEVEL_CHOICES);
        }
        store.setLevel(userId, level.get());
        return Answer.message("Saved: your level is " + level.get().label() + ". Try /next or /certs.");
    }

    Answer cloud(long userId, String argument) {
        Optional<Cloud> cloud = Cloud.parse(argument);
        if (cloud.isEmpty()) {
            String prefix = argument.isBlank() ? "Which cloud do you use? " : "I don't know the cloud '" + shorten(argument) + "'. ";
            return new Answer(List.of(new Answer.Paragraph(prefix + "Choose aws, gcp, azure or none.")), List.of(), false,
                    CLOUD_CHOICES);
        }
        store.setCloud(userId, cloud.get());
        return Answer.message("Saved: your cloud is " + cloud.get().label() + ". Try /certs.");
    }

    Answer goal(long userId, String argument) {
        if (argument.isBlank()) {
            return Answer.message("Tell me your goal after the command, e.g. /goal ML engineer at a fintech startup.");
        }
        String goal = argument.length() > Profile.MAX_TEXT ? argument.substring(0, Profile.MAX_TEXT) : argument;
        store.setGoal(userId, goal);
        return Answer.message("Saved: your goal is \"" + goal + "\". Try /next.");
    }

    Answer hours(long userId, String argument) {
        try {
            int hours = Integer.parseInt(argument.strip().replaceAll("(?i)\\s*(h|hours?|hrs?)$", ""));
            if (hours >= 1 && hours <= Profile.MAX_HOURS) {
                store.setHours(userId, hours);
                return Answer.message("Saved: " + hours + " hours a week.");
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        return Answer.message("Give the hours you can spend a week as a number from 1 to " + Profile.MAX_HOURS
                + ", e.g. /hours 5.");
    }

    Answer mark(long userId, String argument, TopicStatus status) {
        String id = argument.strip().toLowerCase(Locale.ROOT);
        Optional<Roadmap.Topic> topic = roadmap.topic(id);
        String command = status == TopicStatus.DONE ? "/done" : status == TopicStatus.SKIPPED ? "/skip" : "/learning";
        if (topic.isEmpty()) {
            String prefix = id.isEmpty() ? "Which topic? " : "I don't know the topic '" + shorten(argument) + "'. ";
            return Answer.message(prefix + "Use " + command + " with one of: " + String.join(", ", roadmap.ids()) + ".");
        }
        return Answer.message(setStatus(userId, topic.get(), status),
                progressLine(store.load(userId)) + " See what comes next with /next.");
    }

    /** The topic named by {@code argument}, if the roadmap has it. */
    Optional<Roadmap.Topic> topic(String argument) {
        return roadmap.topic(argument.strip().toLowerCase(Locale.ROOT));
    }

    /** Stores the topic's status and says so in a sentence. */
    String setStatus(long userId, Roadmap.Topic topic, TopicStatus status) {
        store.setTopic(userId, topic.id(), status);
        return switch (status) {
            case DONE -> "Well done: " + topic.title() + " is marked done.";
            case SKIPPED -> "Skipped: " + topic.title() + ".";
            case LEARNING -> "Noted: you are learning " + topic.title() + ".";
        };
    }

    Answer forget(long userId) {
        boolean had = store.forget(userId);
        return Answer.message(had ? "Done: I deleted your profile, your progress and our conversations. I no longer "
                + "know anything about you."
                : "There was nothing stored about you, so there is nothing to delete.");
    }

    /** Saves what a sentence said and confirms it, so a misunderstanding is easy to spot and fix. */
    Answer apply(long userId, ProfileStatement s) {
        List<String> topics = new ArrayList<>();
        for (Roadmap.Topic topic : roadmap.topics()) {
            if (s.knownTopics().contains(topic.id())) {
                topics.add(topic.title());
            }
        }
        // Everything the sentence said, in one write.
        store.update(userId, p -> {
            Map<String, TopicStatus> progress = new java.util.HashMap<>(p.progress());
            roadmap.ids().stream().filter(s.knownTopics()::contains).forEach(id -> progress.put(id, TopicStatus.DONE));
            return new Profile(p.userId(),
                    s.level() != null ? s.level() : p.level(),
                    s.background() != null ? s.background() : p.background(),
                    s.years() != null ? s.years() : p.experienceYears(),
                    s.goal() != null ? s.goal() : p.goal(),
                    s.cloud() != null ? s.cloud() : p.cloud(),
                    s.hours() != null && s.hours() >= 1 ? s.hours() : p.hoursPerWeek(),
                    progress);
        });
        List<String> understood = new ArrayList<>(s.understood());
        if (!topics.isEmpty()) {
            understood.add("marked done: " + String.join(", ", topics));
        }
        return Answer.message("Noted: " + String.join("; ", understood) + ". /profile shows it; /forget removes it.");
    }

    private static String years(int years) {
        return years + (years == 1 ? " year" : " years");
    }

    private static String shorten(String text) {
        String t = text.strip();
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static Map<String, TopicStatus> statusCommands() {
        return Map.of("/done", TopicStatus.DONE, "/skip", TopicStatus.SKIPPED, "/learning", TopicStatus.LEARNING);
    }
}
