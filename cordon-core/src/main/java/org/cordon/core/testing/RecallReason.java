package org.cordon.core.testing;

/** Why a person is recalled for a single-tube retest. */
public enum RecallReason {
  /** The pooled tube (混管) was positive. */
  POOL_POSITIVE,
  /** The tube could not be tested; the person must be sampled again. */
  TUBE_INVALID
}
