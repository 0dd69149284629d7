package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.Objects;

/** The person arrived at {@code arrivedAt} from {@code area} (any label), a risk area of {@code risk}. */
public record ArrivalRecorded(long personId, String area, AreaRisk risk, Instant arrivedAt) implements Fact {

  /** Risk level of the area the person came from. */
  public enum AreaRisk {
    HIGH, MEDIUM, LOW
  }

  public ArrivalRecorded {
    Fact.check(personId, "arrived_at", arrivedAt);
    Objects.requireNonNull(risk, "risk");
    area = area == null ? "" : area;
  }

  @Override
  public Instant at() {
    return arrivedAt;
  }
}
