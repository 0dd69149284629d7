package org.cordon.bench.healthcode;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cordon.bench.BenchOptions;
import org.cordon.core.healthcode.CodeChangeSink;
import org.cordon.core.healthcode.Fact;
import org.cordon.core.healthcode.HealthCodeEngine;
import org.cordon.core.healthcode.HealthCodePolicy;
import org.cordon.core.healthcode.TestResult;

/**
 * What a mass-testing round costs the health-code engine now that lab results reach it: every tested
 * person gets a negative PCR fact (tubes of 10, the tube barcode shared by its members as on the
 * server's live path), so every resident becomes a person with facts. Rounds are a day apart. Prints
 * the heap after each round (after GC), the time to apply it in batches of 100,000, and a policy switch
 * over everyone. With {@code --prune-after-days N}: back to the 9th edition, the clock moved N days past
 * the last round, then one pruning pass ({@link HealthCodeEngine#prune()}, the policy's 10-day look-back):
 * the heap before it (the same-run baseline) and after it, its time, and a check that no sampled
 * person's code changed.
 *
 * <pre>
 * java -Xmx4g -XX:+UseParallelGC -cp cordon-bench/target/benchmarks.jar \
 *     org.cordon.bench.healthcode.TestedCityBench [--persons 5000000] [--rounds 2] [--prune-after-days 12]
 * </pre>
 */
public final class TestedCityBench {
  private static final Instant DAY0 = Instant.parse("2026-11-13T00:00:00Z");

  private TestedCityBench() {
  }

  public static void main(String[] args) {
    Map<String, String> opts = BenchOptions.parse(args);
    int persons = Integer.parseInt(opts.getOrDefault("persons", "5000000"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "2"));
    int pruneAfterDays = Integer.parseInt(opts.getOrDefault("prune-after-days", "-1"));
    System.out.printf(Locale.ROOT, "tested city: %,d persons, %d rounds, %d cores, load %.1f%n", persons, rounds,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    HealthCodeEngine engine = new HealthCodeEngine(HealthCodePolicy.preset("healthcode-9th"),
        DAY0.plusSeconds(86_400L * rounds), CodeChangeSink.none(), 1024);
    long heap0 = usedHeapAfterGc();
    for (int round = 0; round < rounds; round++) {
      Instant sampled = DAY0.plusSeconds(86_400L * round);
      long started = System.nanoTime();
      List<Fact> batch = new ArrayList<>(100_000);
      String tube = null;
      for (int p = 1; p <= persons; p++) {
        if (p % 10 == 1) {
          tube = "R" + round + "-T" + (p / 10);
        }
        batch.add(new TestResult(p, TestResult.Method.PCR, false, sampled, tube));
        if (batch.size() == 100_000) {
          engine.apply(batch);
          batch.clear();
        }
      }
      engine.apply(batch);
      long ms = (System.nanoTime() - started) / 1_000_000;
      System.out.printf(Locale.ROOT, "| round %d applied | %,d ms | %,d persons with facts | heap %,d MB |%n",
          round + 1, ms, engine.personsWithFacts(), (usedHeapAfterGc() - heap0) >> 20);
    }
    long started = System.nanoTime();
    engine.reevaluateAll(HealthCodePolicy.preset("healthcode-8th"));
    System.out.printf(Locale.ROOT, "| re-evaluate everyone after a policy change | %,d ms | | |%n",
        (System.nanoTime() - started) / 1_000_000);
    if (pruneAfterDays >= 0) {
      Instant at = DAY0.plusSeconds(86_400L * (rounds - 1 + pruneAfterDays));
      prune(engine, persons, at.isAfter(engine.now()) ? at : engine.now(), heap0);
    }
  }

  /** Back to the 9th edition, the clock to {@code at}, one pruning pass: heap before and after. */
  private static void prune(HealthCodeEngine engine, int persons, Instant at, long heap0) {
    engine.reevaluateAll(HealthCodePolicy.preset("healthcode-9th"));
    engine.advanceTo(at);
    int step = Math.max(1, persons / 1000);
    List<String> before = new ArrayList<>();
    for (int p = 1; p <= persons; p += step) {
      before.add(engine.code(p).colour() + " " + engine.code(p).reasons());
    }
    long heapBefore = usedHeapAfterGc() - heap0;
    int held = engine.personsWithFacts();
    long started = System.nanoTime();
    HealthCodeEngine.Pruned pruned = engine.prune();
    long ms = (System.nanoTime() - started) / 1_000_000;
    long heapAfter = usedHeapAfterGc() - heap0;
    List<String> after = new ArrayList<>();
    for (int p = 1; p <= persons; p += step) {
      after.add(engine.code(p).colour() + " " + engine.code(p).reasons());
    }
    System.out.printf(Locale.ROOT, "| before pruning, %s | | %,d persons with facts | heap %,d MB |%n", at, held,
        heapBefore >> 20);
    System.out.printf(Locale.ROOT, "| prune (look-back %s) | %,d ms | %,d facts dropped, %,d persons forgotten, "
        + "%,d refused, %,d persons with facts | heap %,d MB |%n", engine.policy().lookBack(), ms, pruned.facts(),
        pruned.persons(), pruned.refused(), engine.personsWithFacts(), heapAfter >> 20);
    System.out.printf(Locale.ROOT, "| codes of %,d sampled persons unchanged | %s | | |%n", before.size(),
        before.equals(after));
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
