package org.cordon.core.presence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Dense numbering of external person ids (positive longs): the first id seen gets 0, the next 1, and so
 * on. One dictionary is shared by the scan, ride and cell indexes so that a dense person id means the
 * same person in all of them.
 *
 * <p>Open addressing with linear probing over a power-of-two table kept at most half full; lookups and
 * inserts are O(1) expected. Memory: 24 bytes per slot pair at load ≤ 0.5 plus 8 bytes per id for the
 * reverse array, so about 32 to 56 bytes per distinct person.
 *
 * <p>Concurrency: one writer thread calls {@link #intern(long)}; any number of threads may call
 * {@link #find(long)}, {@link #externalId(int)} and {@link #size()} at the same time. A key is released
 * only after its value is written, and a grown table is published only when complete, so a reader either
 * finds the right dense id or none (-1). Ids interned before a reader obtained a snapshot that was
 * published after them are always found.
 */
public final class PersonDictionary {
  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle EXTERNAL = MethodHandles.arrayElementVarHandle(long[].class);

  private record Table(long[] keys, int[] values) {
  }

  private volatile Table table;
  private volatile long[] external;
  private volatile int size;

  public PersonDictionary() {
    this(1024);
  }

  /** @param expected number of distinct persons to size for (no resize below it) */
  public PersonDictionary(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    table = new Table(new long[capacity], new int[capacity]);
    external = new long[Math.max(16, expected)];
  }

  /**
   * The dense id of {@code personId}, assigning the next one if it is new. Writer thread only.
   *
   * @throws IllegalArgumentException if {@code personId} is not positive
   */
  public int intern(long personId) {
    if (personId <= 0) {
      throw new IllegalArgumentException("person_id must be positive, got " + personId);
    }
    Table t = table;
    long[] keys = t.keys;
    int mask = keys.length - 1;
    int slot = slot(personId, mask);
    while (true) {
      long k = keys[slot];
      if (k == personId) {
        return t.values[slot];
      }
      if (k == 0) {
        break;
      }
      slot = (slot + 1) & mask;
    }
    int id = size;
    long[] ext = external;
    if (id == ext.length) {
      ext = Arrays.copyOf(ext, ext.length * 2);
    }
    ext[id] = personId;
    external = ext;
    t.values[slot] = id;
    KEYS.setRelease(keys, slot, personId);
    size = id + 1;
    if ((id + 1) * 2 > keys.length) {
      table = grown(t);
    }
    return id;
  }

  /** The dense id of {@code personId}, or -1 if it was never interned. Safe from any thread. */
  public int find(long personId) {
    if (personId <= 0) {
      return -1;
    }
    Table t = table;
    long[] keys = t.keys;
    int mask = keys.length - 1;
    int slot = slot(personId, mask);
    while (true) {
      long k = (long) KEYS.getAcquire(keys, slot);
      if (k == personId) {
        return t.values[slot];
      }
      if (k == 0) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The external person id of a dense id.
   *
   * @throws IndexOutOfBoundsException if {@code dense} was not assigned
   */
  public long externalId(int dense) {
    if (dense < 0 || dense >= size) {
      throw new IndexOutOfBoundsException("no person with dense id " + dense);
    }
    return (long) EXTERNAL.getAcquire(external, dense);
  }

  public int size() {
    return size;
  }

  /** Bytes of the arrays behind this dictionary. */
  public long bytesUsed() {
    Table t = table;
    return 8L * t.keys.length + 4L * t.values.length + 8L * external.length;
  }

  private static Table grown(Table t) {
    int capacity = t.keys.length * 2;
    long[] keys = new long[capacity];
    int[] values = new int[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < t.keys.length; i++) {
      long k = t.keys[i];
      if (k != 0) {
        int slot = slot(k, mask);
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = k;
        values[slot] = t.values[i];
      }
    }
    return new Table(keys, values);
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
