package org.cordon.core.healthcode;

import java.time.Instant;

/**
 * The person's pooled sample (混管) in {@code tube} was positive and the person is recalled for a
 * single-tube retest (混管阳性，待单管复核). It takes effect when the recall is opened; it lasts until a
 * PCR result of the person sampled after {@code pooledAt} arrives (a negative one ends it, a positive
 * one is its own, redder reason), or until a correction of the pool's result (a later fact naming the
 * same tube) replaces it.
 *
 * @param tube the pool's tube barcode
 * @param pooledAt when the person's pooled sample was taken
 * @param recalledAt when the positive pool result recalled the person
 */
public record PoolRecalled(long personId, String tube, Instant pooledAt, Instant recalledAt) implements Fact {

  public PoolRecalled {
    Fact.check(personId, "recalled_at", recalledAt);
    Fact.checkTime("pooled_at", pooledAt);
    tube = Fact.tube(tube);
    if (tube.isEmpty()) {
      throw new IllegalArgumentException("tube is required");
    }
    if (pooledAt.isAfter(recalledAt)) {
      throw new IllegalArgumentException("pooled_at " + pooledAt + " is after recalled_at " + recalledAt);
    }
  }

  @Override
  public Instant at() {
    return recalledAt;
  }
}
