package org.cordon.server.checkpoint;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One answered check at a venue door, as recorded in {@code checkpoint_check}; an allowed one is also
 * a venue scan.
 *
 * @param checkedAt when the device asked
 * @param venueId the device's venue
 * @param personId whose code was shown
 * @param device the device token's handle ({@code token:tok_...})
 * @param tokenId the shown code token's id, kept for replay detection across restarts
 * @param colour the online colour at the time of the check
 * @param temperature body temperature in °C, one decimal; null when not measured
 * @param masked whether the person wore a mask
 * @param staff whether the person came in as a worker of the venue (the "no negative test, no work" gate)
 * @param allowed the answer
 * @param reason why, in words ({@code "green code"}, {@code "red code: close contact of case 12"})
 */
public record CheckpointEntry(Instant checkedAt, String venueId, long personId, String device,
    String tokenId, String colour, BigDecimal temperature, boolean masked, boolean staff,
    boolean allowed, String reason) {
}
