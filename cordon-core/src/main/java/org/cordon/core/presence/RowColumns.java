package org.cordon.core.presence;

import java.util.Arrays;

/**
 * Growable, unsorted presence rows in primitive columns: the staging area of a build and the live tail.
 * Not thread-safe; owned by the single writer.
 */
final class RowColumns {
  int size;
  int[] person;
  int[] place;
  int[] start;
  int[] end;
  /** Null unless the kind has seats. */
  short[] seat;

  RowColumns(boolean seats, int capacity) {
    int c = Math.max(16, capacity);
    person = new int[c];
    place = new int[c];
    start = new int[c];
    end = new int[c];
    seat = seats ? new short[c] : null;
  }

  void add(int personId, int placeId, int from, int to, int seatRow) {
    int i = size;
    if (i == person.length) {
      grow();
    }
    person[i] = personId;
    place[i] = placeId;
    start[i] = from;
    end[i] = to;
    if (seat != null) {
      seat[i] = (short) seatRow;
    }
    size = i + 1;
  }

  /** Appends all rows of a partition (used when a live tail is compacted into its day). */
  void addAll(DayPartition p) {
    for (int i = 0; i < p.size(); i++) {
      add(p.person[i], p.place[i], p.start[i], p.end[i], p.seat == null ? 0 : p.seat[i]);
    }
  }

  void swap(int i, int j) {
    int t = person[i];
    person[i] = person[j];
    person[j] = t;
    t = place[i];
    place[i] = place[j];
    place[j] = t;
    t = start[i];
    start[i] = start[j];
    start[j] = t;
    t = end[i];
    end[i] = end[j];
    end[j] = t;
    if (seat != null) {
      short s = seat[i];
      seat[i] = seat[j];
      seat[j] = s;
    }
  }

  long bytesUsed() {
    return 16L * person.length + (seat == null ? 0 : 2L * seat.length);
  }

  private void grow() {
    reserve(person.length + (person.length >> 1) + 16);
  }

  void reserve(int c) {
    person = Arrays.copyOf(person, c);
    place = Arrays.copyOf(place, c);
    start = Arrays.copyOf(start, c);
    end = Arrays.copyOf(end, c);
    if (seat != null) {
      seat = Arrays.copyOf(seat, c);
    }
  }
}
