package org.cordon.core.healthcode;

import java.time.Instant;

/** The person is a confirmed case (or asymptomatic infection) from {@code confirmedAt}. */
public record CaseConfirmed(long personId, Instant confirmedAt) implements Fact {
  public CaseConfirmed {
    Fact.check(personId, "confirmed_at", confirmedAt);
  }

  @Override
  public Instant at() {
    return confirmedAt;
  }
}
