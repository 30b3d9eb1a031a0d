package dev.plugboard.kafka;

import java.io.InterruptedIOException;
import org.apache.kafka.connect.source.SourceRecord;

/** Where a run's records go: the task's queue, which {@code poll()} drains. */
@FunctionalInterface
interface RecordOutput {
    /**
     * @param record the next record; blocks while the queue is full
     * @throws InterruptedIOException when the task is stopping
     */
    void put(SourceRecord record) throws InterruptedIOException;
}
