package io.github.careeradvisor.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact search: one pass over every vector, kept in one contiguous array, with a small heap for the
 * best {@code k} (no sort of all scores, no boxing). Exact, so it is also the reference for recall.
 */
final class FlatVectorSearch implements VectorSearch {

    private final float[] data;
    private final int dimensions;
    private final int size;

    FlatVectorSearch(float[][] vectors, int dimensions) {
        this.dimensions = dimensions;
        this.size = vectors.length;
        this.data = new float[size * dimensions];
        for (int i = 0; i < size; i++) {
            System.arraycopy(vectors[i], 0, data, i * dimensions, dimensions);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<Hit> search(float[] query, int k) {
        int keep = Math.min(k, size);
        // A min-heap of the best so far: heapScore[0] is the worst kept score.
        float[] heapScore = new float[keep];
        int[] heapIndex = new int[keep];
        int filled = 0;
        for (int i = 0; i < size; i++) {
            float s = dot(query, i * dimensions);
            if (filled < keep) {
                heapScore[filled] = s;
                heapIndex[filled] = i;
                siftUp(heapScore, heapIndex, filled++);
            } else if (s > heapScore[0]) {
                heapScore[0] = s;
                heapIndex[0] = i;
                siftDown(heapScore, heapIndex, keep);
            }
        }
        List<Hit> hits = new ArrayList<>(filled);
        for (int i = 0; i < filled; i++) {
            hits.add(new Hit(heapIndex[i], heapScore[i]));
        }
        hits.sort((a, b) -> Float.compare(b.similarity(), a.similarity()));
        return hits;
    }

    private float dot(float[] q, int offset) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        // Four running sums let the JIT keep several multiply-adds in flight.
        for (; d + 3 < dimensions; d += 4) {
            s0 += q[d] * data[offset + d];
            s1 += q[d + 1] * data[offset + d + 1];
            s2 += q[d + 2] * data[offset + d + 2];
            s3 += q[d + 3] * data[offset + d + 3];
        }
        for (; d < dimensions; d++) {
            s0 += q[d] * data[offset + d];
        }
        return s0 + s1 + s2 + s3;
    }

    private static void siftUp(float[] score, int[] index, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (score[i] >= score[parent]) {
                return;
            }
            swap(score, index, i, parent);
            i = parent;
        }
    }

    private static void siftDown(float[] score, int[] index, int n) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            int smallest = i;
            if (left < n && score[left] < score[smallest]) {
                smallest = left;
            }
            if (left + 1 < n && score[left + 1] < score[smallest]) {
                smallest = left + 1;
            }
            if (smallest == i) {
                return;
            }
            swap(score, index, i, smallest);
            i = smallest;
        }
    }

    private static void swap(float[] score, int[] index, int a, int b) {
        float s = score[a];
        score[a] = score[b];
        score[b] = s;
        int x = index[a];
        index[a] = index[b];
        index[b] = x;
    }
}
