package org.cordon.core.presence;

/**
 * What a presence index holds; the place of a row is a venue, a transport trip or a grid cell.
 * Only {@link #RIDE} rows carry a seat row.
 */
public enum PresenceKind {
  /** Venue-code scans; place = venue code; ends at the exit, else after the venue's dwell minutes. */
  SCAN,
  /** Transport rides; place = trip id; from boarding to alighting; carries the seat row. */
  RIDE,
  /** Phone dwells in an 800 m grid cell; place = cell id; from start to end. */
  CELL;

  boolean hasSeats() {
    return this == RIDE;
  }
}
