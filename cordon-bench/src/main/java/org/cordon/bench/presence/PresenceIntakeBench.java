package org.cordon.bench.presence;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.cordon.bench.BenchOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.cordon.core.presence.PersonDictionary;
import org.cordon.core.presence.PresenceIndex;
import org.cordon.core.presence.PresenceIndexBuilder;
import org.cordon.core.presence.PresenceTime;
import org.cordon.core.presence.VenueScan;

/**
 * Intake into the presence index against the naive baseline (an {@code ArrayList} of {@link VenueScan}
 * records sorted by venue and time, and a copy sorted by person and time), in one run, printed as a
 * Markdown table. Scans are generated before the clock starts.
 *
 * <pre>
 * java -Xmx8g -cp cordon-bench/target/benchmarks.jar org.cordon.bench.presence.PresenceIntakeBench \
 *     [--scans 20000000] [--days 14] [--persons 1000000] [--venues 50000] [--seed 42] [--no-naive]
 *     [--no-presize]
 * </pre>
 */
public final class PresenceIntakeBench {
  private PresenceIntakeBench() {
  }

  public static void main(String[] args) {
    Map<String, String> opts = BenchOptions.parse(args);
    int scans = Integer.parseInt(opts.getOrDefault("scans", "20000000"));
    int days = Integer.parseInt(opts.getOrDefault("days", "14"));
    int persons = Integer.parseInt(opts.getOrDefault("persons", "1000000"));
    int venues = Integer.parseInt(opts.getOrDefault("venues", "50000"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
    System.out.printf(Locale.ROOT, "generating %,d scans, %d days, %,d persons, %,d venues, seed %d%n",
        scans, days, persons, venues, seed);
    SyntheticScans data = new SyntheticScans(scans, days, persons, venues, seed);
    Map<String, Integer> dwell = new HashMap<>();
    for (int v = 0; v < venues; v++) {
      dwell.put(data.venueCodes[v], data.dwellMinutes[v]);
    }
    List<String> table = new ArrayList<>();
    table.add("| approach | scans/s wall (append + sort) | scans per CPU-second | append s wall / CPU "
        + "| sort s wall / CPU | bytes/scan (counted) | bytes/scan (heap delta) |");
    table.add("|---|---:|---:|---:|---:|---:|---:|");
    PresenceIndex index = measureIndex(data, dwell, table, !opts.containsKey("no-presize"));
    measureQueries(index, data, table);
    index = null;
    if (!opts.containsKey("no-naive")) {
      measureNaive(data, table);
    }
    System.out.println();
    table.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "%nJVM %s, GC %s, max heap %,d MB, %d processors, load average %.2f%n",
        System.getProperty("java.vm.version"), gcNames(), Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static PresenceIndex measureIndex(SyntheticScans data, Map<String, Integer> dwell,
      List<String> table, boolean presize) {
    long heapBefore = usedHeap();
    long c0 = processCpu();
    long t0 = System.nanoTime();
    PresenceIndexBuilder builder = PresenceIndexBuilder.scans(new PersonDictionary(), dwell::get);
    if (presize) {
      // a rebuild at start-up knows the row count of the store
      builder.expectedRows(data.count);
    }
    for (int i = 0; i < data.count; i++) {
      builder.appendScan(data.personIds[data.person[i]], data.venueCodes[data.venue[i]],
          data.startEpochSecond(i), data.exitEpochSecondOrMinus1(i));
    }
    long t1 = System.nanoTime();
    long c1 = processCpu();
    PresenceIndex index = builder.build();
    long t2 = System.nanoTime();
    long c2 = processCpu();
    builder = null;
    long heapDelta = usedHeap() - heapBefore;
    table.add(String.format(Locale.ROOT, "| presence index (%d partitions, %,d persons, %,d venues%s) "
        + "| %,.0f | %,.0f | %.2f / %.2f | %.2f / %.2f | %.1f (rows only %.1f) | %.1f |",
        index.partitionCount(), data.personIds.length, data.venueCodes.length,
        presize ? ", staging pre-sized" : "",
        data.count / ((t2 - t0) / 1e9), data.count / ((c2 - c0) / 1e9), (t1 - t0) / 1e9, (c1 - c0) / 1e9,
        (t2 - t1) / 1e9, (c2 - c1) / 1e9, (double) index.bytesUsed() / data.count,
        (double) index.rowBytes() / data.count, (double) heapDelta / data.count));
    return index;
  }

  private static void measureNaive(SyntheticScans data, List<String> table) {
    long heapBefore = usedHeap();
    long c0 = processCpu();
    long t0 = System.nanoTime();
    List<VenueScan> byPlace = new ArrayList<>();
    for (int i = 0; i < data.count; i++) {
      long exit = data.exitEpochSecondOrMinus1(i);
      byPlace.add(new VenueScan(data.personIds[data.person[i]], data.venueCodes[data.venue[i]],
          Instant.ofEpochSecond(data.startEpochSecond(i)), exit < 0 ? null : Instant.ofEpochSecond(exit)));
    }
    long t1 = System.nanoTime();
    long c1 = processCpu();
    byPlace.sort(Comparator.comparing(VenueScan::venueId).thenComparing(VenueScan::time));
    List<VenueScan> byPerson = new ArrayList<>(byPlace);
    byPerson.sort(Comparator.comparingLong(VenueScan::personId).thenComparing(VenueScan::time));
    long t2 = System.nanoTime();
    long c2 = processCpu();
    long heapDelta = usedHeap() - heapBefore;
    table.add(String.format(Locale.ROOT, "| naive: ArrayList<VenueScan> sorted by (venue, time) + copy "
        + "sorted by (person, time) | %,.0f | %,.0f | %.2f / %.2f | %.2f / %.2f | - | %.1f |",
        data.count / ((t2 - t0) / 1e9), data.count / ((c2 - c0) / 1e9), (t1 - t0) / 1e9, (c1 - c0) / 1e9,
        (t2 - t1) / 1e9, (c2 - c1) / 1e9, (double) heapDelta / data.count));
    if (byPlace.size() != byPerson.size()) {
      throw new IllegalStateException("lost rows");
    }
  }

  /** Mean latency of random person (3-day window) and venue (1-hour window) queries. */
  private static void measureQueries(PresenceIndex index, SyntheticScans data, List<String> table) {
    Random random = new Random(7);
    int n = 200_000;
    long[] found = new long[1];
    for (int round = 0; round < 2; round++) {
      long t0 = System.nanoTime();
      for (int q = 0; q < n; q++) {
        int person = index.personIndex(data.personIds[random.nextInt(data.personIds.length)]);
        int from = PresenceTime.ofEpochSecond(data.baseEpochSecond + random.nextInt(11 * 86_400));
        index.forEachOfPerson(person, from, from + 3 * 86_400, (a, b, c, d, e) -> found[0]++);
      }
      long t1 = System.nanoTime();
      for (int q = 0; q < n; q++) {
        int venue = index.placeIndex(data.venueCodes[random.nextInt(data.venueCodes.length)]);
        int from = PresenceTime.ofEpochSecond(data.baseEpochSecond + random.nextInt(14 * 86_400));
        index.forEachAtPlace(venue, from, from + 3600, (a, b, c, d, e) -> found[0]++);
      }
      long t2 = System.nanoTime();
      if (round == 1) {
        table.add(String.format(Locale.ROOT, "| query latency (mean of %,d, 1 thread, after warm-up): person "
            + "× 3 days %.2f µs, venue × 1 hour %.2f µs (%,d rows visited) | | | | | | |", n,
            (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, found[0]));
      }
    }
  }

  /** CPU time of the whole JVM (all threads, including GC and JIT), nanoseconds. */
  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static String gcNames() {
    List<String> names = new ArrayList<>();
    ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> names.add(gc.getName()));
    return String.join(" + ", names);
  }

}
