package org.cordon.server.dashboard;

/** Counts of one division: persons living there, venues there, scans today at its venues. */
public record DivisionCounts(String code, String name, long persons, long venues, long scansToday) {
}
