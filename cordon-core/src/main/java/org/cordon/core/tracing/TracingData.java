package org.cordon.core.tracing;

import java.time.Instant;
import org.cordon.core.place.ContactClass;
import org.cordon.core.presence.PersonDictionary;
import org.cordon.core.presence.PresenceIndex;
import org.cordon.core.presence.PresenceTime;

/**
 * What the tracing engine reads: the three presence indexes over one shared person dictionary, the
 * households, and the contact class of every venue the scan index knows. Build it with
 * {@link TracingDataBuilder}. Immutable and thread-safe.
 */
public final class TracingData {
  private final PersonDictionary persons;
  private final PresenceIndex scans;
  private final PresenceIndex rides;
  private final PresenceIndex cells;
  private final Households households;
  /** By dense scan-index place: true where the venue's contact class is {@code close}. */
  private final boolean[] closeVenue;
  private final Instant latestEvent;

  TracingData(PersonDictionary persons, PresenceIndex scans, PresenceIndex rides, PresenceIndex cells,
      Households households, boolean[] closeVenue, Instant latestEvent) {
    this.persons = persons;
    this.scans = scans;
    this.rides = rides;
    this.cells = cells;
    this.households = households;
    this.closeVenue = closeVenue;
    this.latestEvent = latestEvent;
  }

  public PersonDictionary persons() {
    return persons;
  }

  public PresenceIndex scans() {
    return scans;
  }

  public PresenceIndex rides() {
    return rides;
  }

  public PresenceIndex cells() {
    return cells;
  }

  public Households households() {
    return households;
  }

  /** Contact class of a dense place of {@link #scans()}. */
  public ContactClass venueClass(int venue) {
    return venue >= 0 && venue < closeVenue.length && closeVenue[venue] ? ContactClass.CLOSE
        : ContactClass.KEY;
  }

  /**
   * The latest time stamp among all events (scan times and exit times, board and alight times, dwell
   * starts and ends; not the assumed end of a scan without exit), or {@code null} without events.
   */
  public Instant latestEvent() {
    return latestEvent;
  }

  /** Dense id of a known person, -1 for a person not in the persons given to the builder. */
  public int personIndex(long personId) {
    int p = persons.find(personId);
    return p < households.persons() ? p : -1;
  }

  /** Number of presence rows of all three indexes. */
  public long events() {
    return scans.size() + rides.size() + cells.size();
  }

  /** Bytes of the row columns of the three indexes. */
  public long rowBytes() {
    return scans.rowBytes() + rides.rowBytes() + cells.rowBytes();
  }

  /** Bytes of the indexes (person dictionary counted once), households and venue classes. */
  public long bytesUsed() {
    return scans.rowBytes() + rides.rowBytes() + cells.rowBytes() + persons.bytesUsed()
        + (scans.bytesUsed() - scans.rowBytes() - persons.bytesUsed())
        + (rides.bytesUsed() - rides.rowBytes() - persons.bytesUsed())
        + (cells.bytesUsed() - cells.rowBytes() - persons.bytesUsed())
        + households.bytesUsed() + closeVenue.length;
  }

  static int indexTime(Instant t) {
    long s = t.getEpochSecond() - PresenceTime.EPOCH_SECOND;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
  }
}
