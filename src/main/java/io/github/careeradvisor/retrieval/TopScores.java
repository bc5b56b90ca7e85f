package io.github.careeradvisor.retrieval;

/**
 * The {@code k} highest scores offered, highest first, the smaller id first among equal scores (as a
 * stable sort of ids offered in order would have them): kept in place as each is offered, without
 * sorting all of them.
 */
public final class TopScores {

    private final int[] ids;
    private final double[] scores;
    private int kept;

    public TopScores(int k) {
        ids = new int[Math.max(0, k)];
        scores = new double[ids.length];
    }

    public void offer(int id, double score) {
        if (kept == ids.length && (ids.length == 0 || !before(id, score, kept - 1))) {
            return;
        }
        int at;
        if (kept < ids.length) {
            at = kept++; // a free place at the end
        } else {
            at = kept - 1; // the lowest of the k makes room
        }
        for (; at > 0 && before(id, score, at - 1); at--) {
            ids[at] = ids[at - 1];
            scores[at] = scores[at - 1];
        }
        ids[at] = id;
        scores[at] = score;
    }

    private boolean before(int id, double score, int place) {
        return score > scores[place] || score == scores[place] && id < ids[place];
    }

    /** How many are kept: {@code k}, or fewer if fewer were offered. */
    public int size() {
        return kept;
    }

    /** The id in place {@code i}, 0 the highest. */
    public int id(int i) {
        return ids[i];
    }

    public double score(int i) {
        return scores[i];
    }
}
