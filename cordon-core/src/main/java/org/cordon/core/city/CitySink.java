package org.cordon.core.city;

import java.io.IOException;
import org.cordon.core.person.Person;
import org.cordon.core.place.Venue;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/**
 * Receives the generated city in order: all persons, then all venues, then the events day by day.
 * Called from one thread at a time.
 */
public interface CitySink {
  void person(Person person) throws IOException;

  void venue(Venue venue) throws IOException;

  void scan(VenueScan scan) throws IOException;

  void trip(TripRide ride) throws IOException;

  void dwell(Dwell dwell) throws IOException;

  /** Progress after each generated day: {@code day} of {@code days} is done. */
  default void dayDone(int day, int days) throws IOException {
  }
}
