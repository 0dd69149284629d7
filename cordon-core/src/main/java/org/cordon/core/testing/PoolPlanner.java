package org.cordon.core.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pool-size planner for Dorfman's two-stage pooled testing: {@code k} samples share one tube; a
 * negative tube clears all {@code k}, a positive tube recalls each of them for a single-tube retest.
 * With prevalence {@code p} and independent infections, per person:
 * <ul>
 *   <li>expected tests {@code E(k) = 1/k + 1 − (1 − p)^k} for {@code k > 1}, and {@code 1} for {@code k = 1}
 *       (no second stage);</li>
 *   <li>expected recall visits {@code R(k) = 1 − (1 − p)^k} for {@code k > 1} (the chance that the tube is
 *       positive), and {@code 0} for {@code k = 1} (a single positive is a case, not a recall).</li>
 * </ul>
 * The recommendation is the allowed size with the smallest {@code E(k)}; ties go to the smaller pool
 * (fewer recall visits). Pure functions, safe from any thread.
 */
public final class PoolPlanner {

  /** The pool sizes used in the field (1, 5, 10 and 20 samples a tube; 10合1 the default). */
  public static final List<Integer> FIELD_SIZES = List.of(1, 5, 10, 20);

  /** Largest pool size the planner accepts. */
  public static final int MAX_POOL = 1000;

  private PoolPlanner() {
  }

  /**
   * Expected tests per person, {@code 1/k + 1 − (1 − p)^k} ({@code 1} for {@code k = 1}).
   *
   * @throws IllegalArgumentException for {@code p} outside (0, 1) or {@code k} outside 1..{@link #MAX_POOL}
   */
  public static double expectedTestsPerPerson(double prevalence, int poolSize) {
    check(prevalence, poolSize);
    if (poolSize == 1) {
      return 1.0;
    }
    return 1.0 / poolSize + positivePoolProbability(prevalence, poolSize);
  }

  /** Expected recall visits (single-tube retests) per person, {@code 1 − (1 − p)^k} ({@code 0} for {@code k = 1}). */
  public static double expectedRecallsPerPerson(double prevalence, int poolSize) {
    check(prevalence, poolSize);
    return poolSize == 1 ? 0.0 : positivePoolProbability(prevalence, poolSize);
  }

  // 1 - (1-p)^k without cancellation for small p
  private static double positivePoolProbability(double p, int k) {
    return -Math.expm1(k * Math.log1p(-p));
  }

  /** The plan over the {@linkplain #FIELD_SIZES field sizes}. */
  public static PoolPlan plan(double prevalence) {
    return plan(prevalence, FIELD_SIZES.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The plan over every size from 1 to {@code maxPool}. */
  public static PoolPlan planUpTo(double prevalence, int maxPool) {
    if (maxPool < 1 || maxPool > MAX_POOL) {
      throw new IllegalArgumentException("max pool size must be 1.." + MAX_POOL + ", got " + maxPool);
    }
    int[] sizes = new int[maxPool];
    for (int i = 0; i < maxPool; i++) {
      sizes[i] = i + 1;
    }
    return plan(prevalence, sizes);
  }

  /**
   * The plan over the given pool sizes (sorted and deduplicated).
   *
   * @throws IllegalArgumentException for a prevalence outside (0, 1), no sizes, or a size outside
   *     1..{@link #MAX_POOL}
   */
  public static PoolPlan plan(double prevalence, int[] poolSizes) {
    if (poolSizes.length == 0) {
      throw new IllegalArgumentException("at least one pool size is needed");
    }
    int[] sizes = Arrays.stream(poolSizes).sorted().distinct().toArray();
    List<PoolOption> options = new ArrayList<>(sizes.length);
    PoolOption best = null;
    for (int k : sizes) {
      PoolOption o = new PoolOption(k, expectedTestsPerPerson(prevalence, k),
          expectedRecallsPerPerson(prevalence, k));
      options.add(o);
      if (best == null || o.testsPerPerson() < best.testsPerPerson()) {
        best = o;
      }
    }
    return new PoolPlan(prevalence, options, best);
  }

  private static void check(double prevalence, int poolSize) {
    if (!(prevalence > 0.0 && prevalence < 1.0)) {
      throw new IllegalArgumentException("prevalence must be strictly between 0 and 1, got " + prevalence);
    }
    if (poolSize < 1 || poolSize > MAX_POOL) {
      throw new IllegalArgumentException("pool size must be 1.." + MAX_POOL + ", got " + poolSize);
    }
  }

  /**
   * One row of a plan.
   *
   * @param poolSize samples per tube
   * @param testsPerPerson expected tests (tubes run by the lab) per person tested
   * @param recallsPerPerson expected single-tube recall visits per person tested
   */
  public record PoolOption(int poolSize, double testsPerPerson, double recallsPerPerson) {

    /** Expected tests for {@code persons} persons, rounded to the nearest whole test. */
    public long testsFor(long persons) {
      return Math.round(testsPerPerson * persons);
    }

    /** Expected recall visits for {@code persons} persons, rounded. */
    public long recallsFor(long persons) {
      return Math.round(recallsPerPerson * persons);
    }
  }

  /**
   * A plan: every option considered, in increasing pool size, and the one that minimises the expected
   * tests per person.
   */
  public record PoolPlan(double prevalence, List<PoolOption> options, PoolOption recommended) {
    public PoolPlan {
      options = List.copyOf(options);
    }
  }
}
