package org.cordon.core.tracing;

import java.util.Locale;

/** Which of the four tracks a link came through; its place is a household, venue, trip or cell id. */
public enum ContactTrack {
  HOUSEHOLD, VENUE, TRIP, CELL;

  /** The lower-case form used in files and APIs, e.g. {@code venue}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
