package io.github.careeradvisor.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a guide into passages along its headings: a passage is one section, or, where a section is
 * longer than the model reads, a run of whole paragraphs and lists. A paragraph that is too long alone
 * is split between sentences; nothing is ever cut off.
 */
final class Chunker {

    /** all-MiniLM-L6-v2 reads 128 word pieces; this leaves room for the two special tokens and slack. */
    static final int MAX_TOKENS = 120;

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*+]|\\d{1,3}[.)])\\s+(.*)$");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-{3,}.*$");

    private final ToIntFunction<String> tokens;
    private final int maxTokens;

    Chunker(ToIntFunction<String> tokens) {
        this(tokens, MAX_TOKENS);
    }

    Chunker(ToIntFunction<String> tokens, int maxTokens) {
        this.tokens = tokens;
        this.maxTokens = maxTokens;
    }

    List<Passage> passages(Guide guide) {
        List<Passage> passages = new ArrayList<>();
        for (Section section : sections(guide.body())) {
            for (List<Unit> run : runs(guide.title(), section)) {
                passages.add(new Passage(guide.file() + "#" + passages.size(), guide.file(), guide.title(),
                        section.path, guide.topics(), run));
            }
        }
        return passages;
    }

    private record Section(String path, List<List<Unit>> blocks) {
    }

    /** Splits the body at headings; each section is a list of blocks (paragraphs and lists). */
    private static List<Section> sections(String body) {
        List<Section> sections = new ArrayList<>();
        String[] path = new String[7];
        List<List<Unit>> blocks = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        List<String> bullets = new ArrayList<>();
        List<String> tableHeader = new ArrayList<>();
        String currentPath = "";
        for (String line : body.split("\n", -1)) {
            Matcher heading = HEADING.matcher(line);
            Matcher bullet = BULLET.matcher(line);
            if (heading.matches()) {
                flush(blocks, paragraph, bullets);
                addSection(sections, currentPath, blocks);
                blocks = new ArrayList<>();
                int level = heading.group(1).length();
                path[level] = MarkdownText.plain(heading.group(2));
                for (int i = level + 1; i < path.length; i++) {
                    path[i] = null;
                }
                currentPath = joinPath(path);
                tableHeader.clear();
            } else if (line.isBlank()) {
                flush(blocks, paragraph, bullets);
                tableHeader.clear();
            } else if (line.strip().startsWith("|")) {
                flushParagraph(blocks, paragraph);
                tableRow(line, tableHeader, bullets);
            } else if (bullet.matches()) {
                flushParagraph(blocks, paragraph);
                bullets.add(bullet.group(1));
            } else if (!bullets.isEmpty() && Character.isWhitespace(line.charAt(0))) {
                int last = bullets.size() - 1;
                bullets.set(last, bullets.get(last) + " " + line.strip());
            } else {
                if (!bullets.isEmpty()) {
                    flush(blocks, paragraph, bullets);
                }
                paragraph.append(line.strip()).append(' ');
            }
        }
        flush(blocks, paragraph, bullets);
        addSection(sections, currentPath, blocks);
        return sections;
    }

    /** A table row becomes a bullet of "header: value" pairs, so it reads alone. */
    private static void tableRow(String line, List<String> header, List<String> bullets) {
        if (TABLE_RULE.matcher(line).matches()) {
            return;
        }
        String trimmed = line.strip();
        trimmed = trimmed.substring(1, trimmed.endsWith("|") && trimmed.length() > 1 ? trimmed.length() - 1 : trimmed.length());
        List<String> cells = new ArrayList<>();
        for (String cell : trimmed.split("\\|", -1)) {
            cells.add(MarkdownText.plain(cell));
        }
        if (header.isEmpty()) {
            header.addAll(cells);
            return;
        }
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).isEmpty()) {
                continue;
            }
            if (row.length() > 0) {
                row.append("; ");
            }
            String name = i < header.size() ? header.get(i) : "";
            row.append(i == 0 || name.isEmpty() ? cells.get(i) : name + ": " + cells.get(i));
        }
        if (row.length() > 0) {
            bullets.add(row.toString());
        }
    }

    private static String joinPath(String[] path) {
        List<String> parts = new ArrayList<>();
        // Level 1 is the guide's title, which every passage carries already.
        for (int i = 2; i < path.length; i++) {
            if (path[i] != null) {
                parts.add(path[i]);
            }
        }
        return String.join(" > ", parts);
    }

    private static void addSection(List<Section> sections, String path, List<List<Unit>> blocks) {
        if (!blocks.isEmpty()) {
            sections.add(new Section(path, List.copyOf(blocks)));
        }
    }

    private static void flush(List<List<Unit>> blocks, StringBuilder paragraph, List<String> bullets) {
        flushParagraph(blocks, paragraph);
        if (!bullets.isEmpty()) {
            int block = blocks.size();
            List<Unit> units = new ArrayList<>();
            for (String b : bullets) {
                String text = MarkdownText.plain(b);
                if (!text.isEmpty()) {
                    units.add(new Unit(text, Unit.Kind.BULLET, block));
                }
            }
            if (!units.isEmpty()) {
                blocks.add(units);
            }
            bullets.clear();
        }
    }

    private static void flushParagraph(List<List<Unit>> blocks, StringBuilder paragraph) {
        String text = MarkdownText.plain(paragraph.toString());
        paragraph.setLength(0);
        if (text.isEmpty()) {
            return;
        }
        int block = blocks.size();
        List<Unit> units = new ArrayList<>();
        for (String sentence : MarkdownText.sentences(text)) {
            units.add(new Unit(sentence, Unit.Kind.SENTENCE, block));
        }
        blocks.add(units);
    }

    /** Packs a section's blocks into runs that fit the model, keeping blocks whole where they fit. */
    private List<List<Unit>> runs(String title, Section section) {
        String headline = section.path.isEmpty() ? title : title + ": " + section.path;
        List<List<Unit>> runs = new ArrayList<>();
        List<Unit> current = new ArrayList<>();
        for (List<Unit> block : section.blocks) {
            if (fits(headline, current, block)) {
                current.addAll(block);
                continue;
            }
            if (!current.isEmpty()) {
                runs.add(current);
                current = new ArrayList<>();
            }
            if (fits(headline, current, block)) {
                current.addAll(block);
                continue;
            }
            for (Unit unit : block) {
                for (Unit piece : splitIfTooLong(headline, unit)) {
                    if (!fits(headline, current, List.of(piece))) {
                        runs.add(current);
                        current = new ArrayList<>();
                    }
                    current.add(piece);
                }
            }
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        runs.removeIf(List::isEmpty);
        return runs;
    }

    private boolean fits(String headline, List<Unit> current, List<Unit> more) {
        List<Unit> all = new ArrayList<>(current);
        all.addAll(more);
        return tokens.applyAsInt(new Passage("x", "x", "x", "", List.of(), all).body() + "\n" + headline) <= maxTokens;
    }

    /** A single sentence longer than the model reads is split between words, never truncated. */
    private List<Unit> splitIfTooLong(String headline, Unit unit) {
        if (fits(headline, List.of(), List.of(unit))) {
            return List.of(unit);
        }
        List<Unit> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String word : unit.text().split(" ")) {
            String candidate = piece.length() == 0 ? word : piece + " " + word;
            if (piece.length() > 0 && !fits(headline, List.of(), List.of(new Unit(candidate, unit.kind(), unit.block())))) {
                pieces.add(new Unit(piece.toString(), unit.kind(), unit.block()));
                piece.setLength(0);
                piece.append(word);
            } else {
                piece.setLength(0);
                piece.append(candidate);
            }
        }
        if (piece.length() > 0) {
            pieces.add(new Unit(piece.toString(), unit.kind(), unit.block()));
        }
        return pieces;
    }
}
