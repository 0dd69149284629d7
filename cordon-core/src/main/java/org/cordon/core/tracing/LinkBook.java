package org.cordon.core.tracing;

import java.util.Arrays;

/**
 * The links found so far, reduced as they arrive to what the output needs: per person and category
 * the earliest link (start, then source person id, track and place id break ties) and the latest end.
 *
 * <p>Persons get slots in order of first link through an open-addressing table (dense person id →
 * slot, key and slot side by side); the values of one slot and category are one 16-byte record
 * {@code start, end, source, track << 30 | place} in a flat {@code int[]}, so an offer costs about two
 * cache misses and no object per person. Dense place ids must be below 2<sup>30</sup>. One trace run,
 * one thread.
 */
final class LinkBook {
  private static final int CATEGORIES = ContactCategory.values().length;
  private static final int STRIDE = 4;
  private static final int PLACE_BITS = 30;
  private static final int PLACE_MASK = (1 << PLACE_BITS) - 1;
  private static final ContactTrack[] TRACKS = ContactTrack.values();
  private static final ContactCategory[] CATEGORY = ContactCategory.values();

  private final TracingData data;
  /** Categories kept per slot: all of them, or one ({@link #of}) when only that one is offered. */
  private final int width;
  /** Ordinal of the first category kept. */
  private final int base;
  /** Open addressing: at {@code 2h} dense person + 1 (0 = empty), at {@code 2h + 1} its slot. */
  private int[] table = new int[2 * 1024];
  private int size;
  private int[] person = new int[256];
  /** Bit c set when the person has a link of category ordinal c. */
  private byte[] has = new byte[256];
  /** Record of slot s, category c at {@code (s * width + c - base) * STRIDE}. */
  private int[] records;

  /** A book for links of every category. */
  LinkBook(TracingData data) {
    this(data, CATEGORIES, 0);
  }

  private LinkBook(TracingData data, int width, int base) {
    this.data = data;
    this.width = width;
    this.base = base;
    this.records = new int[256 * width * STRIDE];
  }

  /** A book for links of {@code category} alone: a quarter of the memory, and of the cache misses. */
  static LinkBook of(TracingData data, ContactCategory category) {
    return new LinkBook(data, 1, category.ordinal());
  }

  /** Receives the reduced links of a book ({@link #forEach}). */
  @FunctionalInterface
  interface Link {
    void link(int who, int src, ContactTrack via, int where, int from, int to);
  }

  /** Records the link {@code [from, to)} of dense person {@code who} from {@code src}. */
  void offer(int who, ContactCategory category, int src, ContactTrack via, int where, int from,
      int to) {
    if (where < 0 || where > PLACE_MASK) {
      throw new IllegalArgumentException("place id " + where + " is out of the book's range");
    }
    int c = category.ordinal();
    if (c - base >= width || c < base) {
      throw new IllegalArgumentException("this book keeps no " + category + " links");
    }
    int s = slotFor(who);
    int r = (s * width + c - base) * STRIDE;
    int[] rec = records;
    int packed = via.ordinal() << PLACE_BITS | where;
    if ((has[s] & (1 << c)) == 0) {
      has[s] |= (byte) (1 << c);
      rec[r] = from;
      rec[r + 1] = to;
      rec[r + 2] = src;
      rec[r + 3] = packed;
      return;
    }
    if (to > rec[r + 1]) {
      rec[r + 1] = to;
    }
    if (from < rec[r] || from == rec[r] && earlier(src, packed, rec[r + 2], rec[r + 3])) {
      rec[r] = from;
      rec[r + 2] = src;
      rec[r + 3] = packed;
    }
  }

  /** Offers this book's reduced links of {@code category} to {@code target}. */
  void mergeInto(LinkBook target, ContactCategory category) {
    forEach(category, (who, src, via, where, from, to) -> target.offer(who, category, src, via, where,
        from, to));
  }

  /** Passes on this book's reduced links of {@code category}, in slot order. */
  void forEach(ContactCategory category, Link link) {
    int c = category.ordinal();
    for (int s = 0; s < size; s++) {
      if ((has[s] & (1 << c)) != 0) {
        int r = record(s, c);
        link.link(person[s], records[r + 2], TRACKS[records[r + 3] >>> PLACE_BITS],
            records[r + 3] & PLACE_MASK, records[r], records[r + 1]);
      }
    }
  }

  /** Forgets every link, keeping the capacity (a book reused for many small reductions). */
  void clear() {
    if (size > 0) {
      Arrays.fill(table, 0);
      Arrays.fill(has, 0, size, (byte) 0);
      size = 0;
    }
  }

  /** Number of persons with links; their slots are {@code 0 .. size()-1}. */
  int size() {
    return size;
  }

  int person(int slot) {
    return person[slot];
  }

  boolean has(int slot, int category) {
    return (has[slot] & (1 << category)) != 0;
  }

  /** The most severe category of a slot's links. */
  ContactCategory category(int slot) {
    return CATEGORY[Integer.numberOfTrailingZeros(has[slot])];
  }

  int start(int slot, ContactCategory c) {
    return records[record(slot, c.ordinal())];
  }

  int end(int slot, ContactCategory c) {
    return records[record(slot, c.ordinal()) + 1];
  }

  int source(int slot, ContactCategory c) {
    return records[record(slot, c.ordinal()) + 2];
  }

  ContactTrack track(int slot, ContactCategory c) {
    return TRACKS[records[record(slot, c.ordinal()) + 3] >>> PLACE_BITS];
  }

  /** The external id of the place of a slot's earliest link of {@code c}. */
  String placeId(int slot, ContactCategory c) {
    return placeId(records[record(slot, c.ordinal()) + 3]);
  }

  private int record(int slot, int category) {
    return (slot * width + category - base) * STRIDE;
  }

  private String placeId(int packed) {
    return placeId(data, TRACKS[packed >>> PLACE_BITS], packed & PLACE_MASK);
  }

  /** The external id of dense place {@code where} of {@code track}. */
  static String placeId(TracingData data, ContactTrack track, int where) {
    return switch (track) {
      case HOUSEHOLD -> Long.toString(data.households().householdId(where));
      case VENUE -> data.scans().placeId(where);
      case TRIP -> data.rides().placeId(where);
      case CELL -> data.cells().placeId(where);
    };
  }

  private boolean earlier(int src, int packed, int oldSrc, int oldPacked) {
    return earlier(data, src, TRACKS[packed >>> PLACE_BITS], packed & PLACE_MASK, oldSrc,
        TRACKS[oldPacked >>> PLACE_BITS], oldPacked & PLACE_MASK);
  }

  /**
   * Whether a link from {@code src} by {@code track} at dense place {@code place} goes before the
   * link from {@code oldSrc} by {@code oldTrack} at {@code oldPlace} when both start together: the
   * lower source person id, then the track order, then the lexically smaller place id.
   */
  static boolean earlier(TracingData data, int src, ContactTrack track, int place, int oldSrc,
      ContactTrack oldTrack, int oldPlace) {
    if (src != oldSrc) {
      return data.persons().externalId(src) < data.persons().externalId(oldSrc);
    }
    if (track != oldTrack) {
      return track.ordinal() < oldTrack.ordinal();
    }
    return place != oldPlace && placeId(data, track, place).compareTo(placeId(data, oldTrack,
        oldPlace)) < 0;
  }

  private int slotFor(int who) {
    int[] t = table;
    int mask = (t.length >> 1) - 1;
    int k = who + 1;
    int h = hash(k) & mask;
    while (t[2 * h] != 0) {
      if (t[2 * h] == k) {
        return t[2 * h + 1];
      }
      h = (h + 1) & mask;
    }
    int s = size++;
    t[2 * h] = k;
    t[2 * h + 1] = s;
    if (s == person.length) {
      int n = s * 2;
      person = Arrays.copyOf(person, n);
      has = Arrays.copyOf(has, n);
      records = Arrays.copyOf(records, n * width * STRIDE);
    }
    person[s] = who;
    if (size * 2 > mask + 1) {
      rehash();
    }
    return s;
  }

  private void rehash() {
    int[] old = table;
    int[] t = new int[old.length * 2];
    int mask = (t.length >> 1) - 1;
    for (int j = 0; j < old.length; j += 2) {
      if (old[j] != 0) {
        int h = hash(old[j]) & mask;
        while (t[2 * h] != 0) {
          h = (h + 1) & mask;
        }
        t[2 * h] = old[j];
        t[2 * h + 1] = old[j + 1];
      }
    }
    table = t;
  }

  private static int hash(int k) {
    int h = k * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
