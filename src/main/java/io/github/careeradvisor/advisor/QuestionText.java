package io.github.careeradvisor.advisor;

/**
 * A user's message made safe to search: control and invisible formatting characters become spaces,
 * runs of white space one space, and a message over {@value #MAX_CHARS} characters is cut there (the
 * answer then says so).
 */
record QuestionText(String text, boolean truncated) {

    static final int MAX_CHARS = 4096;

    static QuestionText of(String raw) {
        StringBuilder clean = new StringBuilder(Math.min(raw.length(), MAX_CHARS + 16));
        boolean space = false;
        boolean truncated = false;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean blank = Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE;
            if (blank) {
                space = clean.length() > 0;
                continue;
            }
            int needed = Character.charCount(cp) + (space ? 1 : 0);
            if (clean.length() + needed > MAX_CHARS) {
                truncated = true;
                break;
            }
            if (space) {
                clean.append(' ');
                space = false;
            }
            clean.appendCodePoint(cp);
        }
        return new QuestionText(clean.toString(), truncated);
    }

    boolean isEmpty() {
        return text.isEmpty();
    }
}
