package org.cordon.bench.testing;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.cordon.bench.BenchOptions;
import org.cordon.core.place.Division;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.GridCell;
import org.cordon.core.testing.Campaign;
import org.cordon.core.testing.CampaignKind;
import org.cordon.core.testing.CoverageReport;
import org.cordon.core.testing.DivisionCoverage;
import org.cordon.core.testing.Recall;
import org.cordon.core.testing.SamplingRound;
import org.cordon.core.testing.SamplingSite;
import org.cordon.core.testing.TargetPopulation;
import org.cordon.core.testing.TestingPopulation;
import org.cordon.core.testing.TubeResult;
import org.cordon.core.testing.TubeResultReport;

/**
 * Issue 5's speed targets for a city-wide round, side by side with {@link ObjectMapRound} (HashMap of objects)
 * in the same run, printed as Markdown: registering every sample (target ≥ 100,000/s), ingesting every tube
 * result and producing the recall list (≤ 5 s), coverage of the whole city by community (≤ 200 ms). The
 * persons live in the real communities of one prefecture (太原市 1401 by default); a share of them is never
 * sampled (missed); infections are independent at the given prevalence and a tube is positive when any of its
 * samples is. The engine's and the baseline's recall lists and community counts are compared.
 *
 * <pre>
 * java -Xmx8g -cp cordon-bench/target/benchmarks.jar org.cordon.bench.testing.MassTestingBench \
 *     [--persons 5000000] [--pool 10] [--prevalence 0.001] [--missed 0.03] [--sites 2000] [--runs 2]
 *     [--seed 1] [--city 1401] [--no-baseline]
 * </pre>
 */
public final class MassTestingBench {
  private static final Instant START = Instant.parse("2022-04-05T22:00:00Z");   // 06:00 in Taiyuan

  private MassTestingBench() {
  }

  public static void main(String[] args) {
    Map<String, String> opts = BenchOptions.parse(args);
    int persons = Integer.parseInt(opts.getOrDefault("persons", "5000000"));
    int pool = Integer.parseInt(opts.getOrDefault("pool", "10"));
    double prevalence = Double.parseDouble(opts.getOrDefault("prevalence", "0.001"));
    double missedShare = Double.parseDouble(opts.getOrDefault("missed", "0.03"));
    int siteCount = Integer.parseInt(opts.getOrDefault("sites", "2000"));
    int runs = Integer.parseInt(opts.getOrDefault("runs", "2"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "1"));
    DivisionCode city = DivisionCode.of(opts.getOrDefault("city", "1401"));
    boolean baseline = !opts.containsKey("no-baseline");

    List<String> table = new ArrayList<>();
    table.add("| step | Cordon engine (SamplingRound) | baseline (HashMap of objects) |");
    table.add("|---|---:|---:|");
    DivisionTree tree = DivisionTree.shipped();
    List<Division> communities = tree.descendantsAtLevel(city, 5);
    SplittableRandom random = new SplittableRandom(seed);

    // ---- the city: persons in communities, arrivals, tubes, infections (not timed)
    int[] homeOf = new int[persons];
    boolean[] infected = new boolean[persons];
    for (int i = 0; i < persons; i++) {
      homeOf[i] = random.nextInt(communities.size());
      infected[i] = random.nextDouble() < prevalence;
    }
    int[] arrivals = arrivals(persons, missedShare, random);
    int tubes = (arrivals.length + pool - 1) / pool;
    String[] barcodes = new String[tubes];
    for (int t = 0; t < tubes; t++) {
      barcodes[t] = String.format(Locale.ROOT, "TY%09d", 100_000_000 + t * 7);
    }
    List<SamplingSite> sites = new ArrayList<>();
    for (int s = 0; s < siteCount; s++) {
      sites.add(new SamplingSite("S" + s, "采样点" + s, communities.get(s % communities.size()).code(), null,
          List.of()));
    }
    Campaign campaign = new Campaign("round-3", "太原市第3轮全员核酸", CampaignKind.CITY_ROUND,
        TargetPopulation.divisions(city), START, START.plusSeconds(2 * 86_400), pool, sites);
    List<TubeResultReport> results = new ArrayList<>(tubes);
    for (int t = 0; t < tubes; t++) {
      boolean positive = false;
      for (int j = t * pool; j < Math.min(arrivals.length, (t + 1) * pool); j++) {
        positive |= infected[arrivals[j]];
      }
      results.add(new TubeResultReport(barcodes[t], positive ? TubeResult.POSITIVE : TubeResult.NEGATIVE,
          at(arrivals.length, t * pool).plusSeconds(5 * 3600), "lab-" + (t % 12)));
    }
    row(table, "input (not timed)", "%,d persons in %,d communities of %s; %,d sampled into %,d tubes of %d "
        + "at %,d sites; %,d missed; prevalence %s", persons, communities.size(), city, arrivals.length, tubes,
        pool, siteCount, persons - arrivals.length, prevalence);

    // ---- engine
    System.gc();
    long popHeap0 = usedHeap();
    long c0 = cpu();
    long t0 = System.nanoTime();
    TestingPopulation.Builder b = new TestingPopulation.Builder(tree);
    for (int i = 0; i < persons; i++) {
      b.add(personId(i), communities.get(homeOf[i]).code(), new GridCell(4000 + homeOf[i] / 64, 7000 + homeOf[i] % 64));
    }
    TestingPopulation population = b.build();
    double popSecs = secs(t0);
    double popCpu = cpuSecs(c0);
    b = null;
    System.gc();
    long popBytes = usedHeap() - popHeap0;
    long heap0 = usedHeap();
    SamplingRound round = null;
    List<String> regFigures = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      round = null;
      System.gc();
      heap0 = usedHeap();
      SamplingRound r = new SamplingRound(campaign, population);
      long c1 = cpu();
      long t1 = System.nanoTime();
      registerAll(r, arrivals, barcodes, pool, siteCount);
      double s = secs(t1);
      double c = cpuSecs(c1);
      regFigures.add(String.format(Locale.ROOT, "%,.0f/s wall (%.2f s), %,.0f/s CPU", arrivals.length / s, s,
          arrivals.length / c));
      round = r;
    }
    System.gc();
    long roundBytes = usedHeap() - heap0;

    long c2 = cpu();
    long t2 = System.nanoTime();
    for (int from = 0; from < results.size(); from += 10_000) {
      round.applyResults(results.subList(from, Math.min(results.size(), from + 10_000)));
    }
    double applySecs = secs(t2);
    long t3 = System.nanoTime();
    List<Recall> recall = round.recallList();
    double recallSecs = secs(t3);
    double applyCpu = cpuSecs(c2);

    double coverageMs = Double.MAX_VALUE;
    CoverageReport coverage = null;
    List<DivisionCoverage> byCommunity = null;
    double coverageCpuMs = Double.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long c4 = cpu();
      long t4 = System.nanoTime();
      coverage = round.coverage();
      byCommunity = coverage.byCommunity(city);
      coverageMs = Math.min(coverageMs, secs(t4) * 1000);
      coverageCpuMs = Math.min(coverageCpuMs, cpuSecs(c4) * 1000);
    }
    long c5 = cpu();
    long t5 = System.nanoTime();
    long missedListed = 0;
    for (long[] m : round.missedByCommunity(city).values()) {
      missedListed += m.length;
    }
    double missedMs = secs(t5) * 1000;
    double missedCpuMs = cpuSecs(c5) * 1000;

    // ---- baseline
    String[] base = new String[5];
    if (baseline) {
      round = null;
      population = null;
      System.gc();
      long bheap0 = usedHeap();
      long c6 = cpu();
      long t6 = System.nanoTime();
      Map<Long, DivisionCode> homes = new HashMap<>(persons * 2);
      Set<Long> targeted = new HashSet<>(persons * 2);
      for (int i = 0; i < persons; i++) {
        homes.put(personId(i), communities.get(homeOf[i]).code());
        targeted.add(personId(i));
      }
      double basePop = secs(t6);
      double basePopCpu = cpuSecs(c6);
      ObjectMapRound o = null;
      List<String> baseReg = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        o = null;
        System.gc();
        ObjectMapRound r = new ObjectMapRound(homes, targeted);
        long c7 = cpu();
        long t7 = System.nanoTime();
        registerAll(r, arrivals, barcodes, pool, siteCount);
        double s = secs(t7);
        double c = cpuSecs(c7);
        baseReg.add(String.format(Locale.ROOT, "%,.0f/s wall (%.2f s), %,.0f/s CPU", arrivals.length / s, s,
            arrivals.length / c));
        o = r;
      }
      System.gc();
      long baseBytes = usedHeap() - bheap0;
      long c8 = cpu();
      long t8 = System.nanoTime();
      for (TubeResultReport r : results) {
        o.applyResult(r.tubeBarcode(), r.result(), r.at());
      }
      double baseApply = secs(t8);
      long t9 = System.nanoTime();
      List<ObjectMapRound.RecallRow> baseRecall = o.recallList();
      double baseRecallSecs = secs(t9);
      double baseApplyCpu = cpuSecs(c8);
      double baseCoverageMs = Double.MAX_VALUE;
      double baseCoverageCpuMs = Double.MAX_VALUE;
      Map<DivisionCode, long[]> baseCoverage = null;
      for (int i = 0; i < 3; i++) {
        long c10 = cpu();
        long t10 = System.nanoTime();
        baseCoverage = o.coverageByCommunity();
        baseCoverageMs = Math.min(baseCoverageMs, secs(t10) * 1000);
        baseCoverageCpuMs = Math.min(baseCoverageCpuMs, cpuSecs(c10) * 1000);
      }
      boolean sameRecall = baseRecall.size() == recall.size();
      for (int i = 0; sameRecall && i < recall.size(); i++) {
        sameRecall = baseRecall.get(i).person() == recall.get(i).personId()
            && baseRecall.get(i).tube().equals(recall.get(i).tubeBarcode());
      }
      boolean sameCoverage = baseCoverage.size() == byCommunity.size();
      for (DivisionCoverage d : byCommunity) {
        long[] c = baseCoverage.get(d.division());
        sameCoverage &= c != null && c[0] == d.counts().targeted() && c[1] == d.counts().sampled()
            && c[2] == d.counts().resulted();
      }
      base[0] = String.format(Locale.ROOT, "%.2f s wall, %.2f s CPU (HashMap + HashSet)", basePop, basePopCpu);
      base[1] = String.join(", then ", baseReg);
      base[2] = String.format(Locale.ROOT, "%.2f s + %.0f ms join = **%.2f s** wall (%.2f s CPU)", baseApply,
          baseRecallSecs * 1000, baseApply + baseRecallSecs, baseApplyCpu);
      base[3] = String.format(Locale.ROOT, "%.0f ms wall, %.0f ms CPU", baseCoverageMs, baseCoverageCpuMs);
      base[4] = String.format(Locale.ROOT, "%.0f bytes/person (population maps + round); recall lists identical: %s; community counts "
          + "identical: %s", (double) baseBytes / persons, sameRecall ? "yes" : "NO", sameCoverage ? "yes" : "NO");
    }
    row3(table, "population build (persons sorted by community, id lookup)",
        String.format(Locale.ROOT, "%.2f s wall, %.2f s CPU, %.0f bytes/person", popSecs, popCpu,
            (double) popBytes / persons), base[0]);
    row3(table, "register samples (open tubes + scan persons), run 1, run 2...", String.join(", then ", regFigures),
        base[1]);
    row3(table, String.format(Locale.ROOT, "apply all %,d tube results (batches of 10,000) + recall list", tubes),
        String.format(Locale.ROOT, "%.2f s + %.0f ms = **%.2f s** wall (%.2f s CPU; %,d recalled, %,d positive "
            + "tubes)", applySecs, recallSecs * 1000, applySecs + recallSecs, applyCpu, recall.size(),
            results.stream().filter(r -> r.result() == TubeResult.POSITIVE).count()), base[2]);
    row3(table, "whole-city coverage by community (" + byCommunity.size() + " communities, all levels rolled up)",
        String.format(Locale.ROOT, "**%.0f ms** wall, %.0f ms CPU (best of 5; total %s)", coverageMs,
            coverageCpuMs, coverage.total()), base[3]);
    row3(table, "missed lists of every community", String.format(Locale.ROOT, "%.0f ms wall, %.0f ms CPU "
        + "(%,d persons)", missedMs, missedCpuMs, missedListed), "");
    row3(table, "heap of the round after GC", String.format(Locale.ROOT, "%.0f bytes/person (round only)",
        (double) roundBytes / persons), base[4]);
    table.forEach(System.out::println);
  }

  /** Persons in random arrival order, without the missed share. */
  private static int[] arrivals(int persons, double missedShare, SplittableRandom random) {
    int[] order = new int[persons];
    for (int i = 0; i < persons; i++) {
      order[i] = i;
    }
    for (int i = persons - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int x = order[i];
      order[i] = order[j];
      order[j] = x;
    }
    return java.util.Arrays.copyOf(order, (int) Math.round(persons * (1 - missedShare)));
  }

  private static long personId(int i) {
    return 1_000_000L + 3L * i;
  }

  /** Arrival j of n spread over 36 hours from the start. */
  private static Instant at(int n, int j) {
    return START.plusSeconds((long) j * 36 * 3600 / n);
  }

  private static void registerAll(SamplingRound r, int[] arrivals, String[] barcodes, int pool, int sites) {
    for (int t = 0; t < barcodes.length; t++) {
      String site = "S" + (t % sites);
      int from = t * pool;
      int to = Math.min(arrivals.length, from + pool);
      r.openTube(barcodes[t], site, at(arrivals.length, from));
      for (int j = from; j < to; j++) {
        r.register(personId(arrivals[j]), barcodes[t], site, at(arrivals.length, j));
      }
      if (to - from < pool) {
        r.closeTube(barcodes[t], at(arrivals.length, to - 1));
      }
    }
  }

  private static void registerAll(ObjectMapRound r, int[] arrivals, String[] barcodes, int pool, int sites) {
    for (int t = 0; t < barcodes.length; t++) {
      String site = "S" + (t % sites);
      int from = t * pool;
      int to = Math.min(arrivals.length, from + pool);
      r.openTube(barcodes[t], site, to - from);
      for (int j = from; j < to; j++) {
        r.register(personId(arrivals[j]), barcodes[t], site, at(arrivals.length, j));
      }
    }
  }

  private static double cpuSecs(long c0) {
    return (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0) / 1e9;
  }

  private static long cpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static void row(List<String> table, String step, String format, Object... args) {
    table.add("| " + step + " | " + String.format(Locale.ROOT, format, args) + " | |");
  }

  private static void row3(List<String> table, String step, String engine, String baseline) {
    table.add("| " + step + " | " + engine + " | " + (baseline == null ? "" : baseline) + " |");
  }
}
