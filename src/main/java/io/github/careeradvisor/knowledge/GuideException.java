package io.github.careeradvisor.knowledge;

/** A guide that cannot be read; the message starts with {@code file:line:} so an editor can jump there. */
public final class GuideException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    GuideException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
