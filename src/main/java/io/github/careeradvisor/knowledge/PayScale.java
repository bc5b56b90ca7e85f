package io.github.careeradvisor.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * ML engineer pay by level as the salary guide states it, source by source: each bullet of a level's
 * section ({@code ## Mid-level ML engineer salary}) that opens with a source the guide names in its
 * front matter and gives a range in dollars ("$100,000 to $160,000", "from $150,000 to $200,000 or
 * more", "more than $200,000"). Only what the guide says: no range is averaged, none is made up, and a
 * bullet that gives no range is left out.
 *
 * @param file the guide the ranges come from, as shown to users ({@code knowledge/salaries.md})
 * @param bands the levels in the guide's order, each with its sources' ranges
 */
public record PayScale(String file, List<Band> bands) {

    public static final String FILE = "salaries.md";
    /** The guide's figures are US dollars a year ("every figure they give is in US dollars"). */
    public static final String CURRENCY = "US dollars a year";

    private static final Pattern LEVEL_SECTION = Pattern.compile("^## (.+?) ML engineer salary\\s*$");
    private static final Pattern RANGE = Pattern.compile("\\$([\\d,]+) to \\$([\\d,]+)( or more)?");
    private static final Pattern ABOVE = Pattern.compile("more than \\$([\\d,]+)");

    /** One level as the guide heads it ("Entry-level (junior)"), with each source's range. */
    public record Band(String title, List<Range> ranges) {
        public Band {
            ranges = List.copyOf(ranges);
            if (title.isBlank() || ranges.isEmpty()) {
                throw new IllegalArgumentException("a pay band needs a title and a range, got '" + title + "'");
            }
        }
    }

    /**
     * One source's range for one level, in dollars a year.
     *
     * @param high the top of the range, or null when the source gives only a floor ("more than $200,000")
     * @param orMore the source says the top can be passed ("$150,000 to $200,000 or more")
     */
    public record Range(String source, long low, @Nullable Long high, boolean orMore) {
        public Range {
            if (low <= 0 || high != null && high < low) {
                throw new IllegalArgumentException("pay range of " + source + " from " + low + " to " + high
                        + " is not a range");
            }
        }

        /** "$70,000–$120,000", "$150,000–$200,000 or more", "more than $200,000". */
        public String label() {
            if (high == null) {
                return "more than " + dollars(low);
            }
            return dollars(low) + "–" + dollars(high) + (orMore ? " or more" : "");
        }
    }

    public PayScale {
        bands = List.copyOf(bands);
    }

    public static String dollars(long amount) {
        return "$" + String.format(Locale.ROOT, "%,d", amount);
    }

    /** The band whose title starts with {@code title} ("Senior" finds "Senior (experienced)"). */
    public Optional<Band> band(String title) {
        return bands.stream().filter(b -> b.title().toLowerCase(Locale.ROOT).startsWith(title.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** Every source named in a range, once, in the order they first appear. */
    public List<String> sources() {
        return bands.stream().flatMap(b -> b.ranges().stream()).map(Range::source).distinct().toList();
    }

    /**
     * The ranges of {@value #FILE} in {@code knowledgeDir}; none (an empty scale) if the folder has no such
     * guide. A guide that cannot be read stops it, naming the file and line.
     */
    public static PayScale load(Path knowledgeDir) {
        Path path = knowledgeDir.resolve(FILE);
        String shown = knowledgeDir.resolve(FILE).toString();
        if (!Files.isRegularFile(path)) {
            return new PayScale(shown, List.of());
        }
        try {
            return read(new GuideParser().parse(shown, Files.readAllBytes(path)));
        } catch (GuideException e) {
            throw new IllegalArgumentException("reading pay ranges: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading pay ranges from " + shown, e);
        }
    }

    static PayScale read(Guide guide) {
        List<String> names = guide.sources().stream().map(SourceRef::name).distinct().toList();
        List<Band> bands = new ArrayList<>();
        String title = null;
        List<Range> ranges = new ArrayList<>();
        for (String line : (guide.body() + "\n## end").lines().toList()) {
            if (line.startsWith("## ")) {
                if (title != null && !ranges.isEmpty()) {
                    bands.add(new Band(title, ranges));
                }
                Matcher level = LEVEL_SECTION.matcher(line);
                title = level.matches() ? level.group(1) : null;
                ranges = new ArrayList<>();
            } else if (title != null && line.startsWith("- ")) {
                range(line.substring(2), names).ifPresent(ranges::add);
            }
        }
        return new PayScale(guide.file(), bands);
    }

    /** "Simplilearn: … $70,000 to $120,000 a year …" as a range, if it opens with a source and gives one. */
    private static Optional<Range> range(String bullet, List<String> sources) {
        int colon = bullet.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String said = bullet.substring(0, colon).strip();
        Optional<String> source = sources.stream().filter(s -> s.equalsIgnoreCase(said)).findFirst();
        if (source.isEmpty()) {
            return Optional.empty();
        }
        String rest = bullet.substring(colon + 1);
        Matcher range = RANGE.matcher(rest);
        if (range.find()) {
            return Optional.of(new Range(source.get(), amount(range.group(1)), amount(range.group(2)),
                    range.group(3) != null));
        }
        Matcher above = ABOVE.matcher(rest);
        return above.find() ? Optional.of(new Range(source.get(), amount(above.group(1)), null, true))
                : Optional.empty();
    }

    private static long amount(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
