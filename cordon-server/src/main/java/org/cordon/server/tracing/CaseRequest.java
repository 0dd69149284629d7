package org.cordon.server.tracing;

/**
 * The body of {@code POST /api/cases}. Times are ISO-8601 with an offset, e.g.
 * {@code 2026-11-20T08:00:00+08:00}; they are taken as text so a malformed one gets a message naming it.
 *
 * @param personId the confirmed person
 * @param onsetTime symptom onset, or sampling time of an asymptomatic case
 * @param isolatedTime when the case stopped circulating; null or absent while it has not
 */
public record CaseRequest(Long personId, String onsetTime, String isolatedTime) {
}
