package org.cordon.server.testing;

import java.time.Instant;
import java.util.List;

/**
 * Published by the {@link LabResultFeed} inside a transaction of its own, after the upload that stored
 * the results committed (listeners store what they derive in that transaction, which also marks the
 * upload fed, and act after its commit): what the tubes' current results mean for each person sampled
 * in them. The health codes listen (a negative pool is a negative test of each member at their
 * sample time, a positive pool a recall, a correction replaces the earlier fact of the tube).
 *
 * @param recordedAt when the feed took the results (shortly after they were stored)
 * @param results one per person in a tube whose result is new or corrected, in tube order
 */
public record LabResultsRecorded(Instant recordedAt, List<PersonResult> results) {

  public LabResultsRecorded {
    results = List.copyOf(results);
  }

  /** What a tube's result says about one person sampled in it. */
  public enum Outcome {
    /** The tube (a pool or a single tube) is negative: so is the person's sample. */
    NEGATIVE,
    /** A single tube is positive: the person's own sample is (a case is confirmed separately). */
    POSITIVE,
    /** A pool is positive: the person is recalled for a single-tube retest (混管阳性，待单管复核). */
    POOL_POSITIVE,
    /** The tube's earlier positive or negative result was corrected to invalid: it no longer holds. */
    WITHDRAWN
  }

  /**
   * One person's share of a tube's result.
   *
   * @param tube the tube barcode
   * @param poolSize samples the tube holds at most (1: a single tube)
   * @param sampledAt when the person's sample in the tube was taken
   * @param correction whether the tube had another result before (this one supersedes it)
   */
  public record PersonResult(long personId, String tube, int poolSize, Outcome outcome, Instant sampledAt,
      boolean correction) {
  }
}
