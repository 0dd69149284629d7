package org.cordon.core.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.core.healthcode.HealthCodeEngineTest.at;

import java.time.Duration;
import java.util.List;
import org.cordon.core.tracing.ContactCategory;
import org.junit.jupiter.api.Test;

/**
 * Pruning, case by case (the randomized test holds it against the reference at large): what goes, what
 * stays, and that no code changes. 9th-edition preset: a look-back of 10 days (close contact 7 days +
 * 3 days of monitoring; the longest key-group interval is 84 h).
 */
class HealthCodePruneTest {
  private static final HealthCodePolicy NINTH = HealthCodePolicy.preset("healthcode-9th");

  private static TestResult pooledNegative(long person, String sampled, String tube) {
    return new TestResult(person, TestResult.Method.PCR, false, at(sampled), tube);
  }

  @Test
  void theHorizonComesFromThePolicy() {
    assertThat(NINTH.lookBack()).isEqualTo(Duration.ofDays(10));
    assertThat(HealthCodePolicy.preset("healthcode-8th").lookBack()).isEqualTo(Duration.ofDays(21));
  }

  @Test
  void aTestedPersonsNegativeIsDroppedOnceOlderThanTheHorizonButAKeyWorkerKeepsTheirLatest() {
    HealthCodeEngine e = new HealthCodeEngine(NINTH, at("2022-04-12T12:00"), CodeChangeSink.none());
    e.apply(List.of(new KeyGroupMembership(3, "courier", true, at("2022-03-01T00:00"))), new long[] {10});
    e.apply(List.of(pooledNegative(1, "2022-04-12T08:00", "R1"), pooledNegative(2, "2022-04-12T08:00", "R1"),
        pooledNegative(3, "2022-04-11T08:00", "R0"), pooledNegative(3, "2022-04-12T08:00", "R1")),
        new long[] {11, 12, 13, 14});
    e.advanceTo(at("2022-04-22T07:00"));
    HealthCode before = e.code(3);
    assertThat(before.colour()).isEqualTo(CodeColour.YELLOW);

    // persons 1 and 2 have nothing but a negative: never held, their results kept aside
    assertThat(e.personsWithFacts()).isEqualTo(1);
    assertThat(e.negativesAside()).isEqualTo(2);
    assertThat(e.lastNegativeTest(1, false)).map(TestResult::sampledAt).contains(at("2022-04-12T08:00"));
    assertThat(e.retained(new long[] {12, 11, 99, 11, 14})).containsExactly(11, 12, 14);
    HealthCodeEngine.Pruned early = e.prune();
    assertThat(early.facts()).as("everything within the horizon (2022-04-12T07:00)").isZero();
    assertThat(early.negatives()).isZero();
    assertThat(early.released()).isEmpty();

    e.advanceTo(at("2022-04-22T09:00"));
    HealthCodeEngine.Pruned pruned = e.prune();
    assertThat(pruned.refused()).isZero();
    assertThat(pruned.persons()).isZero();
    assertThat(pruned.tags()).containsExactly(13);
    assertThat(pruned.negatives()).isEqualTo(2);
    assertThat(pruned.released()).containsExactlyInAnyOrder(11, 12);
    assertThat(e.negativesAside()).isZero();
    assertThat(e.retained(new long[] {10, 11, 12, 13, 14})).as("rows still standing for a fact").containsExactly(10, 14);
    assertThat(e.personsWithFacts()).isEqualTo(1);
    assertThat(e.facts(1)).isEmpty();
    assertThat(e.code(1).colour()).isEqualTo(CodeColour.GREEN);
    assertThat(e.lastNegativeTest(1, false)).isEmpty();
    // the courier's overdue reason still counts from the latest negative
    assertThat(e.facts(3)).hasSize(2);
    assertThat(e.code(3).reasons()).isEqualTo(before.reasons());
    assertThat(e.lastNegativeTest(3, false)).map(TestResult::sampledAt).contains(at("2022-04-12T08:00"));
  }

  @Test
  void aSecondaryContactStillReadsItsCloseContactAfterAPruneRenumberedThePersons() {
    HealthCodeEngine e = new HealthCodeEngine(NINTH, at("2022-04-01T12:00"), CodeChangeSink.none());
    // person 1 comes first (dense 0) and will be forgotten: the others move down by one
    // (a positive the lab then withdrew: held, and both facts go at the prune)
    e.apply(List.of(new TestResult(1, TestResult.Method.PCR, true, at("2022-04-01T08:00"), "R1"),
        new ResultWithdrawn(1, "R1", at("2022-04-01T10:00"))));
    e.advanceTo(at("2022-04-12T11:00"));
    e.apply(List.of(new ContactTraced(20, ContactCategory.CLOSE, 99, "household 7", at("2022-04-11T18:00"),
        at("2022-04-12T11:00")), new ContactTraced(21, ContactCategory.SECONDARY, 20, "household 8",
        at("2022-04-11T20:00"), at("2022-04-12T11:00"))));
    e.advanceTo(at("2022-04-12T12:00"));
    HealthCodeEngine.Pruned pruned = e.prune();
    assertThat(pruned.persons()).isEqualTo(1);
    assertThat(e.facts(1)).isEmpty();
    // the close contact's first test is positive: its secondary contact becomes a close contact
    e.advanceTo(at("2022-04-13T12:00"));
    e.apply(List.of(new TestResult(20, TestResult.Method.PCR, true, at("2022-04-13T08:00"), "")));
    assertThat(e.colour(21)).isEqualTo(CodeColour.RED);
    assertThat(e.code(21).reasons()).anySatisfy(r -> assertThat(r.textZh()).contains("次密接升级为密接"));
  }

  @Test
  void aContactWithinTheHorizonKeepsTheTestsAfterItsExposureThoughTheyAreOlder() {
    HealthCodeEngine e = new HealthCodeEngine(NINTH, at("2022-04-12T12:00"), CodeChangeSink.none());
    e.apply(List.of(pooledNegative(5, "2022-04-10T10:00", ""), pooledNegative(5, "2022-04-11T12:00", ""),
        new ContactTraced(5, ContactCategory.KEY, 9, "venue V", at("2022-04-09T20:00"), at("2022-04-12T11:00"))));
    assertThat(e.colour(5)).as("released by the two tests 24 h apart").isEqualTo(CodeColour.GREEN);
    e.advanceTo(at("2022-04-22T06:00"));
    HealthCodeEngine.Pruned pruned = e.prune();
    assertThat(pruned.facts()).isZero();
    assertThat(pruned.refused()).isZero();
    assertThat(e.facts(5)).hasSize(3);
    e.advanceTo(at("2022-04-22T12:00"));
    assertThat(e.prune().persons()).as("all older than the horizon now").isEqualTo(1);
    assertThat(e.colour(5)).isEqualTo(CodeColour.GREEN);
  }

  @Test
  void correctedAndWithdrawnResultsGoAtOnceAndTheCodeStays() {
    HealthCodeEngine e = new HealthCodeEngine(NINTH, at("2022-04-12T12:00"), CodeChangeSink.none());
    e.apply(List.of(pooledNegative(7, "2022-04-12T08:00", "S1"),
        new TestResult(7, TestResult.Method.PCR, true, at("2022-04-12T08:00"), "S1"),
        pooledNegative(8, "2022-04-12T08:00", "S2"), new ResultWithdrawn(8, "S2", at("2022-04-12T11:00")),
        new ZoneMembership(7, "Z1", ZoneMembership.Level.CONTROLLED, at("2022-04-10T00:00")),
        new ZoneMembership(7, "Z1", ZoneMembership.Level.SEALED, at("2022-04-11T00:00"))),
        new long[] {1, 2, 3, 4, 5, 6});
    HealthCode red = e.code(7);
    // person 8 has no other fact: the negative was kept aside and the withdrawal removed it there
    assertThat(e.personsWithFacts()).isEqualTo(1);
    assertThat(e.lastNegativeTest(8, false)).isEmpty();
    HealthCodeEngine.Pruned pruned = e.prune();
    assertThat(pruned.tags()).containsExactlyInAnyOrder(1, 5);
    assertThat(pruned.released()).containsExactlyInAnyOrder(3, 4);
    assertThat(pruned.persons()).isZero();
    assertThat(e.code(7).reasons()).isEqualTo(red.reasons());
    assertThat(e.code(7).colour()).isEqualTo(CodeColour.RED);
  }

  @Test
  void anOldCaseNeverReleasedStaysWhole() {
    HealthCodeEngine e = new HealthCodeEngine(NINTH, at("2022-04-01T12:00"), CodeChangeSink.none());
    e.apply(List.of(new CaseConfirmed(9, at("2022-04-01T10:00")), pooledNegative(9, "2022-03-31T10:00", "")));
    e.advanceTo(at("2022-05-01T00:00"));
    assertThat(e.prune().facts()).isZero();
    assertThat(e.colour(9)).isEqualTo(CodeColour.RED);
    e.apply(new IsolationEnded(9, at("2022-04-25T00:00")));
    assertThat(e.colour(9)).isEqualTo(CodeColour.GREEN);
    e.advanceTo(at("2022-05-02T00:00"));
    HealthCodeEngine.Pruned pruned = e.prune();
    assertThat(pruned.facts()).as("released within the horizon: the case stays").isZero();
    e.advanceTo(at("2022-05-10T00:00"));
    assertThat(e.prune().persons()).as("released before the horizon: all goes").isEqualTo(1);
    assertThat(e.colour(9)).isEqualTo(CodeColour.GREEN);
  }
}
