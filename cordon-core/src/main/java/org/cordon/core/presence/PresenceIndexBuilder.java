package org.cordon.core.presence;

import java.time.ZoneId;
import java.util.function.ToIntFunction;

/**
 * Collects presence rows in any order and sorts them into a {@link PresenceIndex}.
 *
 * <p>Appending is O(1) amortised (two dictionary lookups and five array stores); {@link #build()} is
 * O(rows + days × (persons + places)) with counting sorts, parallel over days. Memory while building:
 * the staged rows (16 bytes each, 18 for rides, plus growth slack) and the finished partitions (20/22
 * bytes each) at the same time. Every append checks its row and throws
 * {@link IllegalArgumentException} with the reason (non-positive person id, time out of
 * {@link PresenceTime} range, end not after start, seat row out of 0..999, venue dwell out of
 * 1..10080 minutes) without adding anything.
 *
 * <p>Single-threaded: one thread appends and builds. Time zone defaults to Asia/Shanghai, sort threads
 * to the available processors.
 */
public final class PresenceIndexBuilder {
  /** The default zone of day partitions. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  private final RowIntake intake;
  private ZoneId zone = DEFAULT_ZONE;
  private int threads = Runtime.getRuntime().availableProcessors();

  private PresenceIndexBuilder(PresenceKind kind, PersonDictionary persons,
      ToIntFunction<String> dwellMinutes, int expectedRows) {
    this.intake = new RowIntake(kind, persons, new PlaceDictionary(), dwellMinutes, expectedRows);
  }

  /**
   * A builder of venue scans.
   *
   * @param dwellMinutes default dwell in minutes (1..10080) of a venue code, asked once per venue the
   *     first time a scan without exit time names it; may throw for an unknown venue
   */
  public static PresenceIndexBuilder scans(PersonDictionary persons, ToIntFunction<String> dwellMinutes) {
    return new PresenceIndexBuilder(PresenceKind.SCAN, persons, dwellMinutes, 1024);
  }

  public static PresenceIndexBuilder rides(PersonDictionary persons) {
    return new PresenceIndexBuilder(PresenceKind.RIDE, persons, v -> 0, 1024);
  }

  public static PresenceIndexBuilder cells(PersonDictionary persons) {
    return new PresenceIndexBuilder(PresenceKind.CELL, persons, v -> 0, 1024);
  }

  /** Local days of this zone make the partitions. */
  public PresenceIndexBuilder zone(ZoneId dayZone) {
    this.zone = java.util.Objects.requireNonNull(dayZone, "zone");
    return this;
  }

  /**
   * Sizes the staging columns for {@code rows} rows (for instance the row count of the store when
   * rebuilding at start-up), which saves growing and copying them while appending. Appending more
   * still works.
   */
  public PresenceIndexBuilder expectedRows(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("expected rows must not be negative, got " + rows);
    }
    if (rows > intake.rows.person.length) {
      intake.rows.reserve(rows);
    }
    return this;
  }

  /** Threads that sort partitions in {@link #build()}; at least 1. */
  public PresenceIndexBuilder threads(int sortThreads) {
    if (sortThreads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + sortThreads);
    }
    this.threads = sortThreads;
    return this;
  }

  /**
   * Adds a venue scan. Without an exit ({@code -1}) the presence lasts the venue's dwell minutes.
   *
   * @param startEpochSecond scan time, Unix epoch seconds
   * @param exitEpochSecondOrMinus1 exit time in Unix epoch seconds, after the scan time, or -1
   */
  public PresenceIndexBuilder appendScan(long personId, String venueId, long startEpochSecond,
      long exitEpochSecondOrMinus1) {
    intake.scan(personId, venueId, startEpochSecond, exitEpochSecondOrMinus1);
    return this;
  }

  /** Adds a ride from boarding to alighting (epoch seconds); {@code seatRow} 1..999, 0 = unknown. */
  public PresenceIndexBuilder appendRide(long personId, String tripId, int seatRow, long boardEpochSecond,
      long alightEpochSecond) {
    intake.ride(personId, tripId, seatRow, boardEpochSecond, alightEpochSecond);
    return this;
  }

  /** Adds a dwell in a grid cell from start to end (epoch seconds). */
  public PresenceIndexBuilder appendDwell(long personId, String cellId, long startEpochSecond,
      long endEpochSecond) {
    intake.dwell(personId, cellId, startEpochSecond, endEpochSecond);
    return this;
  }

  public PresenceIndexBuilder append(VenueScan scan) {
    return appendScan(scan.personId(), scan.venueId(), scan.time().getEpochSecond(),
        scan.exitTime() == null ? -1 : scan.exitTime().getEpochSecond());
  }

  public PresenceIndexBuilder append(TripRide ride) {
    return appendRide(ride.personId(), ride.tripId(), ride.seatRow() == null ? 0 : ride.seatRow(),
        ride.boardTime().getEpochSecond(), ride.alightTime().getEpochSecond());
  }

  public PresenceIndexBuilder append(Dwell dwell) {
    return appendDwell(dwell.personId(), dwell.cellId(), dwell.start().getEpochSecond(),
        dwell.end().getEpochSecond());
  }

  /** Rows appended so far. */
  public int size() {
    return intake.rows.size;
  }

  /**
   * Sorts the rows appended so far into an index and empties this builder (it may be reused; the
   * dictionaries carry on).
   */
  public PresenceIndex build() {
    RowColumns rows = intake.rows;
    intake.rows = new RowColumns(intake.kind.hasSeats(), 16);
    return new PresenceIndex(intake.kind, zone, intake.persons, intake.places,
        sorter().sort(rows));
  }

  /**
   * Builds the index from the rows appended so far and hands the intake over to a live index that
   * takes later appends; this builder must not be used afterwards.
   *
   * @param compactRows tail size at which {@link LivePresenceIndex#publish()} merges the tail into the
   *     day partitions
   */
  public LivePresenceIndex buildLive(int compactRows) {
    PresenceIndex base = build();
    return new LivePresenceIndex(base, intake, sorter(), compactRows);
  }

  private PartitionSorter sorter() {
    return new PartitionSorter(zone, intake.persons, intake.places, threads);
  }
}
