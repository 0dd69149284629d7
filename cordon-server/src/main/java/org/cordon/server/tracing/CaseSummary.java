package org.cordon.server.tracing;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A confirmed case in the case list, with the number of its stored contacts per category (all of them,
 * not only those in the reader's jurisdiction).
 */
public record CaseSummary(long caseId, long personId, String name, String homeDivision,
    OffsetDateTime onsetTime, OffsetDateTime isolatedTime, String confirmedBy,
    OffsetDateTime confirmedAt, Map<String, Long> contacts) {
}
