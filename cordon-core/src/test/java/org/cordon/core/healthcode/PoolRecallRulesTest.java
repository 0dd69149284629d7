package org.cordon.core.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cordon.core.healthcode.HealthCodeEngineTest.at;

import java.time.Instant;
import java.util.List;
import org.cordon.core.tracing.ContactCategory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lab results reaching the codes (issue 5 meets issue 4), for both presets: the positive-pool recall
 * (混管阳性，待单管复核) and a lab's correction of a tube replacing, not adding to, the earlier fact.
 */
class PoolRecallRulesTest {
  private static final long P = 42;
  private static final String POOL = "T-0001";
  private static final String RETEST = "R-0001";

  private static HealthCodeEngine engine(String preset, String start) {
    return new HealthCodeEngine(HealthCodePolicy.preset(preset), at(start), c -> { });
  }

  private static List<RuleId> rules(HealthCodeEngine e) {
    return e.code(P).reasons().stream().map(Reason::rule).toList();
  }

  private static PoolRecalled recall() {
    return new PoolRecalled(P, POOL, at("2022-04-12T08:00"), at("2022-04-12T14:00"));
  }

  private static TestResult pcr(boolean positive, String sampled, String tube) {
    return new TestResult(P, TestResult.Method.PCR, positive, at(sampled), tube);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void aPositivePoolIsYellowNamingTheTubeUntilTheSingleTubeRetestIsNegative(String preset) {
    HealthCodeEngine e = engine(preset, "2022-04-12T14:00");
    e.apply(recall());
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    assertThat(rules(e)).containsExactly(RuleId.POOL_RECALL);
    Reason r = e.code(P).reasons().get(0);
    assertThat(r.since()).isEqualTo(at("2022-04-12T14:00"));
    assertThat(r.until()).isNull();
    assertThat(r.textZh()).contains("混管阳性，待单管复核", "管号T-0001", "2022-04-12 08:00采样");
    assertThat(r.textEn()).contains("positive pool, single-tube retest due", "tube T-0001", "sampled 2022-04-12 08:00");
    // the retest comes back negative: the reason goes
    e.advanceTo(at("2022-04-12T20:00"));
    e.apply(pcr(false, "2022-04-12T16:00", RETEST));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    assertThat(e.code(P).reasons()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void aPositiveRetestEndsTheRecallWithItsOwnRedReason(String preset) {
    HealthCodeEngine e = engine(preset, "2022-04-12T20:00");
    e.apply(recall());
    e.apply(pcr(true, "2022-04-12T16:00", RETEST));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    assertThat(rules(e)).containsExactly(RuleId.POSITIVE_TEST);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void onlyATestSampledAfterThePoolEndsTheRecall(String preset) {
    HealthCodeEngine e = engine(preset, "2022-04-12T20:00");
    e.apply(recall());
    e.apply(TestResult.negativePcr(P, at("2022-04-12T07:00")));
    e.apply(TestResult.negativePcr(P, at("2022-04-12T08:00")));
    e.apply(new TestResult(P, TestResult.Method.ANTIGEN, false, at("2022-04-12T17:00")));
    assertThat(rules(e)).containsExactly(RuleId.POOL_RECALL);
    e.apply(TestResult.negativePcr(P, at("2022-04-12T17:00")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void aPoolCorrectedToNegativeReplacesTheRecallAndCountsOnceForAKeyPerson(String preset) {
    HealthCodeEngine e = engine(preset, "2022-04-12T14:00");
    e.apply(new ContactTraced(P, ContactCategory.KEY, 7, "venue V1", at("2022-04-11T20:00"), at("2022-04-12T10:00")));
    e.apply(recall());
    assertThat(rules(e)).containsExactly(RuleId.KEY_PERSON, RuleId.POOL_RECALL);
    e.advanceTo(at("2022-04-12T15:00"));
    e.apply(pcr(false, "2022-04-12T08:00", POOL));
    e.apply(pcr(false, "2022-04-12T08:00", POOL));
    int needed = HealthCodePolicy.preset(preset).regime(RuleId.KEY_PERSON).negativeTests();
    if (needed == 1) {
      assertThat(e.colour(P)).as("the corrected pool is the key person's negative test").isEqualTo(CodeColour.GREEN);
    } else {
      assertThat(rules(e)).containsExactly(RuleId.KEY_PERSON);
      assertThat(e.code(P).reasons().get(0).negativeTestsNeeded()).as("counted once").isEqualTo(needed - 1);
    }
    assertThat(e.lastNegativeTest(P, false)).contains(pcr(false, "2022-04-12T08:00", POOL));
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void aNegativeCorrectedToPositiveOrWithdrawnNoLongerCounts(String preset) {
    HealthCodeEngine e = engine(preset, "2022-04-13T10:00");
    e.apply(new ContactTraced(P, ContactCategory.KEY, 7, "venue V1", at("2022-04-11T20:00"), at("2022-04-12T10:00")));
    e.apply(pcr(false, "2022-04-12T08:00", POOL));
    e.apply(pcr(false, "2022-04-13T08:00", "T-0002"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    assertThat(e.lastNegativeTest(P, false)).map(TestResult::sampledAt).contains(at("2022-04-13T08:00"));
    // the second pool was positive after all: recall, and its negative is gone
    e.apply(new PoolRecalled(P, "T-0002", at("2022-04-13T08:00"), at("2022-04-13T10:00")));
    assertThat(rules(e)).contains(RuleId.POOL_RECALL);
    assertThat(e.lastNegativeTest(P, false)).map(TestResult::sampledAt).contains(at("2022-04-12T08:00"));
    // the first was invalid: withdrawn, no negative test left
    e.apply(new ResultWithdrawn(P, POOL, at("2022-04-13T10:00")));
    assertThat(e.lastNegativeTest(P, false)).isEmpty();
    assertThat(rules(e)).containsExactly(RuleId.KEY_PERSON, RuleId.POOL_RECALL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void aSingleTubeCorrectedFromPositiveToNegativeIsNoLongerRed(String preset) {
    HealthCodeEngine e = engine(preset, "2022-04-12T20:00");
    e.apply(pcr(true, "2022-04-12T16:00", RETEST));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    e.apply(pcr(false, "2022-04-12T16:00", RETEST));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    assertThat(e.facts(P)).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void thePresetsColourTheRecallYellow(String preset) {
    assertThat(HealthCodePolicy.preset(preset).poolRecallColour()).isEqualTo(CodeColour.YELLOW);
  }

  @org.junit.jupiter.api.Test
  void recallFactsAreValidated() {
    Instant t = at("2022-04-12T14:00");
    assertThatThrownBy(() -> new PoolRecalled(P, " ", t, t)).hasMessageContaining("tube is required");
    assertThatThrownBy(() -> new PoolRecalled(P, POOL, t.plusSeconds(1), t)).hasMessageContaining("after recalled_at");
    assertThatThrownBy(() -> new ResultWithdrawn(P, null, t)).hasMessageContaining("tube is required");
    assertThatThrownBy(() -> new TestResult(P, TestResult.Method.PCR, false, t, "x".repeat(65)))
        .hasMessageContaining("longer than 64");
    assertThat(TestResult.negativePcr(P, t).tube()).isEmpty();
  }
}
