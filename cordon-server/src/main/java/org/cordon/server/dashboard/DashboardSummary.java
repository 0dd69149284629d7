package org.cordon.server.dashboard;

import java.util.List;

/**
 * Counts for {@code division} and each of its children (the next level down; only children with data
 * unless the division tree names them). {@code scansToday} counts scans since midnight in the server's
 * zone (Asia/Shanghai by default).
 */
public record DashboardSummary(String division, String name, long persons, long venues,
    long scansToday, List<DivisionCounts> children) {
}
