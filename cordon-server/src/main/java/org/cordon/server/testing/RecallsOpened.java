package org.cordon.server.testing;

import java.util.List;

/**
 * Published after a positive pool's result is committed: {@code persons} are recalled for a
 * single-tube retest (their recall tasks were opened). For the recall list's consumers; the health
 * codes take the pool's members from {@link LabResultsRecorded} instead, which names every member
 * (also one whose recall was done before the pool's result was corrected) with their sample times.
 * Nobody listens yet, on purpose: the recall tasks are rows of the results' own transaction, so there
 * is nothing left to make durable; it is the hook for a push to the recalled (SMS, app) once one exists.
 */
public record RecallsOpened(String campaignId, String tube, List<Long> persons) {
}
