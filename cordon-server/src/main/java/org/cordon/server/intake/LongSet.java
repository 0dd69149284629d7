package org.cordon.server.intake;

/**
 * A set of positive longs by open addressing with linear probing: about 16 bytes per id at the
 * default load, against some 50 for a {@code HashSet<Long>}, which matters for millions of person
 * ids. Not thread-safe; {@link KnownIds} guards it.
 */
final class LongSet {

  private long[] slots;
  private int size;

  LongSet(int expected) {
    int cap = 16;
    while (cap < expected * 2) {
      cap <<= 1;
    }
    slots = new long[cap];
  }

  /** Adds {@code v} (must be positive); whether it was new. */
  boolean add(long v) {
    if (v <= 0) {
      throw new IllegalArgumentException("only positive values, got " + v);
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    return insert(slots, v);
  }

  boolean contains(long v) {
    long[] s = slots;
    int mask = s.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      long x = s[i];
      if (x == v) {
        return true;
      }
      if (x == 0) {
        return false;
      }
    }
  }

  int size() {
    return size;
  }

  private boolean insert(long[] s, long v) {
    int mask = s.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      long x = s[i];
      if (x == v) {
        return false;
      }
      if (x == 0) {
        s[i] = v;
        size++;
        return true;
      }
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long v : old) {
      if (v != 0) {
        insert(slots, v);
      }
    }
  }

  // Person ids are often dense runs; a multiplicative mix spreads them over the table.
  private static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
