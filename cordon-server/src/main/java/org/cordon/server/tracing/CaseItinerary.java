package org.cordon.server.tracing;

import java.util.List;

/**
 * Where a case was during its companion window, {@code [onset − companion-window-days, isolated or
 * now)}: its venue scans, rides and grid-cell dwells in time order.
 *
 * @param truncated true when there were more than the page's limit of stays; the earliest are shown
 */
public record CaseItinerary(long caseId, long personId, TimeWindow window, List<Stay> stays,
    boolean truncated) {
}
