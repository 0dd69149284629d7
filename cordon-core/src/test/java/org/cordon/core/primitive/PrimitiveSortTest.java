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
}
