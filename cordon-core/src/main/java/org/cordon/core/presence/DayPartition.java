package org.cordon.core.presence;

/**
 * The presences that start on one local day, in columns sorted by (place, start), with
 * {@code byPerson} listing the row numbers in (person, start) order. Immutable once built.
 *
 * <p>A presence belongs to the day its start falls on, even when it ends on a later day. To still find
 * it from a later query, the partition keeps its longest duration and its latest end: a query for
 * {@code [from, to)} skips the partition when {@code maxEnd <= from} or {@code minStart >= to}, and
 * otherwise searches starts in {@code [from - maxDuration, to)} and keeps rows with {@code end > from}.
 * One very long presence therefore widens the search window of its whole partition (never its
 * correctness).
 */
final class DayPartition {
  /** Rows between two fence entries; the fences cost 8 / 64 = 0.125 bytes per row. */
  private static final int FENCE_STEP = 64;

  /** Local day as {@link java.time.LocalDate#toEpochDay()}. */
  final long epochDay;
  final int[] person;
  final int[] place;
  final int[] start;
  final int[] end;
  final short[] seat;
  final int[] byPerson;
  final int minStart;
  final int maxEnd;
  final int maxDuration;
  /**
   * Every 64th key of the place column and of the person order: a binary search first runs in these
   * small, cache-resident arrays, then within one block of 64 rows, instead of jumping across
   * megabytes.
   */
  private final int[] placeFence;
  private final int[] personFence;

  DayPartition(long epochDay, int[] person, int[] place, int[] start, int[] end, short[] seat,
      int[] byPerson) {
    this.epochDay = epochDay;
    this.person = person;
    this.place = place;
    this.start = start;
    this.end = end;
    this.seat = seat;
    this.byPerson = byPerson;
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    long longest = 0;
    for (int i = 0; i < start.length; i++) {
      lo = Math.min(lo, start[i]);
      hi = Math.max(hi, end[i]);
      longest = Math.max(longest, (long) end[i] - start[i]);
    }
    this.minStart = lo;
    this.maxEnd = hi;
    this.maxDuration = (int) Math.min(Integer.MAX_VALUE, longest);
    int fences = (person.length + FENCE_STEP - 1) / FENCE_STEP;
    placeFence = new int[fences];
    personFence = new int[fences];
    for (int j = 0; j < fences; j++) {
      placeFence[j] = place[j * FENCE_STEP];
      personFence[j] = person[byPerson[j * FENCE_STEP]];
    }
  }

  int size() {
    return person.length;
  }

  long bytesUsed() {
    long n = person.length;
    return 20L * n + (seat == null ? 0 : 2L * n) + 8L * placeFence.length;
  }

  private boolean misses(int from, int to) {
    return person.length == 0 || maxEnd <= from || minStart >= to;
  }

  /** Visits the rows at {@code p} overlapping {@code [from, to)}, in start order. O(log n + k). */
  void forEachAtPlace(int p, int from, int to, PresenceVisitor visitor) {
    if (misses(from, to)) {
      return;
    }
    int lo = firstPlaceAtLeast(p);
    int hi = firstPlaceAtLeast(p + 1L);
    long earliest = (long) from - maxDuration;
    int i = firstStartAtLeast(earliest, lo, hi);
    for (; i < hi && start[i] < to; i++) {
      if (end[i] > from) {
        visitor.visit(person[i], p, start[i], end[i], seat == null ? 0 : seat[i]);
      }
    }
  }

  /** Visits the rows of person {@code q} overlapping {@code [from, to)}, in start order. */
  void forEachOfPerson(int q, int from, int to, PresenceVisitor visitor) {
    if (misses(from, to)) {
      return;
    }
    int lo = firstPersonAtLeast(q);
    int hi = firstPersonAtLeast(q + 1L);
    long earliest = (long) from - maxDuration;
    for (int k = lo; k < hi; k++) {
      int i = byPerson[k];
      if (start[i] >= to) {
        break;
      }
      if (start[i] >= earliest && end[i] > from) {
        visitor.visit(q, place[i], start[i], end[i], seat == null ? 0 : seat[i]);
      }
    }
  }

  /**
   * The first fence block that may hold the first row with a key at least {@code key}: with {@code j}
   * fences below the key, that row lies in {@code ((j - 1) * step, j * step]}.
   */
  private static long block(int[] fence, long key, int n) {
    int lo = 0;
    int hi = fence.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (fence[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int from = Math.max(0, (lo - 1) * FENCE_STEP + 1);
    int to = (int) Math.min(n, (long) lo * FENCE_STEP);
    return ((long) from << 32) | to;
  }

  private int firstPlaceAtLeast(long key) {
    long range = block(placeFence, key, place.length);
    int lo = (int) (range >>> 32);
    int hi = (int) range;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (place[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int firstPersonAtLeast(long key) {
    long range = block(personFence, key, byPerson.length);
    int lo = (int) (range >>> 32);
    int hi = (int) range;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (person[byPerson[mid]] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int firstStartAtLeast(long key, int lo, int hi) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (start[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
