package org.cordon.core.primitive;

/** Sorting of primitive key arrays with a parallel payload, without boxing (millions of persons). */
public final class PrimitiveSort {
  private static final int INSERTION = 24;

  private PrimitiveSort() {
  }

  /** Sorts {@code keys[from, to)} ascending and moves {@code values} with them. Not stable. */
  public static void byKey(long[] keys, int[] values, int from, int to) {
    while (to - from > INSERTION) {
      int mid = (from + to) >>> 1;
      long pivot = median(keys[from], keys[mid], keys[to - 1]);
      int i = from;
      int j = to - 1;
      while (i <= j) {
        while (keys[i] < pivot) {
          i++;
        }
        while (keys[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(keys, values, i++, j--);
        }
      }
      // recurse into the smaller half so the stack stays O(log n)
      if (j - from < to - i) {
        byKey(keys, values, from, j + 1);
        from = i;
      } else {
        byKey(keys, values, i, to);
        to = j + 1;
      }
    }
    for (int i = from + 1; i < to; i++) {
      for (int j = i; j > from && keys[j - 1] > keys[j]; j--) {
        swap(keys, values, j, j - 1);
      }
    }
  }

  private static long median(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static void swap(long[] keys, int[] values, int i, int j) {
    long k = keys[i];
    keys[i] = keys[j];
    keys[j] = k;
    int v = values[i];
    values[i] = values[j];
    values[j] = v;
  }
}
