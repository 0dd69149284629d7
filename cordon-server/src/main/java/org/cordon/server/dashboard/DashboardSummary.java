package org.cordon.server.dashboard;

import java.util.List;

/**
 * Counts for {@code division} and each of its children: every child the division tree knows (with zeros
 * where there is no data) and any further child code found in the data. {@code name} falls back to the
 * code when the tree does not know the division. {@code scansToday} counts scans since midnight in the server's
 * zone (Asia/Shanghai by default).
 */
public record DashboardSummary(String division, String name, long persons, long venues,
    long scansToday, List<DivisionCounts> children) {
}
