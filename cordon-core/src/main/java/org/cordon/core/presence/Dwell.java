package org.cordon.core.presence;

import java.time.Instant;
import org.cordon.core.place.Ids;

/** A phone's stay in an 800 m grid cell from {@code start} (inclusive) to {@code end} (exclusive). */
public record Dwell(long personId, String cellId, Instant start, Instant end) {

  public static final int MAX_ID_LENGTH = 32;

  public Dwell {
    if (personId <= 0) {
      throw new IllegalArgumentException("person_id must be positive, got " + personId);
    }
    Ids.requireToken("cell_id", cellId, MAX_ID_LENGTH);
    if (start == null || end == null || !end.isAfter(start)) {
      throw new IllegalArgumentException("end_time must be after start_time");
    }
  }
}
