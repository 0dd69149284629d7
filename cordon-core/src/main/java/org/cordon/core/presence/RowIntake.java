package org.cordon.core.presence;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * Checks, interns and appends presence rows of one kind into {@link RowColumns}; shared by the builder
 * and the live index. Single writer.
 */
final class RowIntake {
  /** Longest dwell a venue may declare: 7 days. */
  static final int MAX_DWELL_MINUTES = 7 * 24 * 60;

  final PresenceKind kind;
  final PersonDictionary persons;
  final PlaceDictionary places;
  private final ToIntFunction<String> dwellMinutes;
  /** Seconds by dense venue id; 0 = not asked yet. */
  private int[] dwellSeconds = new int[0];
  RowColumns rows;

  RowIntake(PresenceKind kind, PersonDictionary persons, PlaceDictionary places,
      ToIntFunction<String> dwellMinutes, int expectedRows) {
    this.kind = kind;
    this.persons = persons;
    this.places = places;
    this.dwellMinutes = dwellMinutes;
    this.rows = new RowColumns(kind.hasSeats(), expectedRows);
  }

  void scan(long personId, String venueId, long startSecond, long exitSecondOrMinus1) {
    requireKind(PresenceKind.SCAN);
    requirePerson(personId);
    int start = PresenceTime.ofEpochSecond(startSecond);
    int place;
    int end;
    if (exitSecondOrMinus1 == -1) {
      place = venueWithDwell(venueId);
      long e = (long) start + dwellSeconds[place];
      if (e > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("time plus dwell of venue " + venueId + " is past "
            + PresenceTime.MAX);
      }
      end = (int) e;
    } else {
      end = PresenceTime.ofEpochSecond(exitSecondOrMinus1);
      if (end <= start) {
        throw new IllegalArgumentException("exit_time " + PresenceTime.toInstant(end)
            + " is not after time " + PresenceTime.toInstant(start));
      }
      place = places.intern(venueId);
    }
    rows.add(persons.intern(personId), place, start, end, 0);
  }

  void ride(long personId, String tripId, int seatRow, long boardSecond, long alightSecond) {
    requireKind(PresenceKind.RIDE);
    if (seatRow < 0 || seatRow > 999) {
      throw new IllegalArgumentException("seat_row must be 1..999 (0 = unknown), got " + seatRow);
    }
    interval(personId, tripId, boardSecond, alightSecond, seatRow, "alight_time", "board_time");
  }

  void dwell(long personId, String cellId, long startSecond, long endSecond) {
    requireKind(PresenceKind.CELL);
    interval(personId, cellId, startSecond, endSecond, 0, "end_time", "start_time");
  }

  private void interval(long personId, String placeId, long from, long to, int seat, String endName,
      String startName) {
    requirePerson(personId);
    int start = PresenceTime.ofEpochSecond(from);
    int end = PresenceTime.ofEpochSecond(to);
    if (end <= start) {
      throw new IllegalArgumentException(endName + " " + PresenceTime.toInstant(end)
          + " is not after " + startName + " " + PresenceTime.toInstant(start));
    }
    rows.add(persons.intern(personId), places.intern(placeId), start, end, seat);
  }

  /** Interns a venue, asking its dwell minutes the first time it is seen (before interning it). */
  private int venueWithDwell(String venueId) {
    int place = places.find(venueId);
    if (place >= 0 && place < dwellSeconds.length && dwellSeconds[place] > 0) {
      return place;
    }
    int minutes = dwellMinutes.applyAsInt(venueId);
    if (minutes < 1 || minutes > MAX_DWELL_MINUTES) {
      throw new IllegalArgumentException("dwell minutes of venue " + venueId + " must be 1.."
          + MAX_DWELL_MINUTES + ", got " + minutes);
    }
    place = places.intern(venueId);
    if (place >= dwellSeconds.length) {
      dwellSeconds = Arrays.copyOf(dwellSeconds, Math.max(place + 1, dwellSeconds.length * 2 + 16));
    }
    dwellSeconds[place] = minutes * 60;
    return place;
  }

  private static void requirePerson(long personId) {
    if (personId <= 0) {
      throw new IllegalArgumentException("person_id must be positive, got " + personId);
    }
  }

  private void requireKind(PresenceKind wanted) {
    if (kind != wanted) {
      throw new IllegalStateException("this index holds " + kind + " rows, not " + wanted);
    }
  }
}
