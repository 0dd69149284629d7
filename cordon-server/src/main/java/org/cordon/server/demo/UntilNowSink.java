package org.cordon.server.demo;

import java.io.IOException;
import java.time.Instant;
import org.cordon.core.city.CitySink;
import org.cordon.core.person.Person;
import org.cordon.core.place.Venue;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/**
 * Passes a generated city on without what has not happened yet: events that start after {@code now}
 * are dropped, exits after it become unknown, and a ride or dwell still going on is cut at {@code now}.
 * The intake rightly refuses events from the future.
 */
final class UntilNowSink implements CitySink {
  private final CitySink next;
  private final Instant now;

  UntilNowSink(CitySink next, Instant now) {
    this.next = next;
    this.now = now;
  }

  @Override
  public void person(Person person) throws IOException {
    next.person(person);
  }

  @Override
  public void venue(Venue venue) throws IOException {
    next.venue(venue);
  }

  @Override
  public void scan(VenueScan s) throws IOException {
    if (s.time().isBefore(now)) {
      next.scan(s.exitTime() == null || !s.exitTime().isAfter(now)
          ? s : new VenueScan(s.personId(), s.venueId(), s.time(), null));
    }
  }

  @Override
  public void trip(TripRide t) throws IOException {
    if (t.alightTime().isAfter(now) && t.boardTime().isBefore(now.minusSeconds(60))) {
      next.trip(new TripRide(t.personId(), t.tripId(), t.seatRow(), t.boardTime(), now));
    } else if (!t.alightTime().isAfter(now)) {
      next.trip(t);
    }
  }

  @Override
  public void dwell(Dwell d) throws IOException {
    if (d.end().isAfter(now) && d.start().isBefore(now.minusSeconds(60))) {
      next.dwell(new Dwell(d.personId(), d.cellId(), d.start(), now));
    } else if (!d.end().isAfter(now)) {
      next.dwell(d);
    }
  }

  @Override
  public void dayDone(int day, int days) throws IOException {
    next.dayDone(day, days);
  }
}
