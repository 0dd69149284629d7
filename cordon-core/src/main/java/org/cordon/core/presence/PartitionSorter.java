package org.cordon.core.presence;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns unsorted rows into day partitions. Rows are grouped by the local day of their start (a
 * counting pass and an in-place swapping pass), then each day is sorted on its own, days in parallel on {@code threads} threads:
 * a stable counting sort by start within the day, then stable counting sorts by place (the physical
 * order) and by person (the permutation). Counting sorts are O(rows + buckets); when the buckets far
 * outnumber a day's rows (a small live tail) a packed {@code long} sort is used instead.
 */
final class PartitionSorter {
  private final ZoneId zone;
  private final PersonDictionary persons;
  private final PlaceDictionary places;
  private final int threads;

  PartitionSorter(ZoneId zone, PersonDictionary persons, PlaceDictionary places, int threads) {
    this.zone = zone;
    this.persons = persons;
    this.places = places;
    this.threads = Math.max(1, threads);
  }

  /**
   * Sorts {@code rows} into day partitions. The rows are regrouped by day in place (their order is
   * changed, their content kept), so a caller that still needs the original order passes a copy.
   */
  List<DayPartition> sort(RowColumns rows) {
    int n = rows.size;
    if (n == 0) {
      return List.of();
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, rows.start[i]);
      max = Math.max(max, rows.start[i]);
    }
    DayCalendar calendar = new DayCalendar(zone, min, max);
    int days = calendar.days();
    int[] from = new int[days + 1];
    for (int i = 0; i < n; i++) {
      from[calendar.dayOf(rows.start[i]) + 1]++;
    }
    for (int d = 0; d < days; d++) {
      from[d + 1] += from[d];
    }
    groupInPlace(rows, calendar, from);
    DayPartition[] out = new DayPartition[days];
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      DaySort sorter = new DaySort(rows, Math.max(Math.max(persons.size(), places.size()), 90_000));
      for (int d = next.getAndIncrement(); d < days; d = next.getAndIncrement()) {
        if (from[d + 1] > from[d]) {
          out[d] = sorter.partition(calendar.epochDay(d), calendar.start(d), calendar.length(d),
              from[d], from[d + 1]);
        }
      }
    };
    runOn(Math.min(threads, days), worker);
    List<DayPartition> result = new ArrayList<>();
    for (DayPartition p : out) {
      if (p != null) {
        result.add(p);
      }
    }
    return result;
  }

  /**
   * Moves every row into the range {@code [from[d], from[d + 1])} of its day by swapping rows along
   * cycles (an American flag sort pass): no extra row memory, and only one write position per day is
   * active, so the writes stay cache friendly.
   */
  private static void groupInPlace(RowColumns rows, DayCalendar calendar, int[] from) {
    int days = from.length - 1;
    int[] next = from.clone();
    for (int d = 0; d < days; d++) {
      int end = from[d + 1];
      while (next[d] < end) {
        int i = next[d];
        int target = calendar.dayOf(rows.start[i]);
        if (target == d) {
          next[d]++;
        } else {
          rows.swap(i, next[target]++);
        }
      }
    }
  }

  private static void runOn(int count, Runnable worker) {
    if (count <= 1) {
      worker.run();
      return;
    }
    List<Thread> started = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    for (int t = 1; t < count; t++) {
      Thread thread = new Thread(worker, "presence-sort-" + t);
      thread.setUncaughtExceptionHandler((th, e) -> {
        synchronized (failure) {
          failure[0] = e;
        }
      });
      thread.start();
      started.add(thread);
    }
    worker.run();
    for (Thread thread : started) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while sorting presence partitions", e);
      }
    }
    synchronized (failure) {
      if (failure[0] != null) {
        throw new IllegalStateException("sorting a presence partition failed", failure[0]);
      }
    }
  }
}
