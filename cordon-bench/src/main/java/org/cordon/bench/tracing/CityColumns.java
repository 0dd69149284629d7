package org.cordon.bench.tracing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.city.CitySink;
import org.cordon.core.person.Person;
import org.cordon.core.place.Venue;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/**
 * A generated city held in primitive columns (about 36 bytes per event, place ids deduplicated), so
 * that index building and database loading can be timed without the generator in the clock.
 */
final class CityColumns implements CitySink {
  /** Events of one kind: person, place, start, end (or -1 for a scan without exit), seat (rides). */
  static final class Events {
    int size;
    long[] person = new long[1024];
    String[] place = new String[1024];
    long[] start = new long[1024];
    long[] end = new long[1024];
    short[] seat = new short[1024];

    void add(long p, String where, long from, long to, int row) {
      if (size == person.length) {
        int n = size * 2;
        person = Arrays.copyOf(person, n);
        place = Arrays.copyOf(place, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        seat = Arrays.copyOf(seat, n);
      }
      person[size] = p;
      place[size] = where;
      start[size] = from;
      end[size] = to;
      seat[size] = (short) row;
      size++;
    }
  }

  final List<Person> persons = new ArrayList<>();
  final List<Venue> venues = new ArrayList<>();
  final Events scans = new Events();
  final Events rides = new Events();
  final Events dwells = new Events();
  private final Map<String, String> ids = new HashMap<>();

  private String id(String s) {
    String known = ids.putIfAbsent(s, s);
    return known == null ? s : known;
  }

  @Override
  public void person(Person person) {
    persons.add(person);
  }

  @Override
  public void venue(Venue venue) {
    venues.add(venue);
  }

  @Override
  public void scan(VenueScan s) {
    scans.add(s.personId(), id(s.venueId()), s.time().getEpochSecond(),
        s.exitTime() == null ? -1 : s.exitTime().getEpochSecond(), 0);
  }

  @Override
  public void trip(TripRide r) {
    rides.add(r.personId(), id(r.tripId()), r.boardTime().getEpochSecond(),
        r.alightTime().getEpochSecond(), r.seatRow() == null ? 0 : r.seatRow());
  }

  @Override
  public void dwell(Dwell d) {
    dwells.add(d.personId(), id(d.cellId()), d.start().getEpochSecond(), d.end().getEpochSecond(), 0);
  }

  long events() {
    return (long) scans.size + rides.size + dwells.size;
  }
}
