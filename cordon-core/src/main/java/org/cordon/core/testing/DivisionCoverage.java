package org.cordon.core.testing;

import org.cordon.core.place.DivisionCode;

/** Coverage of one division: its code, published name and counts. */
public record DivisionCoverage(DivisionCode division, String name, CoverageCounts counts) {
}
