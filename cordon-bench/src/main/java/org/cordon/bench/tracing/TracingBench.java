package org.cordon.bench.tracing;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalTime;
import org.cordon.bench.BenchOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.cordon.core.city.CityParameters;
import org.cordon.core.city.SyntheticCity;
import org.cordon.core.person.Person;
import org.cordon.core.place.CountyBoundaries;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.Venue;
import org.cordon.core.tracing.ContactTracingEngine;
import org.cordon.core.tracing.TracedContact;
import org.cordon.core.tracing.TracingCase;
import org.cordon.core.tracing.TracingData;
import org.cordon.core.tracing.TracingDataBuilder;
import org.cordon.core.tracing.TracingPolicy;

/**
 * Contact tracing at city scale, side by side with the same trace as SQL on PostgreSQL, printed as
 * Markdown. Generates a synthetic city into memory (not timed); unless {@code --no-sql}, loads the
 * same rows into a fresh PostgreSQL database first (timed apart); builds the tracing indexes from the
 * city's columns (events/s, bytes/event), releasing the columns as it goes; traces single cases and a
 * batch of cases (ms, after warm-up); then runs {@link PostgresTracing} for the same cases (the first
 * {@code --sql-cases} of the batch), checking that both list exactly the same contacts.
 *
 * <pre>
 * java -Xmx12g -cp cordon-bench/target/benchmarks.jar org.cordon.bench.tracing.TracingBench \
 *     [--persons 200000] [--days 14] [--seed 1] [--cases 100] [--singles 10] [--sql-cases 100]
 *     [--no-sql]
 * </pre>
 */
public final class TracingBench {
  private TracingBench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchOptions.parse(args);
    int persons = Integer.parseInt(opts.getOrDefault("persons", "200000"));
    int days = Integer.parseInt(opts.getOrDefault("days", "14"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "1"));
    int batch = Integer.parseInt(opts.getOrDefault("cases", "100"));
    int singles = Integer.parseInt(opts.getOrDefault("singles", "10"));
    int sqlBatch = Integer.parseInt(opts.getOrDefault("sql-cases", Integer.toString(batch)));
    List<String> table = new ArrayList<>();
    table.add("| step | figure |");
    table.add("|---|---:|");

    long t0 = System.nanoTime();
    CityParameters params = CityParameters.of(persons, days, seed);
    CityColumns city = new CityColumns();
    new SyntheticCity(DivisionTree.shipped(), CountyBoundaries.shipped()).generate(params, city);
    row(table, "city generated in memory (not part of any figure)", "%.1f s, %,d persons, %,d venues, "
        + "%,d scans, %,d rides, %,d dwells", secs(t0), city.persons.size(), city.venues.size(),
        city.scans.size, city.rides.size, city.dwells.size);

    boolean withSql = !opts.containsKey("no-sql");
    try (PostgresTracing sql = withSql ? new PostgresTracing() : null) {
      if (sql != null) {
        // loaded first, so that the build can release the city's columns as it goes
        long l0 = System.nanoTime();
        long rows = sql.load(city);
        double loadSecs = secs(l0);
        long i0 = System.nanoTime();
        sql.index();
        row(table, "PostgreSQL: COPY into " + sql.database(), "%,d rows in %.1f s (%,.0f rows/s)", rows,
            loadSecs, rows / loadSecs);
        row(table, "PostgreSQL: indexes + ANALYZE", "%.1f s", secs(i0));
      }

      long c0 = cpu();
      long t1 = System.nanoTime();
      TracingData data = build(city);
      double buildSecs = secs(t1);
      double buildCpu = (cpu() - c0) / 1e9;
      long events = data.events();
      row(table, "index build (append + sort, 3 indexes + households)", "%.2f s wall, %.2f s CPU",
          buildSecs, buildCpu);
      row(table, "events/s (wall)", "%,.0f", events / buildSecs);
      row(table, "bytes/event: row columns", "%.2f", (double) data.rowBytes() / events);
      row(table, "bytes/event: + dictionaries, households, venue classes", "%.2f",
          (double) data.bytesUsed() / events);

      Random random = new Random(seed * 7919);
      Instant asOf = data.latestEvent();
      ContactTracingEngine engine = new ContactTracingEngine(TracingPolicy.defaults());
      for (int w = 0; w < 30; w++) {
        engine.trace(data, randomCases(city, params, random, w < 10 ? batch : 1), asOf);
      }
      List<List<TracingCase>> single = new ArrayList<>();
      double[] singleMs = new double[singles];
      List<List<TracedContact>> singleOut = new ArrayList<>();
      for (int i = 0; i < singles; i++) {
        single.add(randomCases(city, params, random, 1));
        long s = System.nanoTime();
        singleOut.add(engine.trace(data, single.get(i), asOf));
        singleMs[i] = (System.nanoTime() - s) / 1e6;
      }
      List<TracingCase> many = randomCases(city, params, random, batch);
      double[] manyMs = new double[5];
      double[] manyCpuMs = new double[5];
      List<TracedContact> manyOut = null;
      for (int i = 0; i < manyMs.length; i++) {
        long cs = cpu();
        long s = System.nanoTime();
        manyOut = engine.trace(data, many, asOf);
        manyMs[i] = (System.nanoTime() - s) / 1e6;
        manyCpuMs[i] = (cpu() - cs) / 1e6;
      }
      row(table, "engine: 1 case (" + singles + " different cases)", "median %.1f ms, max %.1f ms, "
          + "median %,d contacts", median(singleMs), max(singleMs), medianSize(singleOut));
      row(table, "engine: " + batch + " cases (5 runs)", "median %.1f ms, min %.1f ms "
          + "(process CPU: median %.0f ms), %s", median(manyMs), min(manyMs), median(manyCpuMs),
          categories(manyOut));
      for (int i = 0; i < singleOut.size(); i++) {
        System.out.println("  single case " + (i + 1) + ": " + tracks(singleOut.get(i)));
      }

      if (sql != null) {
        long q1 = System.nanoTime();
        List<TracedContact> sqlSingle = sql.trace(single.get(0), asOf, engine.policy());
        double sqlSingleMs = (System.nanoTime() - q1) / 1e6;
        check("1 case", singleOut.get(0), sqlSingle);
        row(table, "PostgreSQL: 1 case (the first single case)", "%.1f ms (engine %.1f ms: %.0f×)",
            sqlSingleMs, singleMs[0], sqlSingleMs / singleMs[0]);
        List<TracingCase> sqlCases = many.subList(0, Math.min(many.size(), sqlBatch));
        double[] engineMs = new double[3];
        List<TracedContact> engineOut = null;
        for (int i = 0; i < engineMs.length; i++) {
          long s = System.nanoTime();
          engineOut = engine.trace(data, sqlCases, asOf);
          engineMs[i] = (System.nanoTime() - s) / 1e6;
        }
        long q2 = System.nanoTime();
        List<TracedContact> sqlMany = sql.trace(sqlCases, asOf, engine.policy());
        double sqlManyMs = (System.nanoTime() - q2) / 1e6;
        check(sqlCases.size() + " cases", engineOut, sqlMany);
        row(table, "PostgreSQL: " + sqlCases.size() + " cases", "%.1f ms (engine median %.1f ms: %.0f×)",
            sqlManyMs, median(engineMs), sqlManyMs / median(engineMs));
        row(table, "identical contact lists", "yes (%,d and %,d rows)", sqlSingle.size(), sqlMany.size());
      }
      // what the indexes really hold: the heap freed when they are dropped at the end
      System.gc();
      long held = usedHeap();
      data = null;
      System.gc();
      row(table, "bytes/event: heap freed by dropping the indexes after GC", "%.2f",
          (double) (held - usedHeap()) / events);
    }
    System.out.println();
    table.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "%nJVM %s, max heap %,d MB, %d processors, load average %.2f%n",
        System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * Builds the tracing indexes from the city's columns, releasing each kind's columns once it has been
   * appended (the staging copy takes their place, so a 5M-person city fits in the heap).
   */
  static TracingData build(CityColumns city) {
    TracingDataBuilder b = new TracingDataBuilder(city.persons.size(), city.scans.size,
        city.rides.size, city.dwells.size);
    for (Person p : city.persons) {
      b.person(p.personId(), p.householdId());
    }
    for (Venue v : city.venues) {
      b.venue(v);
    }
    CityColumns.Events e = city.scans;
    for (int i = 0; i < e.size; i++) {
      b.appendScan(e.person(i), e.place(i), e.start(i), e.end(i));
    }
    e.release();
    e = city.rides;
    for (int i = 0; i < e.size; i++) {
      b.appendRide(e.person(i), e.place(i), e.seat(i), e.start(i), e.end(i));
    }
    e.release();
    e = city.dwells;
    for (int i = 0; i < e.size; i++) {
      b.appendDwell(e.person(i), e.place(i), e.start(i), e.end(i));
    }
    e.release();
    return b.build();
  }

  /**
   * {@code n} distinct random residents with onset at 10:00 three days before the end of the data,
   * every other one isolated a day later.
   */
  static List<TracingCase> randomCases(CityColumns city, CityParameters params, Random random, int n) {
    Instant onset = params.startDate().plusDays(params.days() - 3L).atTime(LocalTime.of(10, 0))
        .atZone(params.zone()).toInstant();
    List<TracingCase> cases = new ArrayList<>();
    java.util.Set<Long> taken = new java.util.HashSet<>();
    while (cases.size() < n) {
      long p = city.persons.get(random.nextInt(city.persons.size())).personId();
      if (taken.add(p)) {
        cases.add(new TracingCase(p, onset, cases.size() % 2 == 0 ? null : onset.plusSeconds(86_400)));
      }
    }
    return cases;
  }

  private static void check(String what, List<TracedContact> engine, List<TracedContact> sql) {
    if (!engine.equals(sql)) {
      int i = 0;
      while (i < Math.min(engine.size(), sql.size()) && engine.get(i).equals(sql.get(i))) {
        i++;
      }
      throw new IllegalStateException(what + ": engine and SQL differ (" + engine.size() + " vs "
          + sql.size() + " rows); first difference at row " + i + ": engine "
          + (i < engine.size() ? engine.get(i) : "-") + ", SQL " + (i < sql.size() ? sql.get(i) : "-"));
    }
  }

  private static String categories(List<TracedContact> list) {
    Map<String, Integer> n = new java.util.LinkedHashMap<>();
    for (TracedContact c : list) {
      n.merge(c.category().code(), 1, Integer::sum);
    }
    return n.toString();
  }

  /** Contacts per category and, within each, per track: how the city's density shows. */
  private static String tracks(List<TracedContact> list) {
    Map<String, Map<String, Integer>> n = new java.util.TreeMap<>();
    for (TracedContact c : list) {
      n.computeIfAbsent(c.category().code(), k -> new java.util.TreeMap<>())
          .merge(c.track().code(), 1, Integer::sum);
    }
    return n.toString();
  }

  private static void row(List<String> table, String step, String format, Object... args) {
    String figure = String.format(Locale.ROOT, format, args);
    System.out.println(step + ": " + figure);
    table.add("| " + step + " | " + figure + " |");
  }

  private static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  private static int medianSize(List<List<TracedContact>> lists) {
    int[] n = lists.stream().mapToInt(List::size).sorted().toArray();
    return n[n.length / 2];
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

}
