package io.clusterca.ca.events;

import java.util.Optional;

/**
 * Counters of the journal for {@code /metrics} and {@code /readyz?verbose}.
 *
 * @param written   events written to the journal file since start
 * @param dropped   events lost: refused because the queue was full, or lost to a write error
 * @param queued    events waiting for the writer thread right now
 * @param rotations file rotations since start
 * @param lastError the last write error, if the journal has failed since start
 */
public record JournalStats(long written, long dropped, int queued, long rotations, Optional<String> lastError) {}
