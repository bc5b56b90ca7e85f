package io.github.careeradvisor.storage;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many reads and writes the database ran since the start and how long they took, counted where
 * they run ({@link SqliteDatabase}); the operators' metrics read it (README, "Health and metrics").
 */
public final class DatabaseTime {

    private final LongAdder reads = new LongAdder();
    private final LongAdder readNanos = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder writeNanos = new LongAdder();

    void read(long nanos) {
        reads.increment();
        readNanos.add(nanos);
    }

    void write(long nanos) {
        writes.increment();
        writeNanos.add(nanos);
    }

    public long reads() {
        return reads.sum();
    }

    public long readNanos() {
        return readNanos.sum();
    }

    public long writes() {
        return writes.sum();
    }

    public long writeNanos() {
        return writeNanos.sum();
    }
}
