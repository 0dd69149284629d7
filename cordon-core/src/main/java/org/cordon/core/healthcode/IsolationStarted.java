package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.Objects;

/** The person was put under isolation at {@code startedAt}, until an {@link IsolationEnded}. */
public record IsolationStarted(long personId, Setting setting, Instant startedAt) implements Fact {

  /** Where the person is isolated. */
  public enum Setting {
    /** 集中隔离. */
    CENTRALIZED,
    /** 居家隔离. */
    HOME
  }

  public IsolationStarted {
    Fact.check(personId, "started_at", startedAt);
    Objects.requireNonNull(setting, "setting");
  }

  @Override
  public Instant at() {
    return startedAt;
  }
}
