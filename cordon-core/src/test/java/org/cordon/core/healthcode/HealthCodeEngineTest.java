package org.cordon.core.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.tracing.ContactCategory;
import org.junit.jupiter.api.Test;

/** Rule by rule, for both presets, through the engine (facts in, time advanced, changes out). */
class HealthCodeEngineTest {
  private static final HealthCodePolicy NINTH = HealthCodePolicy.preset("healthcode-9th");
  private static final HealthCodePolicy EIGHTH = HealthCodePolicy.preset("healthcode-8th");
  private static final long P = 42;

  private final List<CodeChange> sunk = new ArrayList<>();

  /** Asia/Shanghai local time. */
  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(IsoTime.DEFAULT_ZONE).toInstant();
  }

  private HealthCodeEngine engine(HealthCodePolicy policy, String start) {
    return new HealthCodeEngine(policy, at(start), sunk::add);
  }

  private static ContactTraced contact(ContactCategory c, String exposure, String traced) {
    return new ContactTraced(P, c, 7, "venue V1", at(exposure), at(traced));
  }

  private static TestResult negative(String sampled) {
    return TestResult.negativePcr(P, at(sampled));
  }

  /** A negative PCR sampled at {@code sampled}, applied when its result comes (an hour later). */
  private static void tested(HealthCodeEngine e, String... sampled) {
    for (String s : sampled) {
      Instant result = at(s).plusSeconds(3600);
      if (result.isAfter(e.now())) {
        e.advanceTo(result);
      }
      e.apply(negative(s));
    }
  }

  private static List<RuleId> rules(HealthCodeEngine e) {
    return e.code(P).reasons().stream().map(Reason::rule).toList();
  }

  @Test
  void personsWithoutFactsAreGreenAndNotStored() {
    HealthCodeEngine e = engine(NINTH, "2022-04-12T08:00");
    assertThat(e.code(12345).colour()).isEqualTo(CodeColour.GREEN);
    assertThat(e.code(12345).reasons()).isEmpty();
    assertThat(e.personsWithFacts()).isZero();
    e.advanceTo(at("2022-05-12T08:00"));
    assertThat(e.personsWithFacts()).isZero();
  }

  @Test
  void aCaseIsRedUntilDischargedInBothEditions() {
    for (HealthCodePolicy policy : List.of(NINTH, EIGHTH)) {
      HealthCodeEngine e = engine(policy, "2022-04-12T08:00");
      List<CodeChange> changes = e.apply(new CaseConfirmed(P, at("2022-04-12T07:00")));
      assertThat(changes).singleElement().satisfies(c -> {
        assertThat(c.from()).isEqualTo(CodeColour.GREEN);
        assertThat(c.to()).isEqualTo(CodeColour.RED);
        assertThat(c.cause()).isEqualTo(new ChangeCause.FactApplied(new CaseConfirmed(P, at("2022-04-12T07:00"))));
      });
      e.advanceTo(at("2022-06-01T00:00"));
      assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
      assertThat(e.code(P).until()).isNull();
      e.apply(new IsolationEnded(P, at("2022-06-01T00:00")));
      assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
      assertThat(e.code(P).since()).isEqualTo(at("2022-06-01T00:00"));
    }
  }

  @Test
  void closeContact9thIsRedForSevenDaysAndFiveTestsThenThreeDaysYellowWithExpiriesAtMidnight() {
    HealthCodeEngine e = engine(NINTH, "2022-04-12T10:00");
    e.apply(contact(ContactCategory.CLOSE, "2022-04-10T00:00", "2022-04-12T10:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    assertThat(e.code(P).reasons().get(0).negativeTestsNeeded()).isEqualTo(5);
    assertThat(e.code(P).reasons().get(0).textEn()).contains("close contact of case 7, exposed 2022-04-10 at venue V1",
        "5 more negative PCR tests needed");
    assertThat(e.code(P).reasons().get(0).textZh()).contains("病例7的密切接触者", "2022-04-10在场所V1暴露", "还需5次核酸阴性");
    for (String day : List.of("2022-04-12", "2022-04-13", "2022-04-14", "2022-04-15", "2022-04-16")) {
      tested(e, day + "T11:00");
    }
    // tests done: release at exposure + 7 days = midnight 2022-04-17 local
    assertThat(e.code(P).until()).isEqualTo(at("2022-04-17T00:00"));
    e.advanceTo(at("2022-04-16T23:59:59"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    sunk.clear();
    e.advanceTo(at("2022-04-17T09:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    assertThat(sunk).singleElement().satisfies(c -> {
      assertThat(c.at()).isEqualTo(at("2022-04-17T00:00"));
      assertThat(c.cause()).isEqualTo(new ChangeCause.TimePassed(at("2022-04-17T00:00")));
      assertThat(c.reasons().get(0).monitoring()).isTrue();
    });
    assertThat(e.code(P).reasons().get(0).textZh()).contains("居家健康监测至2022-04-20 00:00");
    e.advanceTo(at("2022-04-19T23:59"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    e.advanceTo(at("2022-04-20T00:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    assertThat(e.code(P).since()).isEqualTo(at("2022-04-20T00:00"));
  }

  @Test
  void closeContact8thIsFourteenPlusSevenWithFourTests() {
    HealthCodeEngine e = engine(EIGHTH, "2022-04-12T10:00");
    e.apply(contact(ContactCategory.CLOSE, "2022-04-10T00:00", "2022-04-12T10:00"));
    tested(e, "2022-04-11T09:00", "2022-04-14T09:00", "2022-04-17T09:00");
    e.advanceTo(at("2022-04-23T23:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    e.advanceTo(at("2022-04-24T08:00"));
    assertThat(e.colour(P)).as("14 days over, fourth test missing").isEqualTo(CodeColour.RED);
    // the fourth test is sampled after day 14: released at that sample, then 7 days monitoring
    tested(e, "2022-04-24T09:00");
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    assertThat(e.code(P).reasons().get(0).since()).isEqualTo(at("2022-04-24T09:00"));
    e.advanceTo(at("2022-05-01T08:59"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    e.advanceTo(at("2022-05-01T09:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
  }

  @Test
  void aCloseContactWithoutEnoughTestsStaysRedAfterTheDays() {
    HealthCodeEngine e = engine(NINTH, "2022-04-12T10:00");
    e.apply(contact(ContactCategory.CLOSE, "2022-04-10T00:00", "2022-04-12T10:00"));
    e.apply(List.of(negative("2022-04-09T11:00"), negative("2022-04-12T11:00"), negative("2022-04-12T20:00"),
        negative("2022-04-13T11:00")));
    e.advanceTo(at("2022-04-25T00:00"));
    // before exposure does not count, 9 h after the previous does not count (20 h spacing)
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    assertThat(e.code(P).reasons().get(0).negativeTestsNeeded()).isEqualTo(3);
    tested(e, "2022-04-14T11:00", "2022-04-15T11:00", "2022-04-24T11:00");
    assertThat(e.code(P).reasons()).singleElement().satisfies(r -> {
      assertThat(r.colour()).isEqualTo(CodeColour.YELLOW);
      assertThat(r.since()).isEqualTo(at("2022-04-24T11:00"));
    });
  }

  @Test
  void anOfficialReleaseEndsIsolationEarlyAndStartsMonitoring() {
    HealthCodeEngine e = engine(NINTH, "2022-04-12T10:00");
    e.apply(contact(ContactCategory.CLOSE, "2022-04-10T00:00", "2022-04-12T10:00"));
    e.advanceTo(at("2022-04-14T10:00"));
    e.apply(new IsolationEnded(P, at("2022-04-14T10:00")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    e.advanceTo(at("2022-04-17T10:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    // a release before the determination does not release it
    e.apply(contact(ContactCategory.CLOSE, "2022-04-16T00:00", "2022-04-17T10:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
  }

  @Test
  void secondaryContactsAreYellowAtHomeIn9thAndRedInCentralizedIsolationIn8th() {
    HealthCodeEngine ninth = engine(NINTH, "2022-04-12T10:00");
    HealthCodeEngine eighth = engine(EIGHTH, "2022-04-12T10:00");
    for (HealthCodeEngine e : List.of(ninth, eighth)) {
      e.apply(contact(ContactCategory.SECONDARY, "2022-04-11T10:00", "2022-04-12T10:00"));
      // the close contact's first two tests, negative (its release condition, SecondaryContactLinkTest)
      e.apply(List.of(TestResult.negativePcr(7, at("2022-04-12T09:00")), TestResult.negativePcr(7, at("2022-04-13T09:00"))));
      tested(e, "2022-04-12T11:00", "2022-04-15T11:00", "2022-04-17T11:00");
      assertThat(e.code(P).reasons().get(0).textEn()).contains("secondary contact of close contact 7");
    }
    assertThat(ninth.colour(P)).isEqualTo(CodeColour.YELLOW);
    assertThat(eighth.colour(P)).isEqualTo(CodeColour.RED);
    for (HealthCodeEngine e : List.of(ninth, eighth)) {
      e.advanceTo(at("2022-04-18T09:59"));
      assertThat(e.colour(P)).isNotEqualTo(CodeColour.GREEN);
      e.advanceTo(at("2022-04-18T10:00"));
      assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    }
  }

  @Test
  void aKeyPersonIsYellowUntilNegativeTestsAfterExposure() {
    HealthCodeEngine ninth = engine(NINTH, "2022-04-12T10:00");
    HealthCodeEngine eighth = engine(EIGHTH, "2022-04-12T10:00");
    for (HealthCodeEngine e : List.of(ninth, eighth)) {
      e.apply(contact(ContactCategory.KEY, "2022-04-11T10:00", "2022-04-12T10:00"));
      assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
      e.apply(new TestResult(P, TestResult.Method.ANTIGEN, false, at("2022-04-12T11:00")));
      tested(e, "2022-04-11T09:00");
      assertThat(e.colour(P)).as("antigen and before-exposure tests do not count").isEqualTo(CodeColour.YELLOW);
      tested(e, "2022-04-12T12:00");
    }
    assertThat(eighth.colour(P)).isEqualTo(CodeColour.GREEN);
    assertThat(ninth.colour(P)).as("9th: days 1 and 3").isEqualTo(CodeColour.YELLOW);
    tested(ninth, "2022-04-13T10:00");
    assertThat(ninth.colour(P)).as("less than 24 h later").isEqualTo(CodeColour.YELLOW);
    tested(ninth, "2022-04-14T12:00");
    assertThat(ninth.colour(P)).isEqualTo(CodeColour.GREEN);
  }

  @Test
  void aCompanionIsYellowUntilTwoNegativesADayApart() {
    HealthCodeEngine e = engine(NINTH, "2022-04-12T10:00");
    e.apply(contact(ContactCategory.COMPANION, "2022-04-11T10:00", "2022-04-12T10:00"));
    assertThat(rules(e)).containsExactly(RuleId.COMPANION);
    tested(e, "2022-04-12T12:00", "2022-04-13T11:00");
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    tested(e, "2022-04-13T12:00");
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
  }

  @Test
  void zonesColourTheirResidentsAndTheLatestMembershipWins() {
    HealthCodeEngine e = engine(NINTH, "2022-04-12T10:00");
    e.apply(new ZoneMembership(P, "小区A", ZoneMembership.Level.SEALED, at("2022-04-12T09:00")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    assertThat(e.code(P).reasons().get(0).textZh()).contains("小区A封控区人员");
    // announced for midnight: fires from the timer
    e.apply(new ZoneMembership(P, "小区A", ZoneMembership.Level.CONTROLLED, at("2022-04-13T00:00")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    e.advanceTo(at("2022-04-13T00:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    e.apply(new ZoneMembership(P, "小区A", ZoneMembership.Level.PREVENTION, at("2022-04-13T12:00")));
    e.advanceTo(at("2022-04-13T12:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    e.apply(new ZoneMembership(P, "小区A", ZoneMembership.Level.SEALED, at("2022-04-13T11:00")));
    assertThat(e.colour(P)).as("an older membership arriving late does not win").isEqualTo(CodeColour.GREEN);
  }

  @Test
  void arrivalsFromRiskAreasFollowTheEdition() {
    HealthCodeEngine e = engine(NINTH, "2022-08-20T10:00");
    e.apply(new ArrivalRecorded(P, "某区", ArrivalRecorded.AreaRisk.HIGH, at("2022-08-20T10:00")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    for (String day : List.of("2022-08-20", "2022-08-21", "2022-08-22", "2022-08-24", "2022-08-26")) {
      tested(e, day + "T12:00");
    }
    e.advanceTo(at("2022-08-27T09:59"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    e.advanceTo(at("2022-08-27T10:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);

    HealthCodeEngine low = engine(NINTH, "2022-08-20T10:00");
    low.apply(new ArrivalRecorded(P, "某县", ArrivalRecorded.AreaRisk.LOW, at("2022-08-20T10:00")));
    assertThat(low.colour(P)).isEqualTo(CodeColour.YELLOW);
    tested(low, "2022-08-20T12:00", "2022-08-21T12:00");
    assertThat(low.colour(P)).isEqualTo(CodeColour.GREEN);

    HealthCodeEngine eighth = engine(EIGHTH, "2022-01-10T10:00");
    eighth.apply(new ArrivalRecorded(P, "某区", ArrivalRecorded.AreaRisk.MEDIUM, at("2022-01-10T10:00")));
    assertThat(eighth.colour(P)).isEqualTo(CodeColour.YELLOW);
    assertThat(eighth.code(P).reasons().get(0).textEn()).contains("arrived 2022-01-10 from medium-risk area 某区");
  }

  @Test
  void aKeyGroupMemberTurnsYellowWhenTheScheduledTestIsOverdue() {
    HealthCodeEngine e = engine(NINTH, "2022-04-12T10:00");
    e.apply(new KeyGroupMembership(P, "warehouse", true, at("2022-04-12T10:00")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    assertThat(e.code(P).until()).as("green until the test falls due").isEqualTo(at("2022-04-15T10:00"));
    e.advanceTo(at("2022-04-15T09:59:59"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    e.advanceTo(at("2022-04-15T10:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    assertThat(e.code(P).reasons().get(0).textEn()).contains("key group warehouse: routine test overdue since 2022-04-15 10:00");
    tested(e, "2022-04-15T11:00");
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    assertThat(e.lastNegativeTest(P, false)).hasValue(negative("2022-04-15T11:00"));
    assertThat(e.lastNegativeTest(99, true)).isEmpty();
    e.apply(new KeyGroupMembership(P, "warehouse", false, at("2022-04-16T00:00")));
    e.advanceTo(at("2022-05-01T00:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
  }

  @Test
  void courierIntervalsDifferBetweenPresets() {
    HealthCodeEngine ninth = engine(NINTH, "2022-04-12T00:00");
    HealthCodeEngine eighth = engine(EIGHTH, "2022-04-12T00:00");
    for (HealthCodeEngine e : List.of(ninth, eighth)) {
      e.apply(new KeyGroupMembership(P, "courier", true, at("2022-04-12T00:00")));
      e.advanceTo(at("2022-04-14T00:00"));
    }
    assertThat(eighth.colour(P)).as("8th-era couriers: 48 h").isEqualTo(CodeColour.YELLOW);
    assertThat(ninth.colour(P)).as("9th: twice a week").isEqualTo(CodeColour.GREEN);
    ninth.advanceTo(at("2022-04-15T12:00"));
    assertThat(ninth.colour(P)).isEqualTo(CodeColour.YELLOW);
  }

  @Test
  void theMostSevereReasonWinsAndAllActiveReasonsAreListed() {
    HealthCodeEngine e = engine(NINTH, "2022-04-12T10:00");
    e.apply(new KeyGroupMembership(P, "courier", true, at("2022-04-01T00:00")));
    e.apply(contact(ContactCategory.CLOSE, "2022-04-10T00:00", "2022-04-12T10:00"));
    e.apply(contact(ContactCategory.KEY, "2022-04-11T00:00", "2022-04-12T10:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    assertThat(rules(e)).containsExactly(RuleId.CLOSE_CONTACT, RuleId.KEY_PERSON, RuleId.KEY_GROUP_TEST_OVERDUE);
    // a release ends the isolation and the key-person regime; monitoring and the overdue test remain
    e.apply(new IsolationEnded(P, at("2022-04-12T10:00")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    assertThat(rules(e)).containsExactly(RuleId.CLOSE_CONTACT, RuleId.KEY_GROUP_TEST_OVERDUE);
    assertThat(e.code(P).reasons().get(0).monitoring()).isTrue();
  }

  @Test
  void aPositiveTestIsRedUntilANegativePcrAndIsolationUntilReleased() {
    HealthCodeEngine e = engine(NINTH, "2022-04-12T10:00");
    e.apply(new TestResult(P, TestResult.Method.ANTIGEN, true, at("2022-04-12T09:00")));
    assertThat(rules(e)).containsExactly(RuleId.POSITIVE_TEST);
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    tested(e, "2022-04-12T12:00");
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    e.apply(new IsolationStarted(P, IsolationStarted.Setting.HOME, at("2022-04-12T12:30")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    e.apply(new IsolationStarted(P, IsolationStarted.Setting.CENTRALIZED, at("2022-04-12T12:45")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    e.apply(new IsolationEnded(P, at("2022-04-12T13:00")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
  }

  @Test
  void aPolicyChangeReevaluatesEveryoneWithItsCause() {
    HealthCodeEngine e = engine(EIGHTH, "2022-06-28T10:00");
    e.apply(contact(ContactCategory.CLOSE, "2022-06-20T00:00", "2022-06-21T00:00"));
    for (String day : List.of("2022-06-21", "2022-06-22", "2022-06-23", "2022-06-25", "2022-06-27")) {
      tested(e, day + "T09:00");
    }
    e.apply(new ContactTraced(43, ContactCategory.SECONDARY, P, "", at("2022-06-26T00:00"), at("2022-06-27T00:00")));
    assertThat(e.colour(P)).isEqualTo(CodeColour.RED);
    assertThat(e.colour(43)).isEqualTo(CodeColour.RED);
    sunk.clear();
    List<CodeChange> changes = e.reevaluateAll(NINTH);
    assertThat(changes).hasSize(2).isEqualTo(sunk);
    assertThat(changes).allSatisfy(c -> {
      assertThat(c.cause()).isEqualTo(new ChangeCause.PolicyChanged("healthcode-8th", "healthcode-9th"));
      assertThat(c.to()).isEqualTo(CodeColour.YELLOW);
    });
    assertThat(e.policy()).isEqualTo(NINTH);
    // the timers follow the new policy: released at the fifth test, 9th monitoring 3 days
    e.advanceTo(at("2022-06-30T08:59"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.YELLOW);
    e.advanceTo(at("2022-06-30T09:00"));
    assertThat(e.colour(P)).isEqualTo(CodeColour.GREEN);
    assertThat(e.code(P).policyId()).isEqualTo("healthcode-9th");
  }

  @Test
  void timeGoesForwardOnly() {
    HealthCodeEngine e = engine(NINTH, "2022-04-12T10:00");
    assertThatThrownBy(() -> e.advanceTo(at("2022-04-12T09:00"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forward");
  }

  @Test
  void factsAreValidated() {
    assertThatThrownBy(() -> new ContactTraced(P, ContactCategory.CLOSE, 7, "", at("2022-04-13T00:00"),
        at("2022-04-12T00:00"))).hasMessageContaining("after traced_at");
    assertThatThrownBy(() -> new CaseConfirmed(0, at("2022-04-12T00:00"))).hasMessageContaining("positive");
    assertThatThrownBy(() -> new CaseConfirmed(1, Instant.parse("2300-01-01T00:00:00Z"))).hasMessageContaining("outside");
    assertThatThrownBy(() -> new KeyGroupMembership(1, "Bad Group", true, at("2022-04-12T00:00")))
        .hasMessageContaining("group");
  }
}
