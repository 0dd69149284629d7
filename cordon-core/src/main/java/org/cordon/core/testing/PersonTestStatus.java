package org.cordon.core.testing;

/** Where a person stands in one sampling round. */
public enum PersonTestStatus {
  /** No sample taken yet in this round (missed, if the round is over). */
  NOT_SAMPLED,
  /** Sampled; the tube has no result yet. */
  AWAITING_RESULT,
  /** Cleared: the pooled tube, or the single retest, was negative. */
  NEGATIVE,
  /**
   * Recalled (召回复核): the pooled tube was positive, or the tube was invalid; the person needs a
   * single-tube retest and is held in the community's list until its result arrives.
   */
  RECALL,
  /** A single tube (first sample or retest) was positive: a case. */
  POSITIVE
}
