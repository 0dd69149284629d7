package org.cordon.core.tracing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cordon.core.place.ContactClass;
import org.cordon.core.place.Venue;
import org.cordon.core.presence.LivePresenceIndex;
import org.cordon.core.presence.PresenceIndex;

/**
 * {@link TracingData} that keeps taking persons, venues and presence events after it was built
 * ({@link TracingDataBuilder#buildLive(int)}): the three presence indexes are
 * {@link LivePresenceIndex}es (appends go to a small sorted tail, merged into the day partitions once it
 * holds {@code compactRows} rows), the person dictionary is the one the indexes share, and households
 * and venue classes are extended at each publish.
 *
 * <p>A trace over {@link #current()} after appends gives exactly what a trace over data built in full
 * from the same persons, venues and events gives ({@code LiveTracingDataRandomizedTest}).
 *
 * <p>Concurrency contract: one writer thread calls {@link #person}, {@link #venue}, the append methods
 * and {@link #publish()}; any number of threads call {@link #current()} and trace the data they got,
 * which never changes under them. Nothing appended is visible before the next publish, so a writer that
 * appends a whole upload and then publishes never shows half of it. The same checks as the builder:
 * an event of an unknown person or venue, a person or venue given twice, throws
 * {@link IllegalArgumentException} and adds nothing.
 *
 * <p>Cost of a publish: sorting each kind's tail (O(tail log tail), tail below {@code compactRows}),
 * or, when a tail is full, re-sorting the days it touches; plus O(persons) to regroup households when
 * persons were added since the last publish.
 */
public final class LiveTracingData {
  private final TracingDataBuilder base;
  private final LivePresenceIndex scans;
  private final LivePresenceIndex rides;
  private final LivePresenceIndex cells;
  /** Close-class venues that have no scan yet, so no dense place of the scan index. */
  private final List<String> closeWithoutPlace = new ArrayList<>();
  private boolean[] closeVenue;
  private Households households;
  private volatile TracingData current;

  LiveTracingData(TracingDataBuilder base, LivePresenceIndex scans, LivePresenceIndex rides,
      LivePresenceIndex cells) {
    this.base = base;
    this.scans = scans;
    this.rides = rides;
    this.cells = cells;
    this.closeVenue = new boolean[0];
    for (Venue v : base.venues.values()) {
      if (v.contactClass() == ContactClass.CLOSE) {
        closeWithoutPlace.add(v.venueId());
      }
    }
    publish();
  }

  /** The data as of the last publish; safe from any thread. */
  public TracingData current() {
    return current;
  }

  /** Adds a person (writer thread); see {@link TracingDataBuilder#person(long, long)}. */
  public void person(long personId, long householdId) {
    base.person(personId, householdId);
  }

  /** Adds a venue (writer thread); see {@link TracingDataBuilder#venue(Venue)}. */
  public void venue(Venue venue) {
    base.venue(venue);
    if (venue.contactClass() == ContactClass.CLOSE) {
      closeWithoutPlace.add(venue.venueId());
    }
  }

  /** Writer thread; see {@link TracingDataBuilder#appendScan}. */
  public void appendScan(long personId, String venueId, long startEpochSecond,
      long exitEpochSecondOrMinus1) {
    base.requirePerson(personId);
    if (!base.venues.containsKey(venueId)) {
      throw new IllegalArgumentException("unknown venue " + venueId);
    }
    scans.appendScan(personId, venueId, startEpochSecond, exitEpochSecondOrMinus1);
    base.seen(Math.max(startEpochSecond, exitEpochSecondOrMinus1));
  }

  /** Writer thread; see {@link TracingDataBuilder#appendRide}. */
  public void appendRide(long personId, String tripId, int seatRow, long boardEpochSecond,
      long alightEpochSecond) {
    base.requirePerson(personId);
    rides.appendRide(personId, tripId, seatRow, boardEpochSecond, alightEpochSecond);
    base.seen(alightEpochSecond);
  }

  /** Writer thread; see {@link TracingDataBuilder#appendDwell}. */
  public void appendDwell(long personId, String cellId, long startEpochSecond, long endEpochSecond) {
    base.requirePerson(personId);
    cells.appendDwell(personId, cellId, startEpochSecond, endEpochSecond);
    base.seen(endEpochSecond);
  }

  /** Rows appended since the last compaction, all kinds. */
  public long tailRows() {
    return (long) scans.tailSize() + rides.tailSize() + cells.tailSize();
  }

  /** Makes everything added so far visible to {@link #current()}, and returns it. Writer thread only. */
  public TracingData publish() {
    PresenceIndex scanIndex = scans.publish();
    PresenceIndex rideIndex = rides.publish();
    PresenceIndex cellIndex = cells.publish();
    int known = base.persons.size();
    if (households == null || households.persons() != known) {
      households = Households.of(base.householdOf, known);
    }
    boolean[] close = closeVenue;
    for (int i = closeWithoutPlace.size() - 1; i >= 0; i--) {
      int p = scanIndex.placeIndex(closeWithoutPlace.get(i));
      if (p >= 0) {
        if (close == closeVenue) {
          // readers hold the old array: copy before the first change
          close = Arrays.copyOf(closeVenue, Math.max(closeVenue.length, p + 1));
        } else if (p >= close.length) {
          close = Arrays.copyOf(close, p + 1);
        }
        close[p] = true;
        closeWithoutPlace.remove(i);
      }
    }
    closeVenue = close;
    Instant latest = base.latestEpochSecond == Long.MIN_VALUE ? null
        : Instant.ofEpochSecond(base.latestEpochSecond);
    TracingData next = new TracingData(base.persons, scanIndex, rideIndex, cellIndex, households, close,
        latest);
    current = next;
    return next;
  }
}
