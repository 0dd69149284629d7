package org.cordon.core.presence;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * An immutable, in-memory index of presences of one {@link PresenceKind}: who was at which place from
 * when to when. Build it with {@link PresenceIndexBuilder}; keep it current with
 * {@link LivePresenceIndex}.
 *
 * <p>Layout: day partitions (local days of {@link #zone()}, by start) of primitive columns person,
 * place, start, end (and seat row for rides) sorted by (place, start), plus an {@code int} permutation
 * in (person, start) order, and every 64th key of both orders as a search fence: 20.125 bytes per
 * row, 22.125 for rides, plus the dictionaries of external ids.
 *
 * <p>Times are index seconds ({@link PresenceTime}); a presence is the half-open interval
 * {@code [start, end)}. A query for {@code [from, to)} visits exactly the rows with
 * {@code start < to && end > from}: touching intervals do not overlap; {@code from == to} is an empty
 * interval and visits nothing (not the presences around that instant); presences that cross midnight are found from either day (see {@link DayPartition}). Unknown
 * or out-of-range dense ids visit nothing. Rows of one partition are visited in start order; partitions
 * in no promised order.
 *
 * <p>Cost: O(partitions + matches + log rows) per query, plus rows of the same place (or person) that
 * start up to the partition's longest duration before {@code from}.
 *
 * <p>Thread safety: immutable; any number of threads may query at once.
 */
public final class PresenceIndex {
  private final PresenceKind kind;
  private final ZoneId zone;
  private final PersonDictionary persons;
  private final PlaceDictionary places;
  private final DayPartition[] partitions;
  private final long rows;

  PresenceIndex(PresenceKind kind, ZoneId zone, PersonDictionary persons, PlaceDictionary places,
      List<DayPartition> partitions) {
    this.kind = kind;
    this.zone = zone;
    this.persons = persons;
    this.places = places;
    this.partitions = partitions.toArray(new DayPartition[0]);
    long n = 0;
    for (DayPartition p : this.partitions) {
      n += p.size();
    }
    this.rows = n;
  }

  /**
   * Visits every presence at dense place {@code place} overlapping {@code [from, to)}.
   *
   * @throws IllegalArgumentException if {@code from > to}
   */
  public void forEachAtPlace(int place, int from, int to, PresenceVisitor visitor) {
    checkInterval(from, to);
    if (place < 0 || from == to) {
      return;
    }
    for (DayPartition p : partitions) {
      p.forEachAtPlace(place, from, to, visitor);
    }
  }

  /**
   * Visits every presence of dense person {@code person} overlapping {@code [from, to)}.
   *
   * @throws IllegalArgumentException if {@code from > to}
   */
  public void forEachOfPerson(int person, int from, int to, PresenceVisitor visitor) {
    checkInterval(from, to);
    if (person < 0 || from == to) {
      return;
    }
    for (DayPartition p : partitions) {
      p.forEachOfPerson(person, from, to, visitor);
    }
  }

  /**
   * As {@link #forEachAtPlace(int, int, int, PresenceVisitor)} with an external place id; fractions of
   * a second widen the query to whole seconds, instants beyond the index range are clamped to it.
   */
  public void forEachAtPlace(String placeId, Instant from, Instant to, PresenceVisitor visitor) {
    forEachAtPlace(places.find(placeId), clamp(from, false), clamp(to, true), visitor);
  }

  /** As {@link #forEachOfPerson(int, int, int, PresenceVisitor)} with an external person id. */
  public void forEachOfPerson(long personId, Instant from, Instant to, PresenceVisitor visitor) {
    forEachOfPerson(persons.find(personId), clamp(from, false), clamp(to, true), visitor);
  }

  /** Dense id of an external person id, -1 if the person has no presence in any index sharing it. */
  public int personIndex(long personId) {
    return persons.find(personId);
  }

  public long personId(int dense) {
    return persons.externalId(dense);
  }

  /** Dense id of an external place id, -1 if unknown to this index. */
  public int placeIndex(String placeId) {
    return places.find(placeId);
  }

  public String placeId(int dense) {
    return places.externalId(dense);
  }

  public PresenceKind kind() {
    return kind;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Number of presences. */
  public long size() {
    return rows;
  }

  /** Number of day partitions (a live index may hold more than one per day until compacted). */
  public int partitionCount() {
    return partitions.length;
  }

  /** Bytes of the row columns and permutations only. */
  public long rowBytes() {
    long b = 0;
    for (DayPartition p : partitions) {
      b += p.bytesUsed();
    }
    return b;
  }

  /**
   * Bytes of the row columns, permutations, this index's place dictionary and the person dictionary
   * (which may be shared with other indexes, so summing several indexes counts it more than once).
   */
  public long bytesUsed() {
    return rowBytes() + places.bytesUsed() + persons.bytesUsed();
  }

  List<DayPartition> partitions() {
    return List.of(partitions);
  }

  PersonDictionary persons() {
    return persons;
  }

  PlaceDictionary places() {
    return places;
  }

  private static void checkInterval(int from, int to) {
    if (from > to) {
      throw new IllegalArgumentException("query interval starts at " + PresenceTime.toInstant(from)
          + " after it ends at " + PresenceTime.toInstant(to));
    }
  }

  /** Whole index seconds, rounding a fraction down or up so that the query never shrinks. */
  private static int clamp(Instant t, boolean up) {
    long s = t.getEpochSecond() - PresenceTime.EPOCH_SECOND + (up && t.getNano() > 0 ? 1 : 0);
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
  }
}
