package io.github.careeradvisor.knowledge;


/** The smallest piece an answer can quote: one sentence of a paragraph, or one bullet of a list. */
public record Unit(String text, Kind kind, int block) {

    public enum Kind { SENTENCE, BULLET }

    /**
     * @param block the index, within its passage, of the paragraph or list the unit belongs to; units
     *     of one block are read together (a list and the sentence that introduces it)
     */
    public Unit {
        if (text.isBlank()) {
            throw new IllegalArgumentException("a unit needs text");
        }
    }

    /** A sentence that ends in a colon introduces the list after it. */
    public boolean introducesList() {
        return kind == Kind.SENTENCE && text.endsWith(":");
    }
}
