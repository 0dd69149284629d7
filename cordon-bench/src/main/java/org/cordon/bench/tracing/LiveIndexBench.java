package org.cordon.bench.tracing;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.cordon.bench.BenchOptions;
import org.cordon.core.city.CityParameters;
import org.cordon.core.city.SyntheticCity;
import org.cordon.core.person.Person;
import org.cordon.core.place.CountyBoundaries;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.Venue;
import org.cordon.core.tracing.ContactTracingEngine;
import org.cordon.core.tracing.LiveTracingData;
import org.cordon.core.tracing.TracedContact;
import org.cordon.core.tracing.TracingCase;
import org.cordon.core.tracing.TracingData;
import org.cordon.core.tracing.TracingDataBuilder;
import org.cordon.core.tracing.TracingPolicy;

/**
 * The live tracing index against a full rebuild, printed as Markdown. A synthetic city is generated in
 * memory (not timed); the index is built from all of it but the last {@code --append} scans; those are
 * then appended (a) as that many single-event uploads, each published on its own, and (b) as one
 * upload, published once with a compaction into the day partitions. The baseline is what the server
 * did before: rebuild the whole index (here from memory, so without the database read it also paid).
 * Traces over the appended index are checked to equal traces over the full rebuild.
 *
 * <pre>
 * java -Xmx8g -cp cordon-bench/target/benchmarks.jar org.cordon.bench.tracing.LiveIndexBench \
 *     [--persons 200000] [--days 14] [--seed 1] [--append 10000] [--compact-rows 100000]
 * </pre>
 */
public final class LiveIndexBench {
  private LiveIndexBench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchOptions.parse(args);
    int persons = Integer.parseInt(opts.getOrDefault("persons", "200000"));
    int days = Integer.parseInt(opts.getOrDefault("days", "14"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "1"));
    int append = Integer.parseInt(opts.getOrDefault("append", "10000"));
    int compactRows = Integer.parseInt(opts.getOrDefault("compact-rows", "100000"));
    List<String> table = new ArrayList<>();
    table.add("| step | figure |");
    table.add("|---|---:|");

    long t0 = System.nanoTime();
    CityParameters params = CityParameters.of(persons, days, seed);
    CityColumns city = new CityColumns();
    new SyntheticCity(DivisionTree.shipped(), CountyBoundaries.shipped()).generate(params, city);
    int held = Math.min(append, city.scans.size);
    int baseScans = city.scans.size - held;
    row(table, "city (generated in memory, not timed)", "%,d persons, %,d events; the last %,d scans "
        + "held out", city.persons.size(), (long) city.scans.size + city.rides.size + city.dwells.size,
        held);

    long b0 = System.nanoTime();
    TracingData rebuilt = builder(city, city.scans.size).build();
    double rebuildMs = ms(b0);
    row(table, "baseline: full rebuild of the index from memory (before: on every change)", "%,.0f ms",
        rebuildMs);

    // (a) single events, each its own upload
    LiveTracingData singles = builder(city, baseScans).buildLive(compactRows);
    double[] publishMs = new double[held];
    long a0 = System.nanoTime();
    CityColumns.Events s = city.scans;
    for (int i = 0; i < held; i++) {
      int r = baseScans + i;
      long p0 = System.nanoTime();
      singles.appendScan(s.person(r), s.place(r), s.start(r), s.end(r));
      singles.publish();
      publishMs[i] = ms(p0);
    }
    double singlesMs = ms(a0);
    row(table, "live: " + held + " single-event uploads, append + publish each", "%,.0f ms in all; "
        + "median %.3f ms, p99 %.3f ms, max %.1f ms per event", singlesMs, quantile(publishMs, 0.5),
        quantile(publishMs, 0.99), quantile(publishMs, 1.0));

    // (b) one upload, published once; with compact-rows at most its size the publish compacts
    LiveTracingData upload = builder(city, baseScans).buildLive(Math.min(compactRows, held));
    long u0 = System.nanoTime();
    for (int r = baseScans; r < city.scans.size; r++) {
      upload.appendScan(s.person(r), s.place(r), s.start(r), s.end(r));
    }
    upload.publish();
    row(table, "live: one upload of " + held + " scans, append + publish with compaction", "%,.1f ms",
        ms(u0));

    Random random = new Random(seed * 31);
    Instant asOf = rebuilt.latestEvent();
    ContactTracingEngine engine = new ContactTracingEngine(TracingPolicy.defaults());
    TracingData live = singles.current();
    for (int w = 0; w < 10; w++) {
      engine.trace(live, TracingBench.randomCases(city, params, random, 10), asOf);
      engine.trace(rebuilt, TracingBench.randomCases(city, params, random, 10), asOf);
    }
    double[] liveMs = new double[10];
    double[] fullMs = new double[10];
    long contacts = 0;
    for (int i = 0; i < liveMs.length; i++) {
      List<TracingCase> one = TracingBench.randomCases(city, params, random, 1);
      long l0 = System.nanoTime();
      List<TracedContact> fromLive = engine.trace(live, one, asOf);
      liveMs[i] = ms(l0);
      long f0 = System.nanoTime();
      List<TracedContact> fromFull = engine.trace(rebuilt, one, asOf);
      fullMs[i] = ms(f0);
      same(fromLive, fromFull);
      same(engine.trace(upload.current(), one, asOf), fromFull);
      contacts += fromLive.size();
    }
    row(table, "trace 1 case (10 cases): live index with a " + held + "-row tail vs full rebuild",
        "median %.1f ms vs %.1f ms; identical lists (%,d contacts in all)", quantile(liveMs, 0.5),
        quantile(fullMs, 0.5), contacts);
    row(table, "speed-up of taking in one event (median publish vs rebuild)", "%,.0f×",
        rebuildMs / quantile(publishMs, 0.5));

    System.out.println();
    table.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "%nJVM %s, max heap %,d MB, %d processors, load average %.2f%n",
        System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** A builder holding the whole city but only its first {@code scans} scans. */
  private static TracingDataBuilder builder(CityColumns city, int scans) {
    TracingDataBuilder b = new TracingDataBuilder(city.persons.size(), scans, city.rides.size,
        city.dwells.size);
    for (Person p : city.persons) {
      b.person(p.personId(), p.householdId());
    }
    for (Venue v : city.venues) {
      b.venue(v);
    }
    CityColumns.Events e = city.scans;
    for (int i = 0; i < scans; i++) {
      b.appendScan(e.person(i), e.place(i), e.start(i), e.end(i));
    }
    e = city.rides;
    for (int i = 0; i < e.size; i++) {
      b.appendRide(e.person(i), e.place(i), e.seat(i), e.start(i), e.end(i));
    }
    e = city.dwells;
    for (int i = 0; i < e.size; i++) {
      b.appendDwell(e.person(i), e.place(i), e.start(i), e.end(i));
    }
    return b;
  }

  private static void same(List<TracedContact> live, List<TracedContact> full) {
    if (!live.equals(full)) {
      throw new IllegalStateException("live and rebuilt index differ: " + live.size() + " vs "
          + full.size() + " contacts");
    }
  }

  private static void row(List<String> table, String step, String format, Object... args) {
    String figure = String.format(Locale.ROOT, format, args);
    System.out.println(step + ": " + figure);
    table.add("| " + step + " | " + figure + " |");
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }

  private static double quantile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.floor(q * s.length))];
  }
}
