package org.cordon.core.primitive;

import java.util.Arrays;

/** Sorting of primitive key arrays with a parallel payload, without boxing (millions of persons). */
public final class PrimitiveSort {
  private static final int INSERTION = 24;
  private static final int RADIX_MIN = 4096;
  private static final int DIGIT_BITS = 11;
  private static final int DIGIT_MASK = (1 << DIGIT_BITS) - 1;

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

  /**
   * Sorts {@code keys[0, n)} ascending and moves {@code values} with them, by least-significant-digit
   * radix passes of 11 bits over the bits the keys use (two passes for keys below 2<sup>22</sup>,
   * six for any long): O(n) per pass with sequential reads, several times faster than
   * {@link #byKey} on millions of keys. Stable. Takes {@code n} keys and values of scratch memory;
   * falls back to {@link #byKey} for short arrays and negative keys.
   */
  public static void byKeyRadix(long[] keys, int[] values, int n) {
    long bitsUsed = 0;
    for (int i = 0; i < n; i++) {
      if (keys[i] < 0) {
        byKey(keys, values, 0, n);
        return;
      }
      bitsUsed |= keys[i];
    }
    int bits = 64 - Long.numberOfLeadingZeros(bitsUsed);
    if (n < RADIX_MIN || bits == 0) {
      byKey(keys, values, 0, n);
      return;
    }
    long[] fromKeys = keys;
    int[] fromValues = values;
    long[] toKeys = new long[n];
    int[] toValues = new int[n];
    int[] start = new int[1 << DIGIT_BITS];
    for (int shift = 0; shift < bits; shift += DIGIT_BITS) {
      Arrays.fill(start, 0);
      for (int i = 0; i < n; i++) {
        start[(int) (fromKeys[i] >>> shift) & DIGIT_MASK]++;
      }
      int sum = 0;
      for (int d = 0; d < start.length; d++) {
        int c = start[d];
        start[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int at = start[(int) (fromKeys[i] >>> shift) & DIGIT_MASK]++;
        toKeys[at] = fromKeys[i];
        toValues[at] = fromValues[i];
      }
      long[] k = fromKeys;
      fromKeys = toKeys;
      toKeys = k;
      int[] v = fromValues;
      fromValues = toValues;
      toValues = v;
    }
    if (fromKeys != keys) {
      System.arraycopy(fromKeys, 0, keys, 0, n);
      System.arraycopy(fromValues, 0, values, 0, n);
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
