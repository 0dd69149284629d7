package org.cordon.core.healthcode;

import java.time.Instant;

/**
 * The lab withdrew the result of {@code tube} for this person (corrected to invalid, 无效): the earlier
 * fact naming the tube ({@link TestResult}, {@link PoolRecalled}) no longer counts. It has no rule of
 * its own.
 *
 * @param withdrawnAt when the correction was recorded
 */
public record ResultWithdrawn(long personId, String tube, Instant withdrawnAt) implements Fact {

  public ResultWithdrawn {
    Fact.check(personId, "withdrawn_at", withdrawnAt);
    tube = Fact.tube(tube);
    if (tube.isEmpty()) {
      throw new IllegalArgumentException("tube is required");
    }
  }

  @Override
  public Instant at() {
    return withdrawnAt;
  }
}
