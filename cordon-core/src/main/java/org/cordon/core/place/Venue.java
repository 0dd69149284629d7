package org.cordon.core.place;

/**
 * A venue (场所) with its venue code, where people scan in. {@code dwellMinutes} is how long a visit is
 * assumed to last when a scan has no exit time.
 */
public record Venue(String venueId, String name, VenueKind kind, DivisionCode division,
    GeoPoint location, int dwellMinutes, ContactClass contactClass) {

  /** Upper bound of a venue code's length. */
  public static final int MAX_ID_LENGTH = 64;

  public Venue {
    Ids.requireToken("venue_id", venueId, MAX_ID_LENGTH);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("venue name is empty");
    }
    if (kind == null || division == null || contactClass == null) {
      throw new IllegalArgumentException("venue kind, division and contact class are required");
    }
    if (dwellMinutes < 1 || dwellMinutes > 24 * 60) {
      throw new IllegalArgumentException("dwell_minutes must be 1..1440, got " + dwellMinutes);
    }
  }
}
