package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.Arrays;

/**
 * A binary min-heap of (due time, dense person) pairs in two primitive arrays: the engine's timer.
 * Entries are never removed when a person's due time changes; the engine pushes the new time and skips
 * stale entries when they come out ({@link #compact} drops them when the heap gets large).
 * Times are epoch nanoseconds (the engine accepts 1900..2200, well inside a {@code long}).
 * O(log n) push and pop. Not thread-safe.
 */
final class TimerQueue {
  private long[] times = new long[1024];
  private int[] persons = new int[1024];
  private int size;

  static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long peekTime() {
    return times[0];
  }

  int peekPerson() {
    return persons[0];
  }

  void push(long time, int person) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      persons = Arrays.copyOf(persons, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (times[parent] <= time) {
        break;
      }
      times[i] = times[parent];
      persons[i] = persons[parent];
      i = parent;
    }
    times[i] = time;
    persons[i] = person;
  }

  /** Removes the earliest entry (call {@link #peekTime()} / {@link #peekPerson()} first). */
  void pop() {
    size--;
    if (size > 0) {
      siftDown(0, times[size], persons[size]);
    }
  }

  void clear() {
    size = 0;
  }

  /**
   * Replaces the content with one entry per person whose {@code due[p]} is not {@code Long.MAX_VALUE},
   * built bottom-up in O(n).
   */
  void rebuild(long[] due, int count) {
    size = 0;
    for (int p = 0; p < count; p++) {
      if (due[p] != Long.MAX_VALUE) {
        if (size == times.length) {
          times = Arrays.copyOf(times, size * 2);
          persons = Arrays.copyOf(persons, size * 2);
        }
        times[size] = due[p];
        persons[size] = p;
        size++;
      }
    }
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i, times[i], persons[i]);
    }
  }

  private void siftDown(int i, long time, int person) {
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < size && times[child + 1] < times[child]) {
        child++;
      }
      if (time <= times[child]) {
        break;
      }
      times[i] = times[child];
      persons[i] = persons[child];
      i = child;
    }
    times[i] = time;
    persons[i] = person;
  }
}
