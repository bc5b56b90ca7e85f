package io.github.careeradvisor.generation;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of a text, each in one normal form so the same figure written two ways is one:
 * {@code $120,000}, {@code $120k} and {@code 120000} are {@code num:120000}; {@code 2026-03-31} and
 * {@code March 31, 2026} are {@code date:2026-03-31}; {@code 25%} and {@code 25 percent} are
 * {@code pct:25}; an exam code such as {@code MLA-C01} is {@code code:MLA-C01}. Money, counts and years are
 * all numbers.
 */
final class Figures {

    private static final String MONTH = "(January|February|March|April|May|June|July|August|September|October"
            + "|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "\\b" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\b(\\d{1,2})\\s+" + MONTH + ",?\\s+(\\d{4})\\b");
    private static final Pattern MONTH_YEAR = Pattern.compile("\\b" + MONTH + ",?\\s+(\\d{4})\\b");
    private static final Pattern EXAM_CODE = Pattern.compile("\\b[A-Z]{2,4}-[A-Z0-9]{2,5}\\b");
    private static final Pattern PERCENT = Pattern.compile("(?<![\\d.,])(\\d+(?:\\.\\d+)?)\\s?(?:%|percent\\b)");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.,])(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(?:\\s?(k|K|thousand|million|M|bn|billion)\\b)?");
    private static final Pattern NUMBER_WORD = Pattern.compile(
            "\\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\b", Pattern.CASE_INSENSITIVE);
    private static final List<String> WORDS = List.of("two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve");
    private static final Map<String, BigDecimal> SUFFIX = Map.of("k", BigDecimal.valueOf(1_000),
            "thousand", BigDecimal.valueOf(1_000), "million", BigDecimal.valueOf(1_000_000),
            "m", BigDecimal.valueOf(1_000_000), "bn", BigDecimal.valueOf(1_000_000_000),
            "billion", BigDecimal.valueOf(1_000_000_000));

    private Figures() {
    }

    /** The figures a generated text states, each as it must be found in a passage. */
    static Set<String> stated(String text) {
        return read(text, false);
    }

    /**
     * The figures a passage backs: its own, and for a date also its month and year, for a percentage also
     * the bare number, so "March 2026" or "in 2026" is backed by "March 31, 2026".
     */
    static Set<String> backed(String text) {
        return read(text, true);
    }

    private static Set<String> read(String text, boolean widen) {
        Set<String> found = new LinkedHashSet<>();
        StringBuilder rest = new StringBuilder(text);
        for (Pattern date : List.of(ISO_DATE, MONTH_DAY_YEAR, DAY_MONTH_YEAR)) {
            Matcher m = date.matcher(rest);
            while (m.find()) {
                int year;
                int month;
                int day;
                if (date == ISO_DATE) {
                    year = Integer.parseInt(m.group(1));
                    month = Integer.parseInt(m.group(2));
                    day = Integer.parseInt(m.group(3));
                } else if (date == MONTH_DAY_YEAR) {
                    month = month(m.group(1));
                    day = Integer.parseInt(m.group(2));
                    year = Integer.parseInt(m.group(3));
                } else {
                    day = Integer.parseInt(m.group(1));
                    month = month(m.group(2));
                    year = Integer.parseInt(m.group(3));
                }
                found.add(String.format(Locale.ROOT, "date:%04d-%02d-%02d", year, month, day));
                if (widen) {
                    found.add(String.format(Locale.ROOT, "month:%04d-%02d", year, month));
                    found.add("num:" + year);
                }
                blank(rest, m.start(), m.end());
            }
        }
        Matcher monthYear = MONTH_YEAR.matcher(rest);
        while (monthYear.find()) {
            int year = Integer.parseInt(monthYear.group(2));
            found.add(String.format(Locale.ROOT, "month:%04d-%02d", year, month(monthYear.group(1))));
            if (widen) {
                found.add("num:" + year);
            }
            blank(rest, monthYear.start(), monthYear.end());
        }
        Matcher code = EXAM_CODE.matcher(rest);
        while (code.find()) {
            found.add("code:" + code.group());
            blank(rest, code.start(), code.end());
        }
        Matcher percent = PERCENT.matcher(rest);
        while (percent.find()) {
            String n = plain(new BigDecimal(percent.group(1)));
            found.add("pct:" + n);
            if (widen) {
                found.add("num:" + n);
            }
            blank(rest, percent.start(), percent.end());
        }
        Matcher number = NUMBER.matcher(rest);
        while (number.find()) {
            BigDecimal n = new BigDecimal(number.group(1).replace(",", "")
                    + (number.group(2) == null ? "" : "." + number.group(2)));
            String suffix = number.group(3);
            if (suffix != null) {
                n = n.multiply(SUFFIX.get(suffix.toLowerCase(Locale.ROOT)));
            }
            found.add("num:" + plain(n));
        }
        Matcher word = NUMBER_WORD.matcher(rest);
        while (word.find()) {
            found.add("num:" + (WORDS.indexOf(word.group(1).toLowerCase(Locale.ROOT)) + 2));
        }
        return found;
    }

    private static int month(String name) {
        String three = name.substring(0, 3).toLowerCase(Locale.ROOT);
        return List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
                .indexOf(three) + 1;
    }

    private static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }

    /** Spaces over a figure already read, so its digits are not read again as a number. */
    private static void blank(StringBuilder text, int start, int end) {
        for (int i = start; i < end; i++) {
            text.setCharAt(i, ' ');
        }
    }
}
