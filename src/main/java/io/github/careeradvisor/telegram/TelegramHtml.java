package io.github.careeradvisor.telegram;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.PlainText;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders an answer in the HTML subset Telegram accepts: every text from a user or a guide escaped,
 * only {@code <b>} and {@code <i>} used, and a reply longer than a message split between paragraphs
 * into parts that are each valid on their own.
 */
final class TelegramHtml {

    /** Telegram's limit on a message's text, counted after entities are parsed. */
    static final int MAX_MESSAGE = 4096;

    private TelegramHtml() {
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The answer as one or more messages, each under Telegram's limit. */
    static List<String> render(Answer answer) {
        List<String> paragraphs = paragraphs(answer.blocks());
        if (!answer.sources().isEmpty()) {
            paragraphs.add("<i>" + escape(PlainText.sourcesLine(answer)) + "</i>");
        }
        return pack(paragraphs);
    }

    /** An answer still being written, as one message ending in "…"; null if it outgrew a message. */
    static @Nullable String draft(List<Answer.Block> soFar) {
        String text = String.join("\n\n", paragraphs(soFar)) + " …";
        return text.length() <= MAX_MESSAGE ? text : null;
    }

    private static List<String> paragraphs(List<Answer.Block> blocks) {
        List<String> paragraphs = new ArrayList<>();
        for (Answer.Block block : blocks) {
            if (block instanceof Answer.Paragraph p) {
                paragraphs.add(escape(p.text()));
            } else if (block instanceof Answer.Bullets b) {
                paragraphs.add(String.join("\n", b.items().stream().map(i -> "• " + escape(i)).toList()));
            }
        }
        return paragraphs;
    }

    /** Joins paragraphs into messages; a paragraph too long alone is cut between lines, then words. */
    static List<String> pack(List<String> paragraphs) {
        List<String> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : paragraphs) {
            for (String piece : fit(paragraph)) {
                int extra = current.length() == 0 ? piece.length() : piece.length() + 2;
                if (current.length() + extra > MAX_MESSAGE) {
                    messages.add(current.toString());
                    current.setLength(0);
                }
                current.append(current.length() == 0 ? "" : "\n\n").append(piece);
            }
        }
        if (current.length() > 0) {
            messages.add(current.toString());
        }
        return messages;
    }

    /**
     * A paragraph cut into pieces under the limit. Only plain escaped text is ever cut (the sources line
     * in italics is short), and never inside an entity such as {@code &amp;}.
     */
    private static List<String> fit(String paragraph) {
        if (paragraph.length() <= MAX_MESSAGE) {
            return List.of(paragraph);
        }
        List<String> pieces = new ArrayList<>();
        String rest = paragraph;
        while (rest.length() > MAX_MESSAGE) {
            int cut = rest.lastIndexOf('\n', MAX_MESSAGE);
            if (cut <= 0) {
                cut = rest.lastIndexOf(' ', MAX_MESSAGE);
            }
            if (cut <= 0) {
                cut = MAX_MESSAGE;
                int amp = rest.lastIndexOf('&', cut);
                if (amp > 0 && rest.indexOf(';', amp) >= cut) {
                    cut = amp;
                }
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            pieces.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }
}
