package io.github.careeradvisor.bench;

/** The {@code ## } sections of BENCHMARKS.md that one run writes and another keeps. */
public final class Sections {

    private Sections() {
    }

    /** The section of {@code doc} under {@code heading}, up to the next {@code ## } heading, stripped; empty if none. */
    public static String find(String doc, String heading) {
        int start = doc.indexOf(heading);
        if (start < 0) {
            return "";
        }
        int end = doc.indexOf("\n## ", start + heading.length());
        return (end < 0 ? doc.substring(start) : doc.substring(start, end + 1)).strip();
    }

    /** {@code doc} with the section under {@code heading} replaced by {@code section}, or with it added at the end. */
    public static String replace(String doc, String heading, String section) {
        String old = find(doc, heading);
        if (old.isEmpty()) {
            return doc.isBlank() ? section.strip() + "\n" : doc.stripTrailing() + "\n\n" + section.strip() + "\n";
        }
        return doc.replace(old, section.strip());
    }
}
