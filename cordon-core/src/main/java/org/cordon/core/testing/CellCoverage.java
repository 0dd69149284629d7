package org.cordon.core.testing;

import org.cordon.core.place.GridCell;

/** Coverage of one 800 m grid cell (by the persons' home cells). */
public record CellCoverage(GridCell cell, CoverageCounts counts) {
}
