package org.cordon.core.presence;

/**
 * Receives the rows a presence query finds, one call per row, as dense ids and index times
 * ({@link PresenceTime}). Resolve ids with {@link PresenceIndex#personId(int)} and
 * {@link PresenceIndex#placeId(int)}.
 */
@FunctionalInterface
public interface PresenceVisitor {
  /**
   * @param person dense person id
   * @param place dense place id (venue, trip or cell, after the index's kind)
   * @param start start of the presence, inclusive, index seconds
   * @param end end of the presence, exclusive, index seconds; always greater than {@code start}
   * @param seatRow seat row 1..999 of a ride, 0 when unknown or when the index is not of rides
   */
  void visit(int person, int place, int start, int end, int seatRow);
}
