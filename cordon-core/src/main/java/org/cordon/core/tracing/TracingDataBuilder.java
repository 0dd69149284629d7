package org.cordon.core.tracing;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.cordon.core.city.CitySink;
import org.cordon.core.person.Person;
import org.cordon.core.place.ContactClass;
import org.cordon.core.place.Venue;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.PersonDictionary;
import org.cordon.core.presence.PresenceIndex;
import org.cordon.core.presence.PresenceIndexBuilder;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;

/**
 * Collects persons, venues and presence events (a {@link CitySink}, so a synthetic city or a directory
 * of exchange files can stream straight in) and builds {@link TracingData}.
 *
 * <p>Persons and venues must come before the events that name them: an event of an unknown person
 * or venue, a person or venue given twice, is rejected with an {@link IllegalArgumentException} naming
 * it, and nothing is added. Single-threaded.
 */
public final class TracingDataBuilder implements CitySink {
  private final PersonDictionary persons;
  private final PresenceIndexBuilder scans;
  private final PresenceIndexBuilder rides;
  private final PresenceIndexBuilder cells;
  private final Map<String, Venue> venues = new HashMap<>();
  private long[] householdOf = new long[1024];
  private long latestEpochSecond = Long.MIN_VALUE;

  public TracingDataBuilder() {
    this(1024, 0);
  }

  /**
   * @param expectedPersons persons to size the dictionary for
   * @param expectedEventsPerKind rows to size each presence builder's staging columns for
   */
  public TracingDataBuilder(int expectedPersons, int expectedEventsPerKind) {
    this(expectedPersons, expectedEventsPerKind, expectedEventsPerKind, expectedEventsPerKind);
  }

  /**
   * Sized per kind, so that a city with ten times more dwells than rides does not stage room for ten
   * times too many rides.
   */
  public TracingDataBuilder(int expectedPersons, int expectedScans, int expectedRides,
      int expectedDwells) {
    persons = new PersonDictionary(expectedPersons);
    householdOf = new long[Math.max(16, expectedPersons)];
    scans = PresenceIndexBuilder.scans(persons, this::dwellMinutes).expectedRows(expectedScans);
    rides = PresenceIndexBuilder.rides(persons).expectedRows(expectedRides);
    cells = PresenceIndexBuilder.cells(persons).expectedRows(expectedDwells);
  }

  @Override
  public void person(Person person) {
    person(person.personId(), person.householdId());
  }

  /** Adds a person by id and household id (both positive). */
  public void person(long personId, long householdId) {
    if (householdId <= 0) {
      throw new IllegalArgumentException("household_id must be positive, got " + householdId);
    }
    if (persons.find(personId) >= 0) {
      throw new IllegalArgumentException("person " + personId + " is given twice");
    }
    int dense = persons.intern(personId);
    if (dense == householdOf.length) {
      householdOf = Arrays.copyOf(householdOf, householdOf.length * 2);
    }
    householdOf[dense] = householdId;
  }

  @Override
  public void venue(Venue venue) {
    if (venues.putIfAbsent(venue.venueId(), venue) != null) {
      throw new IllegalArgumentException("venue " + venue.venueId() + " is given twice");
    }
  }

  @Override
  public void scan(VenueScan scan) {
    appendScan(scan.personId(), scan.venueId(), scan.time().getEpochSecond(),
        scan.exitTime() == null ? -1 : scan.exitTime().getEpochSecond());
  }

  @Override
  public void trip(TripRide ride) {
    appendRide(ride.personId(), ride.tripId(), ride.seatRow() == null ? 0 : ride.seatRow(),
        ride.boardTime().getEpochSecond(), ride.alightTime().getEpochSecond());
  }

  @Override
  public void dwell(Dwell dwell) {
    appendDwell(dwell.personId(), dwell.cellId(), dwell.start().getEpochSecond(),
        dwell.end().getEpochSecond());
  }

  /** A scan in epoch seconds, exit {@code -1} when unknown; see {@link PresenceIndexBuilder#appendScan}. */
  public void appendScan(long personId, String venueId, long startEpochSecond,
      long exitEpochSecondOrMinus1) {
    requirePerson(personId);
    if (!venues.containsKey(venueId)) {
      throw new IllegalArgumentException("unknown venue " + venueId);
    }
    scans.appendScan(personId, venueId, startEpochSecond, exitEpochSecondOrMinus1);
    seen(Math.max(startEpochSecond, exitEpochSecondOrMinus1));
  }

  /** A ride in epoch seconds, seat row 0 when unknown; see {@link PresenceIndexBuilder#appendRide}. */
  public void appendRide(long personId, String tripId, int seatRow, long boardEpochSecond,
      long alightEpochSecond) {
    requirePerson(personId);
    rides.appendRide(personId, tripId, seatRow, boardEpochSecond, alightEpochSecond);
    seen(alightEpochSecond);
  }

  /** A dwell in epoch seconds; see {@link PresenceIndexBuilder#appendDwell}. */
  public void appendDwell(long personId, String cellId, long startEpochSecond, long endEpochSecond) {
    requirePerson(personId);
    cells.appendDwell(personId, cellId, startEpochSecond, endEpochSecond);
    seen(endEpochSecond);
  }

  /** Events appended so far, all kinds. */
  public long events() {
    return (long) scans.size() + rides.size() + cells.size();
  }

  /** Sorts everything into the indexes; the builder must not be used afterwards. */
  public TracingData build() {
    PresenceIndex scanIndex = scans.build();
    PresenceIndex rideIndex = rides.build();
    PresenceIndex cellIndex = cells.build();
    boolean[] close = new boolean[0];
    for (Venue v : venues.values()) {
      int p = scanIndex.placeIndex(v.venueId());
      if (p >= 0 && v.contactClass() == ContactClass.CLOSE) {
        if (p >= close.length) {
          close = Arrays.copyOf(close, Math.max(p + 1, close.length * 2));
        }
        close[p] = true;
      }
    }
    int known = persons.size();
    Instant latest = latestEpochSecond == Long.MIN_VALUE ? null
        : Instant.ofEpochSecond(latestEpochSecond);
    return new TracingData(persons, scanIndex, rideIndex, cellIndex,
        Households.of(householdOf, known), close, latest);
  }

  private void requirePerson(long personId) {
    if (persons.find(personId) < 0) {
      throw new IllegalArgumentException("unknown person " + personId);
    }
  }

  private void seen(long epochSecond) {
    latestEpochSecond = Math.max(latestEpochSecond, epochSecond);
  }

  private int dwellMinutes(String venueId) {
    Venue v = venues.get(venueId);
    if (v == null) {
      throw new IllegalArgumentException("unknown venue " + venueId);
    }
    return v.dwellMinutes();
  }
}
