package org.cordon.core.testing;

import java.time.Instant;
import org.cordon.core.place.DivisionCode;

/**
 * One person on the recall list.
 *
 * @param personId the person
 * @param community the person's home division (the community whose list holds them)
 * @param tubeBarcode the tube whose result recalled them
 * @param reason pooled positive or invalid tube
 * @param since when that result was recorded
 * @param retestBarcode the single tube of the retest if already sampled (result pending or invalid), else {@code null}
 */
public record Recall(long personId, DivisionCode community, String tubeBarcode, RecallReason reason,
    Instant since, String retestBarcode) {
}
