package org.cordon.core.testing;

/** Why a sampling or result input was refused; the stable code an API returns beside the message. */
public enum RejectReason {
  /** The person is not in the population. */
  UNKNOWN_PERSON,
  /** The person is not in the campaign's target population. */
  NOT_TARGETED,
  /** The site is not one of the campaign's sampling sites. */
  UNKNOWN_SITE,
  /** The site is closed at that time (its opening hours). */
  SITE_CLOSED,
  /** The time is outside the campaign's start and end, or before an earlier step of the same tube. */
  BAD_TIME,
  /** The tube barcode was never opened in this round. */
  UNKNOWN_TUBE,
  /** A tube with this barcode was already opened in this round. */
  TUBE_EXISTS,
  /** The tube is closed (full, closed by the collector, or received by the lab). */
  TUBE_CLOSED,
  /** The tube already holds as many samples as its pool size. */
  TUBE_FULL,
  /** The tube was opened at another site. */
  WRONG_SITE,
  /** A tube capacity outside 1..20. */
  BAD_POOL_SIZE,
  /** The person was already sampled in this round (and is not waiting for a recall retest). */
  ALREADY_SAMPLED,
  /** A recalled person's retest must go into a single tube (pool size 1). */
  RETEST_NOT_SINGLE,
  /** A result or a lab receipt for a tube that holds no sample. */
  TUBE_NOT_SAMPLED,
  /** A result for a tube still open at its site (not closed, not received by the lab). */
  TUBE_OPEN,
  /** A required value is missing or malformed. */
  BAD_VALUE
}
