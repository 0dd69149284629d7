package org.cordon.core.presence;

import java.time.Instant;
import org.cordon.core.place.Ids;

/** A person's ride on a transport trip; {@code seatRow} is null when unknown. */
public record TripRide(long personId, String tripId, Integer seatRow, Instant boardTime,
    Instant alightTime) {

  public static final int MAX_ID_LENGTH = 64;

  public TripRide {
    if (personId <= 0) {
      throw new IllegalArgumentException("person_id must be positive, got " + personId);
    }
    Ids.requireToken("trip_id", tripId, MAX_ID_LENGTH);
    if (seatRow != null && (seatRow < 1 || seatRow > 999)) {
      throw new IllegalArgumentException("seat_row must be 1..999, got " + seatRow);
    }
    if (boardTime == null || alightTime == null || !alightTime.isAfter(boardTime)) {
      throw new IllegalArgumentException("alight_time must be after board_time");
    }
  }
}
