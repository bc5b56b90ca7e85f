package io.github.careeradvisor.generation;

import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.Drafts;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A generated reply as it arrives, piece by piece. Each sentence, once complete, is checked as far as it
 * can be before the reply ends ({@link ReplyCheck#hopeless}): if it passes, the text so far is shown
 * ({@link Drafts}); if not, or the reply outgrows its cap, reading stops at once, as the reply can no
 * longer pass its final check. So a figure no passage backs is never shown, not even for a moment.
 */
final class StreamedReply {

    /** Raw text read at most, the model's thinking included: a model that never stops is cut off here. */
    static final int MAX_RAW = 8 * ReplyCheck.MAX_CHARS;

    /** Where a sentence ends: after . ! or ? and the citation marks that follow it, before a space; or a line's end. */
    private static final Pattern SENTENCE_END = Pattern.compile(
            "[.!?](?:\\s*\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*\\])*(?=\\s)|\\n");

    private final List<Set<String>> backed;
    private final Set<String> own;
    private final Drafts drafts;
    private final StringBuilder raw = new StringBuilder();
    /** Visible characters checked and shown so far. */
    private int shown;
    private @Nullable String failure;
    private boolean closed;
    private long firstDraftNanos;

    /** @param backed the figures each given passage backs; @param own the figures the profile states */
    StreamedReply(List<Set<String>> backed, Set<String> own, Drafts drafts) {
        this.backed = backed;
        this.own = own;
        this.drafts = drafts;
    }

    /** Takes the next piece; false when the reply cannot pass any more and reading should stop. */
    synchronized boolean add(String piece) {
        if (closed || failure != null) {
            return false;
        }
        raw.append(piece);
        String visible = ReplyCheck.visible(raw);
        if (visible.strip().length() > ReplyCheck.MAX_CHARS || raw.length() > MAX_RAW) {
            failure = "a reply over " + ReplyCheck.MAX_CHARS + " characters";
            return false;
        }
        int end = lastSentenceEnd(visible);
        if (end <= shown) {
            return true;
        }
        String why = ReplyCheck.hopeless(visible.substring(shown, end), backed, own);
        if (why != null) {
            failure = why;
            return false;
        }
        shown = end;
        List<Answer.Block> soFar = ReplyCheck.draft(visible.substring(0, end));
        if (!soFar.isEmpty()) {
            if (firstDraftNanos == 0) {
                firstDraftNanos = System.nanoTime();
            }
            drafts.draft(soFar);
        }
        return true;
    }

    /** No more drafts from now on: the reply is finished, or given up. */
    synchronized void close() {
        closed = true;
    }

    /** Why reading stopped early, or null if it did not. */
    synchronized @Nullable String failure() {
        return failure;
    }

    /** When the first draft was shown ({@link System#nanoTime}), or 0 if none was. */
    synchronized long firstDraftNanos() {
        return firstDraftNanos;
    }

    private static int lastSentenceEnd(String text) {
        int end = 0;
        Matcher m = SENTENCE_END.matcher(text);
        while (m.find()) {
            end = m.end();
        }
        return end;
    }
}
