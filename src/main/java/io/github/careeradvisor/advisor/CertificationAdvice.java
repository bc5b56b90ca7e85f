package io.github.careeradvisor.advisor;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.knowledge.Certification;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.Profile;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Recommends certifications from the catalog for one person: only those that can still be booked
 * today, matched to their cloud, level and experience. Retired ones are named only as retired, with
 * their successor. Pure logic over the catalog and the profile.
 */
final class CertificationAdvice {

    static final int MAX_RECOMMENDED = 3;
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);
    static final String SOURCE_TITLE = "Certification fact table";
    static final String SOURCE_FILE = "knowledge/" + CertificationCatalog.FILE;

    private CertificationAdvice() {
    }

    /**
     * The certifications to recommend, best first. A cloud asked about by name gets only its own, when it
     * has any that can be booked: "which certification for Google Cloud?" is not asking about IBM's.
     */
    static List<Certification> picks(CertificationCatalog catalog, Profile profile, @Nullable Cloud asked,
            LocalDate today) {
        Cloud cloud = asked != null ? asked : profile.cloud();
        boolean hasCloud = cloud != null && cloud != Cloud.NONE;
        int years = years(profile);
        int targetTier = tierFor(years);
        List<Certification> open = new ArrayList<>(catalog.availableOn(today));
        List<Certification> ofAsked = ofCloud(open, asked);
        if (!ofAsked.isEmpty()) {
            open = new ArrayList<>(ofAsked);
        }
        open.sort(Comparator.comparingDouble((Certification c) -> -score(c, hasCloud ? cloud : null, targetTier, years,
                profile.goal())));
        return List.copyOf(open.subList(0, Math.min(MAX_RECOMMENDED, open.size())));
    }

    /** Those of {@code certifications} that belong to {@code cloud}; none for no cloud. */
    private static List<Certification> ofCloud(List<Certification> certifications, @Nullable Cloud cloud) {
        if (cloud == null || cloud == Cloud.NONE) {
            return List.of();
        }
        return certifications.stream().filter(c -> cloud.id().equals(c.cloud())).toList();
    }

    /**
     * The years of experience the picks are fitted to: those the person said, else their level's usual ones. A
     * career switcher's, a student's or a newcomer's years are in another field ("backend developer, 5 years"):
     * their level says where they stand in ML.
     */
    private static int years(Profile profile) {
        Level level = profile.level();
        if (level == Level.CAREER_SWITCHER || level == Level.STUDENT || level == Level.NEW_TO_TECH) {
            return level.typicalYears();
        }
        return profile.experienceYears() != null ? profile.experienceYears() : level != null ? level.typicalYears() : 0;
    }

    private static int tierFor(int years) {
        return years < 1 ? 0 : years < 3 ? 1 : 2;
    }

    static Answer advise(CertificationCatalog catalog, Profile profile, @Nullable Cloud asked, LocalDate today) {
        Cloud cloud = asked != null ? asked : profile.cloud();
        boolean hasCloud = cloud != null && cloud != Cloud.NONE;
        int years = years(profile);
        int targetTier = tierFor(years);
        List<Certification> picked = picks(catalog, profile, asked, today);

        List<Answer.Block> blocks = new ArrayList<>();
        boolean onlyAsked = !picked.isEmpty() && ofCloud(picked, asked).size() == picked.size();
        // Why each one fits: not its cloud when that cloud was asked for by name, nor its level against a
        // person whose level nobody said.
        Cloud yours = hasCloud && asked == null ? cloud : null;
        boolean known = profile.level() != null || profile.experienceYears() != null;
        if (onlyAsked && picked.size() == 1) {
            // One to name: the answer and its facts in the first sentence, not its long name said twice.
            Certification only = picked.get(0);
            blocks.add(new Answer.Paragraph("For " + asked.label() + ", the certification you can book today is "
                    + only.name() + " (" + facts(only) + "."));
            String fit = fit(only, yours, targetTier, years, known);
            if (!fit.isEmpty()) {
                blocks.add(new Answer.Paragraph(fit));
            }
        } else {
            // A cloud asked by name is answered in the first sentence; otherwise the list says what it is fitted to.
            // A cloud asked by name with none of its own to book ("what about Azure?" after June 2026) says so
            // first: the list that follows is of other providers'.
            boolean noneOfAsked = asked != null && asked != Cloud.NONE && ofCloud(picked, asked).isEmpty();
            blocks.add(new Answer.Paragraph(onlyAsked ? lead(asked, picked)
                    : noneOfAsked ? "None of " + asked.label() + "'s ML certifications can be booked today (see below). "
                            + "These can, the best fit for you first:"
                    : intro(profile, hasCloud ? cloud : null)));
            List<String> items = new ArrayList<>();
            for (Certification c : picked) {
                items.add((c.name() + " (" + facts(c) + ". " + fit(c, yours, targetTier, years, known)).strip());
            }
            blocks.add(new Answer.Bullets(items));
        }
        String retired = retired(catalog, hasCloud ? cloud : null, today);
        if (!retired.isEmpty()) {
            blocks.add(new Answer.Paragraph(retired));
        }
        blocks.add(new Answer.Paragraph("Status and prices are as of " + DATE.format(catalog.asOf())
                + ": confirm both on the provider's page before you book."));
        List<Answer.Citation> sources = List.of(new Answer.Citation(SOURCE_TITLE, "", SOURCE_FILE, 1.0));
        return new Answer(blocks, sources, true);
    }

    /** The answer to "which certification for {@code cloud}?" in a sentence, the details below it. */
    private static String lead(Cloud cloud, List<Certification> picked) {
        return "For " + cloud.label() + ", " + picked.size() + " certifications can be booked today, the best fit "
                + "for you first:";
    }

    private static String intro(Profile profile, @Nullable Cloud cloud) {
        List<String> fit = new ArrayList<>();
        if (profile.level() != null) {
            fit.add(profile.level().label());
        }
        if (profile.experienceYears() != null) {
            int said = profile.experienceYears();
            fit.add(said + (said == 1 ? " year" : " years") + " of experience");
        }
        if (cloud != null) {
            fit.add(cloud.label());
        }
        return fit.isEmpty() ? "Certifications you can book today (tell me /level and /cloud for a closer fit):"
                : "Certifications that fit you (" + String.join(", ", fit) + "):";
    }

    private static double score(Certification c, @Nullable Cloud cloud, int targetTier, int years, @Nullable String goal) {
        double score = 0;
        if (cloud != null) {
            score += cloud.id().equals(c.cloud()) ? 4 : c.cloud() == null ? 0 : -4;
        }
        score -= 1.5 * Math.abs(tier(c) - targetTier);
        if (c.minExperienceYears() > years) {
            score -= 1;
        }
        String g = goal == null ? "" : goal.toLowerCase(Locale.ROOT);
        if (g.matches(".*(genai|generative|llm|language model).*") && c.focus().contains("genai")) {
            score += 1.5;
        }
        if (g.matches(".*(mlops|deploy|production|platform).*") && c.focus().contains("mlops")) {
            score += 1.5;
        }
        return score;
    }

    /** 0 for foundational exams and courses, 1 for associate ones, 2 for the rest (professional, specialty). */
    static int tier(Certification c) {
        return switch (c.level()) {
            case "foundational", "course" -> 0;
            case "associate" -> 1;
            default -> 2;
        };
    }

    /** "Unconfirmed" reads "unconfirmed" mid-sentence; "CAP/CAP-Expert: …" keeps its capitals. */
    static String sentenceCase(String text) {
        boolean word = text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1));
        return word ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
    }

    /** "MLA-C01, associate level): $150; valid 3 years": the exam's code and level, price and validity. */
    private static String facts(Certification c) {
        return (c.examCode() != null ? c.examCode() + ", " : "") + c.level() + " level): "
                + (c.priceUsd() == null ? "price not confirmed" : brief(c.priceUsd()))
                + "; valid " + sentenceCase(brief(c.validity()));
    }

    /**
     * Why it fits, and the experience it asks for beyond the person's: "Why: it is on your cloud (AWS)
     * and its level fits your experience." Its level is weighed against a level or years the person
     * said ({@code known}); a beginner's certification says so either way.
     */
    private static String fit(Certification c, @Nullable Cloud yours, int targetTier, int years, boolean known) {
        List<String> why = new ArrayList<>();
        if (yours != null && yours.id().equals(c.cloud())) {
            why.add("it is on your cloud (" + yours.label() + ")");
        }
        if (tier(c) == targetTier && (known || targetTier == 0 && tier(c) == 0)) {
            why.add(targetTier == 0 ? "it suits a beginner" : targetTier == 1 ? "its level fits your experience"
                    : "it matches an experienced engineer");
        } else if (known && tier(c) > targetTier) {
            why.add("it is a step up, for later");
        } else if (known && tier(c) < targetTier) {
            why.add("it is a quick first credential");
        }
        StringBuilder s = new StringBuilder();
        if (!why.isEmpty()) {
            s.append("Why: ").append(String.join(" and ", why)).append(". ");
        }
        if (c.minExperienceYears() > years) {
            s.append("Experience: ").append(brief(c.recommendedExperience())).append('.');
        }
        return s.toString().strip();
    }

    /**
     * The successor as the catalog gives it, every name kept: MLS-C01 has two, and where sources
     * disagree (DP-100: AI-300, or none announced) both sides are said.
     */
    static String successor(Certification c) {
        return c.successor() == null ? "none named" : sentenceCase(c.successor().strip());
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\\b[A-Z]{2,3}-[A-Z]?\\d{2,3}\\b");

    /**
     * The successor in a few words: its exam codes ("MLA-C01 and AIP-C01 (per prep sites)"), or, where
     * sources disagree, both sides without their citations ("sources disagree: AI-300 or none announced").
     */
    static String successorCodes(Certification c) {
        String text = c.successor() == null ? "" : c.successor();
        if (text.regionMatches(true, 0, "sources disagree", 0, 16)) {
            return sentenceCase(text.replaceAll("\\s*\\([^)]*\\)", ""));
        }
        List<String> codes = CODE.matcher(text).results().map(java.util.regex.MatchResult::group).distinct().toList();
        if (codes.isEmpty()) {
            return sentenceCase(text);
        }
        return String.join(" and ", codes) + (text.contains("per prep sites") ? " (per prep sites)" : "");
    }

    /**
     * A catalog value without its long notes, its qualifier kept: "$150 (per prep sites; AWS
     * Associate-tier price)" is "$150 (per prep sites)", "$125 or $135 (sources disagree: …)" is
     * "$125 or $135 (sources disagree)".
     */
    static String brief(String value) {
        int open = value.indexOf('(');
        String head = (open < 0 ? value : value.substring(0, open)).split(";")[0].strip();
        if (open < 0) {
            return head;
        }
        int close = value.indexOf(')', open);
        String note = value.substring(open + 1, close < 0 ? value.length() : close).split("[;:]")[0].strip();
        return head + " (" + note + ")";
    }

    private static String retired(CertificationCatalog catalog, @Nullable Cloud cloud, LocalDate today) {
        List<String> parts = new ArrayList<>();
        for (Certification c : catalog.certifications()) {
            if (c.availableOn(today) || cloud != null && c.cloud() != null && !cloud.id().equals(c.cloud())) {
                continue;
            }
            String when = c.statusDate() == null ? "" : " " + DATE.format(c.statusDate());
            String next = c.successor() == null ? "" : "; successor " + successorCodes(c);
            String name = c.examCode() != null ? c.examCode() : c.name();
            parts.add(cloud == null ? name : name + " (retired" + when + next + ")");
        }
        if (parts.isEmpty()) {
            return "";
        }
        return cloud == null ? "Retired, so no longer offered: " + String.join(", ", parts) + " (ask me about any "
                + "of them for its successor)." : "No longer available: " + String.join("; ", parts) + ".";
    }
}
