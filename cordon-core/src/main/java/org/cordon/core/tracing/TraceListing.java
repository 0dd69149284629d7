package org.cordon.core.tracing;

import java.util.AbstractList;
import java.util.RandomAccess;
import org.cordon.core.presence.PresenceTime;

/**
 * The result of a trace as columns, one row per listed person in {@link TracedContact#ORDER}; a
 * {@link TracedContact} is made when a row is read. A trace of a hundred cases in a dense city lists
 * millions of persons, and three objects each (the record and its two instants) would be most of the
 * trace's allocation and garbage; here a row is about 40 bytes of arrays and the place ids are shared
 * with the presence index's dictionaries. Immutable once made.
 */
final class TraceListing extends AbstractList<TracedContact> implements RandomAccess {
  private static final ContactCategory[] CATEGORIES = ContactCategory.values();
  private static final ContactTrack[] TRACKS = ContactTrack.values();

  private final long[] person;
  private final long[] source;
  private final byte[] category;
  private final byte[] track;
  private final String[] place;
  private final int[] first;
  private final int[] last;
  private int size;

  TraceListing(int capacity) {
    person = new long[capacity];
    source = new long[capacity];
    category = new byte[capacity];
    track = new byte[capacity];
    place = new String[capacity];
    first = new int[capacity];
    last = new int[capacity];
  }

  /** Appends a row; rows must come in {@link TracedContact#ORDER}. */
  void add(long personId, ContactCategory c, long sourceId, ContactTrack via, String placeId,
      int firstExposure, int lastExposure) {
    int i = size++;
    person[i] = personId;
    source[i] = sourceId;
    category[i] = (byte) c.ordinal();
    track[i] = (byte) via.ordinal();
    place[i] = placeId;
    first[i] = firstExposure;
    last[i] = lastExposure;
  }

  @Override
  public TracedContact get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("row " + i + " of " + size);
    }
    return new TracedContact(person[i], CATEGORIES[category[i]], source[i], TRACKS[track[i]],
        place[i], PresenceTime.toInstant(first[i]), PresenceTime.toInstant(last[i]));
  }

  @Override
  public int size() {
    return size;
  }
}
