package org.cordon.core.tracing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The links found so far, reduced as they arrive to what the output needs: per person and category
 * the earliest link (start, then source person id, track and place id break ties) and the latest end.
 * Dense ids throughout; one trace run, one thread.
 */
final class LinkBook {
  private static final int CATEGORIES = ContactCategory.values().length;

  /** The reduced links of one person; slot {@code c} is category ordinal {@code c}. */
  static final class Entry {
    final int person;
    final boolean[] has = new boolean[CATEGORIES];
    final int[] start = new int[CATEGORIES];
    final int[] end = new int[CATEGORIES];
    final int[] source = new int[CATEGORIES];
    final ContactTrack[] track = new ContactTrack[CATEGORIES];
    final int[] place = new int[CATEGORIES];

    Entry(int person) {
      this.person = person;
    }

    boolean has(ContactCategory c) {
      return has[c.ordinal()];
    }

    /** The most severe category this person was reached by. */
    ContactCategory category() {
      for (ContactCategory c : ContactCategory.values()) {
        if (has[c.ordinal()]) {
          return c;
        }
      }
      throw new IllegalStateException("entry without links");
    }
  }

  private final TracingData data;
  private final Map<Integer, Entry> entries = new HashMap<>();

  LinkBook(TracingData data) {
    this.data = data;
  }

  /** Records the link {@code [start, end)} of {@code person} from {@code source}. */
  void offer(int person, ContactCategory category, int source, ContactTrack track, int place,
      int start, int end) {
    Entry e = entries.computeIfAbsent(person, Entry::new);
    int c = category.ordinal();
    if (!e.has[c]) {
      e.has[c] = true;
      e.end[c] = end;
      set(e, c, source, track, place, start);
      return;
    }
    e.end[c] = Math.max(e.end[c], end);
    if (start < e.start[c] || start == e.start[c] && earlier(source, track, place, e, c)) {
      set(e, c, source, track, place, start);
    }
  }

  Entry get(int person) {
    return entries.get(person);
  }

  /** Persons reached in {@code category}, ascending dense id. */
  List<Entry> reached(ContactCategory category) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.has(category)) {
        out.add(e);
      }
    }
    out.sort((a, b) -> Integer.compare(a.person, b.person));
    return out;
  }

  List<Entry> all() {
    return new ArrayList<>(entries.values());
  }

  /** The external id of a link's place. */
  String placeId(ContactTrack track, int place) {
    return switch (track) {
      case HOUSEHOLD -> Long.toString(data.households().householdId(place));
      case VENUE -> data.scans().placeId(place);
      case TRIP -> data.rides().placeId(place);
      case CELL -> data.cells().placeId(place);
    };
  }

  private static void set(Entry e, int c, int source, ContactTrack track, int place, int start) {
    e.start[c] = start;
    e.source[c] = source;
    e.track[c] = track;
    e.place[c] = place;
  }

  private boolean earlier(int source, ContactTrack track, int place, Entry e, int c) {
    long a = data.persons().externalId(source);
    long b = data.persons().externalId(e.source[c]);
    if (a != b) {
      return a < b;
    }
    if (track != e.track[c]) {
      return track.ordinal() < e.track[c].ordinal();
    }
    return placeId(track, place).compareTo(placeId(e.track[c], e.place[c])) < 0;
  }
}
