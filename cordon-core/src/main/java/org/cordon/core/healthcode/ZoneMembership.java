package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.Objects;

/**
 * From {@code since}, the person lives in {@code zone} of {@code level}; the latest membership wins
 * (level {@link Level#NONE} when the zone is lifted or the person leaves it).
 */
public record ZoneMembership(long personId, String zone, Level level, Instant since) implements Fact {

  /** 封控区 / 管控区 / 防范区 (9th edition: high / medium / low risk area), or none. */
  public enum Level {
    SEALED, CONTROLLED, PREVENTION, NONE
  }

  public ZoneMembership {
    Fact.check(personId, "since", since);
    Objects.requireNonNull(level, "level");
    zone = zone == null ? "" : zone;
  }

  @Override
  public Instant at() {
    return since;
  }
}
