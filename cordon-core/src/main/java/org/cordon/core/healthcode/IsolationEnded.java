package org.cordon.core.healthcode;

import java.time.Instant;

/**
 * The person was released (解除隔离 / discharged) at {@code releasedAt}: it ends every isolation,
 * case, contact, arrival and positive-test reason that began at or before it; the regime's home
 * health monitoring (policy) follows.
 */
public record IsolationEnded(long personId, Instant releasedAt) implements Fact {
  public IsolationEnded {
    Fact.check(personId, "released_at", releasedAt);
  }

  @Override
  public Instant at() {
    return releasedAt;
  }
}
