package org.cordon.core.presence;

import java.time.Instant;
import org.cordon.core.place.Ids;
import org.cordon.core.place.Venue;

/** A venue-code scan: person entered venue at {@code time}; {@code exitTime} is null when unknown. */
public record VenueScan(long personId, String venueId, Instant time, Instant exitTime) {
  public VenueScan {
    if (personId <= 0) {
      throw new IllegalArgumentException("person_id must be positive, got " + personId);
    }
    Ids.requireToken("venue_id", venueId, Venue.MAX_ID_LENGTH);
    if (time == null) {
      throw new IllegalArgumentException("time is required");
    }
    if (exitTime != null && !exitTime.isAfter(time)) {
      throw new IllegalArgumentException("exit_time " + exitTime + " is not after time " + time);
    }
  }
}
