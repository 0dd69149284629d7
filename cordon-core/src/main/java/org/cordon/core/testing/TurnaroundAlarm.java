package org.cordon.core.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * A tube whose turnaround (first sample to result) exceeds the policy's limit: either resulted late, or
 * still without a result when the limit passed.
 *
 * @param tubeBarcode the tube
 * @param siteId where it was sampled
 * @param sampledAt its first sample
 * @param receivedAt lab receipt, or {@code null} if the lab has not received it
 * @param resultedAt its first result, or {@code null} if it has none yet
 * @param turnaround sampled to result, or to the as-of time when there is no result yet
 * @param overBy how far the turnaround exceeds the limit
 */
public record TurnaroundAlarm(String tubeBarcode, String siteId, Instant sampledAt, Instant receivedAt,
    Instant resultedAt, Duration turnaround, Duration overBy) {
}
