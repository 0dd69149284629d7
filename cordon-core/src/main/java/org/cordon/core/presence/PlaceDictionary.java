package org.cordon.core.presence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Dense numbering of external place ids (venue codes, trip ids or cell ids): the first id seen gets 0,
 * the next 1, and so on. Open addressing with linear probing, table at most half full; O(1) expected
 * per call after the string's hash is computed.
 *
 * <p>Concurrency: as {@link PersonDictionary}, one writer thread interns, any thread may
 * {@link #find(String)} and {@link #externalId(int)} at the same time.
 */
public final class PlaceDictionary {
  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(String[].class);

  private record Table(String[] keys, int[] values) {
  }

  private volatile Table table = new Table(new String[64], new int[64]);
  private volatile String[] external = new String[32];
  private volatile int size;
  private long stringBytes;

  /** The dense id of {@code placeId}, assigning the next one if it is new. Writer thread only. */
  public int intern(String placeId) {
    if (placeId == null || placeId.isEmpty()) {
      throw new IllegalArgumentException("place id is empty");
    }
    Table t = table;
    String[] keys = t.keys;
    int mask = keys.length - 1;
    int slot = slot(placeId, mask);
    while (true) {
      String k = keys[slot];
      if (k == null) {
        break;
      }
      if (k.equals(placeId)) {
        return t.values[slot];
      }
      slot = (slot + 1) & mask;
    }
    int id = size;
    String[] ext = external;
    if (id == ext.length) {
      ext = Arrays.copyOf(ext, ext.length * 2);
    }
    ext[id] = placeId;
    external = ext;
    // a compact-strings String: 24-byte object plus a byte[] of 16-byte header and the characters
    stringBytes += 24 + ((16 + placeId.length() * (isLatin1(placeId) ? 1 : 2) + 7) & ~7);
    t.values[slot] = id;
    KEYS.setRelease(keys, slot, placeId);
    size = id + 1;
    if ((id + 1) * 2 > keys.length) {
      table = grown(t);
    }
    return id;
  }

  /** The dense id of {@code placeId}, or -1 if it was never interned. Safe from any thread. */
  public int find(String placeId) {
    if (placeId == null) {
      return -1;
    }
    Table t = table;
    String[] keys = t.keys;
    int mask = keys.length - 1;
    int slot = slot(placeId, mask);
    while (true) {
      String k = (String) KEYS.getAcquire(keys, slot);
      if (k == null) {
        return -1;
      }
      if (k.equals(placeId)) {
        return t.values[slot];
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The external id of a dense place id.
   *
   * @throws IndexOutOfBoundsException if {@code dense} was not assigned
   */
  public String externalId(int dense) {
    if (dense < 0 || dense >= size) {
      throw new IndexOutOfBoundsException("no place with dense id " + dense);
    }
    return external[dense];
  }

  public int size() {
    return size;
  }

  /**
   * Bytes of the arrays (4-byte compressed references) plus an estimate of the strings interned by this
   * dictionary (they may be shared with other objects, so this errs on the high side).
   */
  public long bytesUsed() {
    Table t = table;
    return 4L * t.keys.length + 4L * t.values.length + 4L * external.length + stringBytes;
  }

  private static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static Table grown(Table t) {
    int capacity = t.keys.length * 2;
    String[] keys = new String[capacity];
    int[] values = new int[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < t.keys.length; i++) {
      String k = t.keys[i];
      if (k != null) {
        int slot = slot(k, mask);
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = k;
        values[slot] = t.values[i];
      }
    }
    return new Table(keys, values);
  }

  private static int slot(String key, int mask) {
    int h = key.hashCode() * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }
}
