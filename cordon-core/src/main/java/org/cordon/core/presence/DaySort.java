package org.cordon.core.presence;

import java.util.Arrays;

/** Sorts the rows of one day into a {@link DayPartition}; one instance per sorting thread (scratch). */
final class DaySort {
  private final RowColumns rows;
  private final int maxBuckets;
  private int[] counts;

  DaySort(RowColumns rows, int maxBuckets) {
    this.rows = rows;
    this.maxBuckets = maxBuckets;
  }

  /** Builds the partition of the rows {@code [lo, hi)}, all starting on the given day. */
  DayPartition partition(long epochDay, long dayStart, int dayLength, int lo, int hi) {
    int m = hi - lo;
    int[] key = new int[m];
    int[] pos = new int[m];
    for (int k = 0; k < m; k++) {
      key[k] = (int) (rows.start[lo + k] - dayStart);
    }
    positions(key, m, dayLength, pos);
    int[] byStart = new int[m];
    for (int k = 0; k < m; k++) {
      byStart[pos[k]] = lo + k;
    }
    for (int k = 0; k < m; k++) {
      key[k] = rows.place[byStart[k]];
    }
    positions(key, m, Math.max(1, maxPlusOne(key, m)), pos);
    int[] person = new int[m];
    int[] place = new int[m];
    int[] start = new int[m];
    int[] end = new int[m];
    short[] seat = rows.seat == null ? null : new short[m];
    for (int k = 0; k < m; k++) {
      int r = byStart[k];
      int p = pos[k];
      person[p] = rows.person[r];
      place[p] = rows.place[r];
      start[p] = rows.start[r];
      end[p] = rows.end[r];
      if (seat != null) {
        seat[p] = rows.seat[r];
      }
    }
    int[] placePos = pos;
    int[] personPos = byStart;
    for (int k = 0; k < m; k++) {
      key[k] = rows.person[byStart[k]];
    }
    positions(key, m, Math.max(1, maxPlusOne(key, m)), personPos);
    int[] byPerson = key;
    for (int k = 0; k < m; k++) {
      byPerson[personPos[k]] = placePos[k];
    }
    return new DayPartition(epochDay, person, place, start, end, seat, byPerson);
  }

  /**
   * Sets {@code pos[k]} to the rank of row k in a stable sort by {@code key[k]} (0 <= key < buckets).
   * {@code key} may be overwritten only after this returns.
   */
  private void positions(int[] key, int m, int buckets, int[] pos) {
    if (buckets > maxBuckets || (long) buckets > 4L * m + 4096) {
      long[] packed = new long[m];
      for (int k = 0; k < m; k++) {
        packed[k] = ((long) key[k] << 32) | k;
      }
      Arrays.sort(packed);
      for (int r = 0; r < m; r++) {
        pos[(int) packed[r]] = r;
      }
      return;
    }
    if (counts == null) {
      counts = new int[maxBuckets + 1];
    }
    int[] c = counts;
    Arrays.fill(c, 0, buckets + 1, 0);
    for (int k = 0; k < m; k++) {
      c[key[k] + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      c[b + 1] += c[b];
    }
    for (int k = 0; k < m; k++) {
      pos[k] = c[key[k]]++;
    }
  }

  private static int maxPlusOne(int[] key, int m) {
    int max = -1;
    for (int k = 0; k < m; k++) {
      max = Math.max(max, key[k]);
    }
    return max + 1;
  }
}
