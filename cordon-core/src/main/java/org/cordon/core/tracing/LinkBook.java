package org.cordon.core.tracing;

import java.util.Arrays;

/**
 * The links found so far, reduced as they arrive to what the output needs: per person and category
 * the earliest link (start, then source person id, track and place id break ties) and the latest end.
 *
 * <p>Persons get slots in order of first link through an open-addressing table (dense person id →
 * slot); the per-category values live in flat arrays at {@code slot * 4 + category}, so an offer costs
 * one probe and a few array stores, with no object per person. One trace run, one thread.
 */
final class LinkBook {
  private static final int CATEGORIES = ContactCategory.values().length;
  private static final ContactTrack[] TRACKS = ContactTrack.values();
  private static final ContactCategory[] CATEGORY = ContactCategory.values();

  private final TracingData data;
  /** Open addressing: dense person + 1 (0 = empty) and its slot. */
  private int[] keys = new int[1024];
  private int[] slotOfKey = new int[1024];
  private int size;
  private int[] person = new int[256];
  /** Bit c set when the person has a link of category ordinal c. */
  private byte[] has = new byte[256];
  private int[] start = new int[256 * CATEGORIES];
  private int[] end = new int[256 * CATEGORIES];
  private int[] source = new int[256 * CATEGORIES];
  private int[] place = new int[256 * CATEGORIES];
  private byte[] track = new byte[256 * CATEGORIES];

  LinkBook(TracingData data) {
    this.data = data;
  }

  /** Records the link {@code [from, to)} of dense person {@code who} from {@code src}. */
  void offer(int who, ContactCategory category, int src, ContactTrack via, int where, int from,
      int to) {
    int s = slotFor(who);
    int c = category.ordinal();
    int i = s * CATEGORIES + c;
    if ((has[s] & (1 << c)) == 0) {
      has[s] |= (byte) (1 << c);
      end[i] = to;
      set(i, src, via, where, from);
      return;
    }
    if (to > end[i]) {
      end[i] = to;
    }
    if (from < start[i] || from == start[i] && earlier(src, via, where, i)) {
      set(i, src, via, where, from);
    }
  }

  /** Offers this book's reduced links of {@code category} to {@code target}. */
  void mergeInto(LinkBook target, ContactCategory category) {
    int c = category.ordinal();
    for (int s = 0; s < size; s++) {
      if ((has[s] & (1 << c)) != 0) {
        int i = s * CATEGORIES + c;
        target.offer(person[s], category, source[i], TRACKS[track[i]], place[i], start[i], end[i]);
      }
    }
  }

  /** Whether dense person {@code who} has a link of {@code category}. */
  boolean has(int who, ContactCategory category) {
    int s = find(who);
    return s >= 0 && (has[s] & (1 << category.ordinal())) != 0;
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
    return start[slot * CATEGORIES + c.ordinal()];
  }

  int end(int slot, ContactCategory c) {
    return end[slot * CATEGORIES + c.ordinal()];
  }

  int source(int slot, ContactCategory c) {
    return source[slot * CATEGORIES + c.ordinal()];
  }

  ContactTrack track(int slot, ContactCategory c) {
    return TRACKS[track[slot * CATEGORIES + c.ordinal()]];
  }

  /** The external id of the place of a slot's earliest link of {@code c}. */
  String placeId(int slot, ContactCategory c) {
    int i = slot * CATEGORIES + c.ordinal();
    return placeId(TRACKS[track[i]], place[i]);
  }

  private String placeId(ContactTrack via, int where) {
    return switch (via) {
      case HOUSEHOLD -> Long.toString(data.households().householdId(where));
      case VENUE -> data.scans().placeId(where);
      case TRIP -> data.rides().placeId(where);
      case CELL -> data.cells().placeId(where);
    };
  }

  private void set(int i, int src, ContactTrack via, int where, int from) {
    start[i] = from;
    source[i] = src;
    track[i] = (byte) via.ordinal();
    place[i] = where;
  }

  private boolean earlier(int src, ContactTrack via, int where, int i) {
    long a = data.persons().externalId(src);
    long b = data.persons().externalId(source[i]);
    if (a != b) {
      return a < b;
    }
    if (via.ordinal() != track[i]) {
      return via.ordinal() < track[i];
    }
    return placeId(via, where).compareTo(placeId(TRACKS[track[i]], place[i])) < 0;
  }

  private int find(int who) {
    int mask = keys.length - 1;
    int k = who + 1;
    for (int h = hash(k) & mask; ; h = (h + 1) & mask) {
      if (keys[h] == k) {
        return slotOfKey[h];
      }
      if (keys[h] == 0) {
        return -1;
      }
    }
  }

  private int slotFor(int who) {
    int mask = keys.length - 1;
    int k = who + 1;
    int h = hash(k) & mask;
    while (keys[h] != 0) {
      if (keys[h] == k) {
        return slotOfKey[h];
      }
      h = (h + 1) & mask;
    }
    int s = size++;
    keys[h] = k;
    slotOfKey[h] = s;
    if (s == person.length) {
      int n = s * 2;
      person = Arrays.copyOf(person, n);
      has = Arrays.copyOf(has, n);
      start = Arrays.copyOf(start, n * CATEGORIES);
      end = Arrays.copyOf(end, n * CATEGORIES);
      source = Arrays.copyOf(source, n * CATEGORIES);
      place = Arrays.copyOf(place, n * CATEGORIES);
      track = Arrays.copyOf(track, n * CATEGORIES);
    }
    person[s] = who;
    if (size * 2 > keys.length) {
      rehash();
    }
    return s;
  }

  private void rehash() {
    int[] oldKeys = keys;
    int[] oldSlots = slotOfKey;
    keys = new int[oldKeys.length * 2];
    slotOfKey = new int[keys.length];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != 0) {
        int h = hash(oldKeys[j]) & mask;
        while (keys[h] != 0) {
          h = (h + 1) & mask;
        }
        keys[h] = oldKeys[j];
        slotOfKey[h] = oldSlots[j];
      }
    }
  }

  private static int hash(int k) {
    int h = k * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
