package org.cordon.server.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cordon.core.testing.PoolPlanner;
import org.cordon.core.testing.PoolPlanner.PoolOption;
import org.cordon.core.testing.PoolPlanner.PoolPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cordon pool-plan}: the Dorfman two-stage pool-size table for an estimated prevalence. Exit 0, or 2
 * with a message on standard error for a prevalence outside (0, 1) or a bad maximum pool size.
 */
@Command(name = "pool-plan", mixinStandardHelpOptions = true,
    description = {
        "Recommend the pool size (samples per tube) for a prevalence, under Dorfman's",
        "two-stage scheme: a positive pool recalls each of its persons for a single test.",
        "Expected tests per person E(k) = 1/k + 1 - (1 - p)^k (1 for k = 1); expected",
        "recall visits per person 1 - (1 - p)^k. Compares the field sizes 1, 5, 10, 20,",
        "or every size 1..K with --max-pool K, and marks the one with the fewest tests.",
        "Exit code 2 on bad input."})
public final class PoolPlanCommand implements Callable<Integer> {

  private static final long PER = 1_000_000L;

  @Option(names = "--prevalence", required = true, paramLabel = "P",
      description = "Estimated prevalence, strictly between 0 and 1 (e.g. 0.001), or a percentage (0.1%%).")
  String prevalence;

  @Option(names = "--max-pool", paramLabel = "K",
      description = "Compare every pool size from 1 to K (1..1000) instead of 1, 5, 10, 20.")
  String maxPool;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    try {
      double p = parsePrevalence(prevalence);
      PoolPlan plan = maxPool == null ? PoolPlanner.plan(p) : PoolPlanner.planUpTo(p, parseMaxPool(maxPool));
      print(plan, out);
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("cordon pool-plan: " + e.getMessage());
      return 2;
    }
  }

  static double parsePrevalence(String text) {
    String t = text.strip();
    boolean percent = t.endsWith("%");
    double v;
    try {
      v = Double.parseDouble(percent ? t.substring(0, t.length() - 1).strip() : t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--prevalence must be a number such as 0.001 or 0.1%, got '" + text + "'");
    }
    if (percent) {
      v /= 100.0;
    }
    if (!(v > 0.0 && v < 1.0)) {
      throw new IllegalArgumentException("--prevalence must be strictly between 0 and 1 (0% and 100%), got '"
          + text + "'");
    }
    return v;
  }

  static int parseMaxPool(String text) {
    String t = text.strip();
    if (!t.matches("[0-9]{1,9}") || Integer.parseInt(t) < 1 || Integer.parseInt(t) > PoolPlanner.MAX_POOL) {
      throw new IllegalArgumentException("--max-pool must be a whole number from 1 to " + PoolPlanner.MAX_POOL
          + ", got '" + text + "'");
    }
    return Integer.parseInt(t);
  }

  static void print(PoolPlan plan, PrintStream out) {
    out.printf(Locale.ROOT, "Dorfman two-stage pooling at prevalence %s (%s%%)%n",
        plain(plan.prevalence()), plain(plan.prevalence() * 100));
    out.printf(Locale.ROOT, "%5s  %18s  %20s  %28s  %s%n", "k", "expected tests/pers",
        "tests per 1,000,000", "recall visits per 1,000,000", "");
    for (PoolOption o : plan.options()) {
      out.printf(Locale.ROOT, "%5d  %18.6f  %,20d  %,28d  %s%n", o.poolSize(), o.testsPerPerson(),
          o.testsFor(PER), o.recallsFor(PER), o == plan.recommended() ? "<- recommended" : "");
    }
    PoolOption r = plan.recommended();
    out.printf(Locale.ROOT, "recommended: %d per tube, %.4f tests per person (%.1f%% of single testing)%n",
        r.poolSize(), r.testsPerPerson(), r.testsPerPerson() * 100);
  }

  private static String plain(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
