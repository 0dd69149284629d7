package org.cordon.core.testing;

import java.time.Duration;

/**
 * Where a round's tubes stand in the lab at one moment, for the turnaround board.
 *
 * @param sampled tubes holding at least one sample
 * @param awaitingReceipt of those, not received by a lab and without a result
 * @param inLab received, without a result
 * @param resulted with a result
 * @param median median turnaround (first sample to first result) of the resulted tubes, or {@code null}
 * @param p90 90th percentile of the same, or {@code null}
 * @param max longest of the same, or {@code null}
 * @param overLimit tubes whose turnaround (to now, while without a result) exceeds the limit
 */
public record TurnaroundSummary(int sampled, int awaitingReceipt, int inLab, int resulted, Duration median,
    Duration p90, Duration max, int overLimit) {
}
