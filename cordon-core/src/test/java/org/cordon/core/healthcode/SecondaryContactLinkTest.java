package org.cordon.core.healthcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.tracing.ContactCategory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The secondary contact's release condition (domain.md §2.1 8th edition, §2.2 9th edition), rule by
 * rule through the engine for both presets: released on day 7 only if its own tests are negative and
 * the linked close contact's first two tests are negative; a positive among those, or the close
 * contact confirmed as a case, upgrades it to close contact. Secondary contact S = 42 was exposed to
 * close contact C = 7 on 04-11 10:00 and traced on 04-12 10:00 (day 7 ends 04-18 10:00).
 */
class SecondaryContactLinkTest {
  private static final long S = 42;
  private static final long C = 7;
  private static final String EXPOSED = "2022-04-11T10:00";
  private static final String TRACED = "2022-04-12T10:00";

  private final List<CodeChange> sunk = new ArrayList<>();

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(IsoTime.DEFAULT_ZONE).toInstant();
  }

  private HealthCodeEngine traced(String preset) {
    HealthCodeEngine e = new HealthCodeEngine(HealthCodePolicy.preset(preset), at(TRACED), sunk::add);
    e.apply(new ContactTraced(S, ContactCategory.SECONDARY, C, "household 9", at(EXPOSED), at(TRACED)));
    return e;
  }

  /** S's own three negative tests (days 1, 4, 6), applied when sampled. */
  private static void ownTestsNegative(HealthCodeEngine e) {
    for (String t : new String[] {"2022-04-12T11:00", "2022-04-15T11:00", "2022-04-17T11:00"}) {
      if (at(t).isAfter(e.now())) {
        e.advanceTo(at(t));
      }
      e.apply(TestResult.negativePcr(S, at(t)));
    }
  }

  private static TestResult closeContactTest(boolean positive, String sampled) {
    return new TestResult(C, TestResult.Method.PCR, positive, at(sampled));
  }

  private static CodeColour secondaryColour(String preset) {
    return HealthCodePolicy.preset(preset).regime(RuleId.SECONDARY_CONTACT).colour();
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void isReleasedOnDay7WhenItsOwnAndTheCloseContactsFirstTwoTestsAreNegative(String preset) {
    HealthCodeEngine e = traced(preset);
    e.apply(closeContactTest(false, "2022-04-12T09:00"));
    e.apply(closeContactTest(false, "2022-04-13T09:00"));
    ownTestsNegative(e);
    e.advanceTo(at("2022-04-18T09:59"));
    assertThat(e.colour(S)).isEqualTo(secondaryColour(preset));
    e.advanceTo(at("2022-04-18T10:00"));
    assertThat(e.colour(S)).isEqualTo(CodeColour.GREEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void staysAfterDay7UntilTheCloseContactsSecondTestArrivesAndIsReleasedByIt(String preset) {
    HealthCodeEngine e = traced(preset);
    ownTestsNegative(e);
    e.apply(closeContactTest(false, "2022-04-12T09:00"));
    e.advanceTo(at("2022-04-20T10:00"));
    assertThat(e.colour(S)).as("one of the close contact's two tests is in").isEqualTo(secondaryColour(preset));
    assertThat(e.code(S).reasons().get(0).rule()).isEqualTo(RuleId.SECONDARY_CONTACT);
    assertThat(e.code(S).reasons().get(0).negativeTestsNeeded()).isZero();
    assertThat(e.code(S).reasons().get(0).awaitingCloseContact()).isTrue();
    assertThat(e.code(S).reasons().get(0).textEn()).endsWith("waiting for close contact 7's first test results");
    assertThat(e.code(S).reasons().get(0).textZh()).contains("待密接7的首批核酸结果");
    sunk.clear();
    TestResult second = closeContactTest(false, "2022-04-13T09:00");
    List<CodeChange> changes = e.apply(second);
    assertThat(e.colour(S)).isEqualTo(CodeColour.GREEN);
    // the change of S is caused by the close contact's fact, at the time it was applied
    assertThat(changes).filteredOn(c -> c.personId() == S).singleElement().satisfies(c -> {
      assertThat(c.to()).isEqualTo(CodeColour.GREEN);
      assertThat(c.cause()).isEqualTo(new ChangeCause.FactApplied(second));
      assertThat(c.at()).isEqualTo(at("2022-04-20T10:00"));
    });
    assertThat(sunk).filteredOn(c -> c.personId() == S).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void aPositiveAmongTheCloseContactsFirstTwoTestsMakesItACloseContact(String preset) {
    HealthCodePolicy policy = HealthCodePolicy.preset(preset);
    HealthCodeEngine e = traced(preset);
    e.apply(closeContactTest(false, "2022-04-12T09:00"));
    e.advanceTo(at("2022-04-14T10:00"));
    e.apply(closeContactTest(true, "2022-04-13T09:00"));
    HealthCode code = e.code(S);
    assertThat(code.colour()).isEqualTo(CodeColour.RED);
    assertThat(code.reasons()).singleElement().satisfies(r -> {
      assertThat(r.rule()).isEqualTo(RuleId.CLOSE_CONTACT);
      assertThat(r.upgraded()).isTrue();
      assertThat(r.since()).isEqualTo(at("2022-04-13T09:00"));
      assertThat(r.textEn()).contains("upgraded from secondary contact: close contact 7");
      assertThat(r.textZh()).contains("次密接升级为密接");
    });
    // managed as a close contact: its own days and tests from its exposure (9th 7+3, 8th 14+7), so its
    // secondary regime's day 7 and three tests do not release it
    ownTestsNegative(e);
    e.advanceTo(at("2022-04-18T10:00"));
    assertThat(e.colour(S)).isEqualTo(CodeColour.RED);
    Regime close = policy.regime(RuleId.CLOSE_CONTACT);
    e.advanceTo(at("2022-04-19T11:00"));
    e.apply(TestResult.negativePcr(S, at("2022-04-19T11:00")));
    assertThat(e.colour(S)).isEqualTo(CodeColour.RED);
    if (preset.equals("healthcode-9th")) {
      // day 7 has passed: the fifth negative releases it
      e.advanceTo(at("2022-04-20T11:00"));
      assertThat(e.colour(S)).isEqualTo(CodeColour.RED);
      e.apply(TestResult.negativePcr(S, at("2022-04-20T11:00")));
    } else {
      // four negatives are in: released on day 14
      e.advanceTo(at("2022-04-25T09:59"));
      assertThat(e.colour(S)).isEqualTo(CodeColour.RED);
      e.advanceTo(at("2022-04-25T10:00"));
    }
    assertThat(e.colour(S)).isEqualTo(close.monitoringColour());
    assertThat(e.code(S).reasons().get(0).monitoring()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void theCloseContactTurningPositiveAfterDay7BeforeItsTestsWereInUpgradesIt(String preset) {
    HealthCodeEngine e = traced(preset);
    ownTestsNegative(e);
    e.advanceTo(at("2022-04-19T10:00"));
    assertThat(e.colour(S)).isEqualTo(secondaryColour(preset));
    e.apply(List.of(closeContactTest(false, "2022-04-12T09:00"), closeContactTest(true, "2022-04-13T09:00")));
    assertThat(e.colour(S)).isEqualTo(CodeColour.RED);
    assertThat(e.code(S).reasons().get(0).upgraded()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void theCloseContactBecomingACaseBeforeTheReleaseUpgradesIt(String preset) {
    HealthCodeEngine e = traced(preset);
    e.apply(closeContactTest(false, "2022-04-12T09:00"));
    e.advanceTo(at("2022-04-15T10:00"));
    List<CodeChange> changes = e.apply(new CaseConfirmed(C, at("2022-04-15T10:00")));
    assertThat(changes).extracting(CodeChange::personId).contains(C, S);
    assertThat(e.colour(S)).isEqualTo(CodeColour.RED);
    assertThat(e.code(S).reasons().get(0).rule()).isEqualTo(RuleId.CLOSE_CONTACT);
    assertThat(e.code(S).reasons().get(0).since()).isEqualTo(at("2022-04-15T10:00"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void onlyTheFirstTwoTestsCountAndACaseAfterTheReleaseChangesNothing(String preset) {
    HealthCodeEngine e = traced(preset);
    e.apply(List.of(closeContactTest(false, "2022-04-12T09:00"), closeContactTest(false, "2022-04-13T09:00")));
    ownTestsNegative(e);
    e.advanceTo(at("2022-04-18T10:00"));
    assertThat(e.colour(S)).isEqualTo(CodeColour.GREEN);
    // the close contact's third test is positive and it becomes a case, after the release
    e.advanceTo(at("2022-04-19T10:00"));
    e.apply(List.of(closeContactTest(true, "2022-04-19T09:00"), new CaseConfirmed(C, at("2022-04-19T10:00"))));
    assertThat(e.colour(C)).isEqualTo(CodeColour.RED);
    assertThat(e.colour(S)).isEqualTo(CodeColour.GREEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void testsOfTheCloseContactBeforeTheExposureAreNotItsFirstTwo(String preset) {
    HealthCodeEngine e = traced(preset);
    // sampled before S met C: routine tests, not C's isolation tests
    e.apply(List.of(closeContactTest(false, "2022-04-10T09:00"), closeContactTest(false, "2022-04-11T09:00")));
    ownTestsNegative(e);
    e.advanceTo(at("2022-04-18T10:00"));
    assertThat(e.colour(S)).isEqualTo(secondaryColour(preset));
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void aLabCorrectingTheCloseContactsNegativeToPositiveUpgradesIt(String preset) {
    HealthCodeEngine e = traced(preset);
    e.apply(List.of(new TestResult(C, TestResult.Method.PCR, false, at("2022-04-12T09:00"), "T1"),
        new TestResult(C, TestResult.Method.PCR, false, at("2022-04-13T09:00"), "T2")));
    ownTestsNegative(e);
    e.advanceTo(at("2022-04-18T10:00"));
    assertThat(e.colour(S)).isEqualTo(CodeColour.GREEN);
    // corrected before anybody else knew better: the second tube was positive after all
    e.apply(new TestResult(C, TestResult.Method.PCR, true, at("2022-04-13T09:00"), "T2"));
    assertThat(e.colour(S)).isEqualTo(CodeColour.RED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void anExplicitReleaseEndsItWithoutTheCloseContactsTests(String preset) {
    HealthCodeEngine e = traced(preset);
    e.advanceTo(at("2022-04-14T10:00"));
    e.apply(new IsolationEnded(S, at("2022-04-14T10:00")));
    assertThat(e.colour(S)).isEqualTo(CodeColour.GREEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void theCloseContactsTestsDatedLaterTakeEffectWhenTheirTimeComes(String preset) {
    HealthCodeEngine e = traced(preset);
    ownTestsNegative(e);
    e.apply(closeContactTest(false, "2022-04-12T09:00"));
    // a result dated in the future (a sample time after the clock), applied now
    e.apply(closeContactTest(false, "2022-04-19T09:00"));
    e.advanceTo(at("2022-04-19T08:59"));
    assertThat(e.colour(S)).isEqualTo(secondaryColour(preset));
    List<CodeChange> changes = e.advanceTo(at("2022-04-19T09:30"));
    assertThat(e.colour(S)).isEqualTo(CodeColour.GREEN);
    assertThat(changes).filteredOn(c -> c.personId() == S).singleElement()
        .satisfies(c -> assertThat(c.at()).isEqualTo(at("2022-04-19T09:00")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void aPolicyWithoutTheLinkReleasesOnItsOwnTests(String preset) {
    HealthCodePolicy off = HealthCodePolicy.preset(preset)
        .withSecondaryRelease("no-link", HealthCodePolicy.SecondaryRelease.off());
    HealthCodeEngine e = traced(preset);
    ownTestsNegative(e);
    e.advanceTo(at("2022-04-18T10:00"));
    assertThat(e.colour(S)).isEqualTo(secondaryColour(preset));
    List<CodeChange> changes = e.reevaluateAll(off);
    assertThat(e.colour(S)).isEqualTo(CodeColour.GREEN);
    assertThat(changes).singleElement().satisfies(c ->
        assertThat(c.cause()).isEqualTo(new ChangeCause.PolicyChanged(preset, "no-link")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void loadingAllFactsAtOnceGivesTheSameCodes(String preset) {
    HealthCodeEngine e = traced(preset);
    e.apply(closeContactTest(true, "2022-04-12T09:00"));
    HealthCodeEngine loaded = new HealthCodeEngine(HealthCodePolicy.preset(preset), at(TRACED), c -> { });
    // the close contact's fact first, then the secondary contact's: the link works either way round
    loaded.load(List.of(closeContactTest(true, "2022-04-12T09:00"),
        new ContactTraced(S, ContactCategory.SECONDARY, C, "household 9", at(EXPOSED), at(TRACED))));
    assertThat(loaded.code(S).reasons()).isEqualTo(e.code(S).reasons());
    assertThat(loaded.colour(S)).isEqualTo(CodeColour.RED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthcode-8th", "healthcode-9th"})
  void aCloseContactUnknownHereHoldsItUnlessThePolicyLetsItsOwnRegimeDecideUntilTheCloseContactIsKnown(
      String preset) {
    // the presets wait: C has no facts here (traced elsewhere), so its tests never come
    HealthCodeEngine waits = traced(preset);
    ownTestsNegative(waits);
    waits.advanceTo(at("2022-04-25T10:00"));
    assertThat(waits.colour(S)).isEqualTo(secondaryColour(preset));
    assertThat(waits.code(S).reasons().get(0).awaitingCloseContact()).isTrue();

    HealthCodePolicy own = HealthCodePolicy.preset(preset).withSecondaryRelease("own-regime",
        new HealthCodePolicy.SecondaryRelease(2, true, HealthCodePolicy.UnknownCloseContact.OWN_REGIME));
    HealthCodeEngine e = new HealthCodeEngine(own, at(TRACED), sunk::add);
    e.apply(new ContactTraced(S, ContactCategory.SECONDARY, C, "household 9", at(EXPOSED), at(TRACED)));
    ownTestsNegative(e);
    e.advanceTo(at("2022-04-18T09:59"));
    assertThat(e.colour(S)).isEqualTo(secondaryColour(preset));
    assertThat(e.code(S).reasons().get(0).awaitingCloseContact()).isFalse();
    e.advanceTo(at("2022-04-18T10:00"));
    assertThat(e.colour(S)).as("released by its own regime on day 7").isEqualTo(CodeColour.GREEN);
    // C becomes known here with a positive first test: the link holds again and upgrades S
    e.apply(closeContactTest(true, "2022-04-12T09:00"));
    assertThat(e.code(S).reasons().get(0).rule()).isEqualTo(RuleId.CLOSE_CONTACT);
    assertThat(e.colour(S)).isNotEqualTo(CodeColour.GREEN);
  }

  @org.junit.jupiter.api.Test
  void thePolicyFileNamesTheChoiceAndReadsItBack() throws Exception {
    HealthCodePolicy own = HealthCodePolicy.preset("healthcode-9th").withSecondaryRelease("own-regime",
        new HealthCodePolicy.SecondaryRelease(2, true, HealthCodePolicy.UnknownCloseContact.OWN_REGIME));
    assertThat(own.toFileText()).contains("secondary.unknown-close-contact: own-regime");
    HealthCodePolicy back = HealthCodePolicy.parse(new java.io.StringReader(own.toFileText()), "test");
    assertThat(back.secondaryRelease()).isEqualTo(own.secondaryRelease());
    assertThat(HealthCodePolicy.preset("healthcode-9th").secondaryRelease().unknownCloseContact())
        .isEqualTo(HealthCodePolicy.UnknownCloseContact.WAIT);
  }
}
