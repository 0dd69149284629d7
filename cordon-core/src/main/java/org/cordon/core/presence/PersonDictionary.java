package org.cordon.core.presence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Dense numbering of external person ids (positive longs): the first id seen gets 0, the next 1, and so
 * on. One dictionary is shared by the scan, ride and cell indexes so that a dense person id means the
 * same person in all of them.
 *
 * <p>Open addressing with linear probing over a power-of-two table kept at most half full; each slot
 * holds the key and its dense id side by side in one {@code long[]} so that a hit costs one cache miss.
 * Lookups and inserts are O(1) expected. Memory: 16 bytes per slot at load ≤ 0.5 plus 8 bytes per id
 * for the reverse array, so about 40 to 72 bytes per distinct person.
 *
 * <p>Concurrency: one writer thread calls {@link #intern(long)}; any number of threads may call
 * {@link #find(long)}, {@link #externalId(int)} and {@link #size()} at the same time. A key is released
 * only after its value is written, and a grown table is published only when complete, so a reader either
 * finds the right dense id or none (-1). Ids interned before a reader obtained a snapshot that was
 * published after them are always found.
 */
public final class PersonDictionary {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle EXTERNAL = MethodHandles.arrayElementVarHandle(long[].class);

  /** Slot {@code s} is {@code slots[2s]} (key, 0 = empty) and {@code slots[2s + 1]} (dense id). */
  private record Table(long[] slots) {
  }

  private volatile Table table;
  private volatile long[] external;
  private volatile int size;
  /** Dense ids below this have ascending external ids. */
  private volatile int ascending;

  public PersonDictionary() {
    this(1024);
  }

  /** @param expected number of distinct persons to size for (no resize below it) */
  public PersonDictionary(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    table = new Table(new long[2 * capacity]);
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
    long[] slots = table.slots;
    int mask = (slots.length >> 1) - 1;
    int slot = slot(personId, mask);
    while (true) {
      long k = slots[2 * slot];
      if (k == personId) {
        return (int) slots[2 * slot + 1];
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
    if (ascending == id && (id == 0 || personId > ext[id - 1])) {
      ascending = id + 1;
    }
    slots[2 * slot + 1] = id;
    SLOTS.setRelease(slots, 2 * slot, personId);
    size = id + 1;
    if ((id + 1) * 2 > mask + 1) {
      table = grown(slots);
    }
    return id;
  }

  /** The dense id of {@code personId}, or -1 if it was never interned. Safe from any thread. */
  public int find(long personId) {
    if (personId <= 0) {
      return -1;
    }
    long[] slots = table.slots;
    int mask = (slots.length >> 1) - 1;
    int slot = slot(personId, mask);
    while (true) {
      long k = (long) SLOTS.getAcquire(slots, 2 * slot);
      if (k == personId) {
        return (int) slots[2 * slot + 1];
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

  /**
   * How many of the first dense ids have strictly ascending external ids: all of them when persons
   * were interned in id order (a full build reads them so), fewer after a later person with a smaller
   * id. Where it covers every id, sorting by dense id sorts by external id.
   */
  public int ascendingPrefix() {
    return ascending;
  }

  public int size() {
    return size;
  }

  /** Bytes of the arrays behind this dictionary. */
  public long bytesUsed() {
    return 8L * table.slots.length + 8L * external.length;
  }

  private static Table grown(long[] old) {
    long[] slots = new long[old.length * 2];
    int mask = (slots.length >> 1) - 1;
    for (int i = 0; i < old.length; i += 2) {
      long k = old[i];
      if (k != 0) {
        int slot = slot(k, mask);
        while (slots[2 * slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[2 * slot] = k;
        slots[2 * slot + 1] = old[i + 1];
      }
    }
    return new Table(slots);
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
