package org.cordon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.cordon.core.place.GridCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PoolPlannerTest {

  @ParameterizedTest
  @ValueSource(doubles = {1e-6, 1e-4, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.9, 0.999})
  void matchesDorfmansFormulaAcrossPrevalences(double p) {
    for (int k = 1; k <= 60; k++) {
      double e = k == 1 ? 1.0 : 1.0 / k + 1 - Math.pow(1 - p, k);
      double r = k == 1 ? 0.0 : 1 - Math.pow(1 - p, k);
      assertThat(PoolPlanner.expectedTestsPerPerson(p, k)).as("E(%d) at %s", k, p).isCloseTo(e, within(1e-12));
      assertThat(PoolPlanner.expectedRecallsPerPerson(p, k)).isCloseTo(r, within(1e-12));
    }
    PoolPlanner.PoolPlan plan = PoolPlanner.planUpTo(p, 200);
    double best = plan.options().stream().mapToDouble(PoolPlanner.PoolOption::testsPerPerson).min().orElseThrow();
    assertThat(plan.recommended().testsPerPerson()).isEqualTo(best);
  }

  // Dorfman (1943) and the textbook optimum table: the best unrestricted pool size for a prevalence
  @ParameterizedTest
  @CsvSource({"0.001, 32, 0.0628", "0.01, 11, 0.1956", "0.05, 5, 0.4262", "0.1, 4, 0.5939", "0.3, 3, 0.9903",
      "0.35, 1, 1.0"})
  void recommendsTheKnownOptimum(double p, int k, double tests) {
    PoolPlanner.PoolPlan plan = PoolPlanner.planUpTo(p, 100);
    assertThat(plan.recommended().poolSize()).isEqualTo(k);
    assertThat(plan.recommended().testsPerPerson()).isCloseTo(tests, within(5e-5));
  }

  @Test
  void fieldSizesByDefault() {
    PoolPlanner.PoolPlan plan = PoolPlanner.plan(0.001);
    assertThat(plan.options()).extracting(PoolPlanner.PoolOption::poolSize).containsExactly(1, 5, 10, 20);
    assertThat(plan.recommended().poolSize()).isEqualTo(20);
    assertThat(plan.options().get(2).testsFor(1_000_000)).isEqualTo(109_955);
    assertThat(PoolPlanner.plan(0.02).recommended().poolSize()).isEqualTo(10);
    assertThat(PoolPlanner.plan(0.05).recommended().poolSize()).isEqualTo(5);
    assertThat(PoolPlanner.plan(0.4).recommended().poolSize()).isEqualTo(1);
  }

  @Test
  void refusesPrevalencesOutsideTheOpenIntervalAndBadSizes() {
    for (double p : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> PoolPlanner.plan(p)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("prevalence");
    }
    assertThatThrownBy(() -> PoolPlanner.planUpTo(0.01, 0)).hasMessageContaining("max pool size");
    assertThatThrownBy(() -> PoolPlanner.planUpTo(0.01, 1001)).hasMessageContaining("max pool size");
  }

  /**
   * Monte Carlo through the engine itself: a population with independent infections at prevalence p,
   * sampled into pools of k, the pools resulted (positive if any member is infected), and the recall list
   * and tube count compared with Dorfman's expectations (within 5 standard errors; fixed seeds).
   */
  @ParameterizedTest
  @CsvSource({"0.01, 10, 11", "0.05, 5, 12", "0.002, 20, 13"})
  void monteCarloRoundsMatchTheExpectation(double p, int k, long seed) {
    int n = 100_000;
    SplittableRandom random = new SplittableRandom(seed);
    TestingPopulation.Builder b = new TestingPopulation.Builder(TestingFixture.tree());
    boolean[] infected = new boolean[n + 1];
    for (int i = 1; i <= n; i++) {
      b.add(i, TestingFixture.COMMUNITIES.get(i % 4), new GridCell(0, i % 10));
      infected[i] = random.nextDouble() < p;
    }
    SamplingRound round = new SamplingRound(TestingFixture.cityRound(k), b.build());
    Instant at = TestingFixture.at(10);
    int tubes = 0;
    for (int first = 1; first <= n; first += k) {
      String barcode = "T" + first;
      round.openTube(barcode, "S1", at);
      tubes++;
      boolean positive = false;
      for (int i = first; i < first + k && i <= n; i++) {
        round.register(i, barcode, "S1", at);
        positive |= infected[i];
      }
      round.closeTube(barcode, at);
      round.applyResult(barcode, positive ? TubeResult.POSITIVE : TubeResult.NEGATIVE, at.plusSeconds(3600), "mc");
    }
    List<Recall> recall = round.recallList();
    double q = PoolPlanner.expectedRecallsPerPerson(p, k);
    double se = Math.sqrt(q * (1 - q) * k / n);   // per-person rate over n/k independent pools
    assertThat((double) recall.size() / n).isCloseTo(q, within(5 * se));
    double testsPerPerson = (double) (tubes + recall.size()) / n;
    assertThat(testsPerPerson).isCloseTo(PoolPlanner.expectedTestsPerPerson(p, k), within(5 * se));
    for (Recall r : recall) {
      assertThat(r.reason()).isEqualTo(RecallReason.POOL_POSITIVE);
    }
  }
}
