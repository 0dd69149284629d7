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
 * A generated city held in primitive columns, so that index building and database loading can be
 * timed without the generator in the clock. About 18 bytes an event: person ids, place ids (indexes
 * into one shared list of distinct place strings) and times in seconds since 2020-01-01 as ints, in
 * blocks of 2^20 rows so that growing never copies (a 5M-person city has 360M events).
 */
final class CityColumns implements CitySink {
  /** 2020-01-01T00:00Z: times are kept as int seconds from here (good until 2088). */
  private static final long EPOCH_2020 = 1_577_836_800L;
  private static final int SHIFT = 20;
  private static final int BLOCK = 1 << SHIFT;
  private static final int MASK = BLOCK - 1;

  /** Events of one kind: person, place, start, end (or -1 for a scan without exit), seat (rides). */
  static final class Events {
    int size;
    private final boolean seats;
    private final List<String> places;
    private int[][] person = new int[0][];
    private int[][] place = new int[0][];
    private int[][] start = new int[0][];
    private int[][] end = new int[0][];
    private short[][] seat = new short[0][];

    Events(boolean seats, List<String> places) {
      this.seats = seats;
      this.places = places;
    }

    void add(long p, int where, long from, long to, int row) {
      int b = size >>> SHIFT;
      if (b == person.length) {
        person = Arrays.copyOf(person, b + 1);
        place = Arrays.copyOf(place, b + 1);
        start = Arrays.copyOf(start, b + 1);
        end = Arrays.copyOf(end, b + 1);
        person[b] = new int[BLOCK];
        place[b] = new int[BLOCK];
        start[b] = new int[BLOCK];
        end[b] = new int[BLOCK];
        if (seats) {
          seat = Arrays.copyOf(seat, b + 1);
          seat[b] = new short[BLOCK];
        }
      }
      int i = size & MASK;
      person[b][i] = Math.toIntExact(p);
      place[b][i] = where;
      start[b][i] = Math.toIntExact(from - EPOCH_2020);
      end[b][i] = to < 0 ? Integer.MIN_VALUE : Math.toIntExact(to - EPOCH_2020);
      if (seats) {
        seat[b][i] = (short) row;
      }
      size++;
    }

    long person(int i) {
      return person[i >>> SHIFT][i & MASK];
    }

    String place(int i) {
      return places.get(place[i >>> SHIFT][i & MASK]);
    }

    long start(int i) {
      return EPOCH_2020 + start[i >>> SHIFT][i & MASK];
    }

    /** Epoch seconds, or -1 for a scan without an exit. */
    long end(int i) {
      int e = end[i >>> SHIFT][i & MASK];
      return e == Integer.MIN_VALUE ? -1 : EPOCH_2020 + e;
    }

    /** Seat row, 0 when unknown or not a ride. */
    int seat(int i) {
      return seats ? seat[i >>> SHIFT][i & MASK] : 0;
    }

    /** Frees the rows (when they have been handed on and are not needed again). */
    void release() {
      size = 0;
      person = place = start = end = new int[0][];
      seat = new short[0][];
    }
  }

  final List<Person> persons = new ArrayList<>();
  final List<Venue> venues = new ArrayList<>();
  private final List<String> places = new ArrayList<>();
  private final Map<String, Integer> placeIds = new HashMap<>();
  final Events scans = new Events(false, places);
  final Events rides = new Events(true, places);
  final Events dwells = new Events(false, places);

  private int id(String place) {
    Integer known = placeIds.putIfAbsent(place, places.size());
    if (known != null) {
      return known;
    }
    places.add(place);
    return places.size() - 1;
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
