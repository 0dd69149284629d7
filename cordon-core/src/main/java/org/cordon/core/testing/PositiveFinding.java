package org.cordon.core.testing;

import java.time.Instant;
import org.cordon.core.place.DivisionCode;

/**
 * A person whose single tube (first sample or recall retest) is positive: a case to confirm and trace.
 *
 * @param personId the person
 * @param community their home division
 * @param tubeBarcode the positive single tube
 * @param resultedAt when its current result was recorded
 */
public record PositiveFinding(long personId, DivisionCode community, String tubeBarcode, Instant resultedAt) {
}
