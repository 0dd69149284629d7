package org.cordon.core.primitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrimitiveSortTest {
  @Test
  void sortsKeysAndMovesEachValueWithItsKey() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int n = random.nextInt(round < 100 ? 40 : 5_000);
      long[] keys = new long[n];
      int[] values = new int[n];
      Map<Long, Integer> valueOf = new HashMap<>();
      for (int i = 0; i < n; i++) {
        // distinct keys, some negative, many runs and duplicates of magnitude
        long k;
        do {
          k = round % 3 == 0 ? random.nextInt(n * 2 + 1) - n : random.nextLong();
        } while (valueOf.containsKey(k));
        keys[i] = k;
        values[i] = i;
        valueOf.put(k, i);
      }
      long[] expected = keys.clone();
      Arrays.sort(expected);
      int from = n == 0 ? 0 : random.nextInt(n);
      int to = from + (n == from ? 0 : random.nextInt(n - from + 1));
      long[] part = keys.clone();
      Arrays.sort(part, from, to);
      PrimitiveSort.byKey(keys, values, from, to);
      assertArrayEquals(part, keys, "round " + round);
      for (int i = 0; i < n; i++) {
        assertEquals(valueOf.get(keys[i]), values[i]);
      }
    }
  }

  @Test
  void radixSortsLikeTheComparisonSortIncludingDuplicatesAndNegativeKeys() {
    Random random = new Random(7);
    for (int round = 0; round < 60; round++) {
      int n = round < 10 ? random.nextInt(5000) : 4096 + random.nextInt(60_000);
      long[] keys = new long[n];
      int[] values = new int[n];
      for (int i = 0; i < n; i++) {
        keys[i] = switch (round % 4) {
          case 0 -> random.nextInt(5_000_000);
          case 1 -> random.nextLong() & Long.MAX_VALUE;
          case 2 -> random.nextInt(50); // many duplicates
          default -> random.nextInt(3) == 0 ? -random.nextInt(1000) : random.nextInt(1 << 30);
        };
        values[i] = i;
      }
      long[] original = keys.clone();
      long[] expected = keys.clone();
      Arrays.sort(expected);
      PrimitiveSort.byKeyRadix(keys, values, n);
      assertArrayEquals(expected, keys, "round " + round);
      for (int i = 0; i < n; i++) {
        assertEquals(original[values[i]], keys[i], "value moved with its key");
        if (round % 4 != 3 && n >= 4096 && i > 0 && keys[i] == keys[i - 1]) {
          org.junit.jupiter.api.Assertions.assertTrue(values[i - 1] < values[i], "stable");
        }
      }
    }
  }
}
