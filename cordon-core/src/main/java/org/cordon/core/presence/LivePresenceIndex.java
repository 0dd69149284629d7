package org.cordon.core.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A presence index that keeps taking rows after it was built: appends go to a small unsorted tail,
 * {@link #publish()} sorts the tail into extra partitions and publishes a new immutable
 * {@link PresenceIndex} snapshot, and {@link #compact()} merges the tail into the day partitions it
 * belongs to.
 *
 * <p>Concurrency contract: one writer thread calls the append methods, {@link #publish()} and
 * {@link #compact()}; any number of reader threads call {@link #snapshot()} and query the snapshot they
 * got, which never changes under them. Appends are invisible to readers until the next publish. The
 * published snapshot is a volatile reference; day partitions are shared between snapshots and never
 * mutated.
 *
 * <p>Cost: publish sorts the whole tail, O(tail log tail) while the tail is small; compact re-sorts each
 * day the tail touches (O(rows of those days)). Publish compacts by itself once the tail holds
 * {@code compactRows} rows.
 */
public final class LivePresenceIndex {
  private final RowIntake intake;
  private final PartitionSorter sorter;
  private final int compactRows;
  private List<DayPartition> days;
  private volatile PresenceIndex snapshot;

  LivePresenceIndex(PresenceIndex base, RowIntake intake, PartitionSorter sorter, int compactRows) {
    if (compactRows < 1) {
      throw new IllegalArgumentException("compactRows must be at least 1, got " + compactRows);
    }
    this.intake = intake;
    this.sorter = sorter;
    this.compactRows = compactRows;
    this.days = base.partitions();
    this.snapshot = base;
  }

  /** The latest published index; safe from any thread. */
  public PresenceIndex snapshot() {
    return snapshot;
  }

  /** Rows appended since the last compaction. */
  public int tailSize() {
    return intake.rows.size;
  }

  /** As {@link PresenceIndexBuilder#appendScan}; writer thread only. */
  public void appendScan(long personId, String venueId, long startEpochSecond,
      long exitEpochSecondOrMinus1) {
    intake.scan(personId, venueId, startEpochSecond, exitEpochSecondOrMinus1);
  }

  /** As {@link PresenceIndexBuilder#appendRide}; writer thread only. */
  public void appendRide(long personId, String tripId, int seatRow, long boardEpochSecond,
      long alightEpochSecond) {
    intake.ride(personId, tripId, seatRow, boardEpochSecond, alightEpochSecond);
  }

  /** As {@link PresenceIndexBuilder#appendDwell}; writer thread only. */
  public void appendDwell(long personId, String cellId, long startEpochSecond, long endEpochSecond) {
    intake.dwell(personId, cellId, startEpochSecond, endEpochSecond);
  }

  /** Makes every row appended so far visible in a new snapshot, and returns it. Writer thread only. */
  public PresenceIndex publish() {
    if (intake.rows.size >= compactRows) {
      return compact();
    }
    List<DayPartition> all = new ArrayList<>(days);
    // regrouping the tail in place is harmless: its order means nothing
    all.addAll(sorter.sort(intake.rows));
    return publish(all);
  }

  /** Merges the tail into the day partitions, empties it and publishes. Writer thread only. */
  public PresenceIndex compact() {
    Map<Long, DayPartition> byDay = new HashMap<>();
    for (DayPartition p : days) {
      byDay.put(p.epochDay, p);
    }
    for (DayPartition fresh : sorter.sort(intake.rows)) {
      DayPartition old = byDay.get(fresh.epochDay);
      if (old == null) {
        byDay.put(fresh.epochDay, fresh);
      } else {
        RowColumns merged = new RowColumns(fresh.seat != null, old.size() + fresh.size());
        merged.addAll(old);
        merged.addAll(fresh);
        List<DayPartition> one = sorter.sort(merged);
        byDay.put(fresh.epochDay, one.get(0));
      }
    }
    List<DayPartition> merged = new ArrayList<>(byDay.values());
    merged.sort((a, b) -> Long.compare(a.epochDay, b.epochDay));
    days = List.copyOf(merged);
    intake.rows = new RowColumns(intake.kind.hasSeats(), 1024);
    return publish(days);
  }

  private PresenceIndex publish(List<DayPartition> partitions) {
    PresenceIndex next = new PresenceIndex(intake.kind, snapshot.zone(), intake.persons, intake.places,
        partitions);
    snapshot = next;
    return next;
  }
}
