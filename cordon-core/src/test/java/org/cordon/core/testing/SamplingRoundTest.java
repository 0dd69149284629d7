package org.cordon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cordon.core.testing.TestingFixture.at;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingRoundTest {

  private final TestingPopulation population = TestingFixture.population(40);

  private SamplingRound round(int poolSize) {
    return new SamplingRound(TestingFixture.cityRound(poolSize), population);
  }

  /** Fills tube {@code barcode} at S1 with the given persons. */
  private static void fill(SamplingRound r, String barcode, long... persons) {
    r.openTube(barcode, "S1", at(0));
    for (long p : persons) {
      assertThat(r.register(p, barcode, "S1", at(1))).isTrue();
    }
  }

  @Test
  void aNegativePoolClearsEveryoneAndAFullTubeClosesItself() {
    SamplingRound r = round(3);
    fill(r, "T1", 1, 2, 3);
    assertThat(r.tube("T1").isOpen()).isFalse();
    assertThat(r.status(2)).isEqualTo(PersonTestStatus.AWAITING_RESULT);
    ResultApplied a = r.applyResult("T1", TubeResult.NEGATIVE, at(300), "lab-1");
    assertThat(a.changed()).isTrue();
    assertThat(a.recalled()).isEmpty();
    assertThat(List.of(r.status(1), r.status(2), r.status(3))).containsOnly(PersonTestStatus.NEGATIVE);
    assertThat(r.recallList()).isEmpty();
  }

  @Test
  void aPositivePoolRecallsEveryoneAtOnceAndASingleRetestDecides() {
    SamplingRound r = round(3);
    fill(r, "T1", 1, 2, 3);
    ResultApplied a = r.applyResult("T1", TubeResult.POSITIVE, at(300), "lab-1");
    assertThat(a.recalled()).containsExactly(1L, 2L, 3L);
    assertThat(a.cases()).isEmpty();
    assertThat(r.recallList()).extracting(Recall::personId).containsExactlyInAnyOrder(1L, 2L, 3L);
    assertThat(r.recallList().get(0).reason()).isEqualTo(RecallReason.POOL_POSITIVE);

    r.openTube("R1", "S1", 1, at(400));
    r.register(1, "R1", "S1", at(401));
    assertThat(r.status(1)).isEqualTo(PersonTestStatus.RECALL);   // held until the single result arrives
    assertThat(r.recallList()).filteredOn(x -> x.personId() == 1).extracting(Recall::retestBarcode)
        .containsExactly("R1");
    ResultApplied single = r.applyResult("R1", TubeResult.POSITIVE, at(600), "lab-1");
    assertThat(single.cases()).containsExactly(1L);
    assertThat(r.positives()).extracting(PositiveFinding::personId).containsExactly(1L);

    r.openTube("R2", "S1", 1, at(400));
    r.register(2, "R2", "S1", at(402));
    assertThat(r.applyResult("R2", TubeResult.NEGATIVE, at(600), null).cleared()).containsExactly(2L);
    assertThat(r.recallList()).extracting(Recall::personId).containsExactly(3L);
  }

  @Test
  void namesThePersonsSampleAndRetestTubes() {
    SamplingRound r = round(3);
    assertThat(r.sampleTube(1, false)).isNull();
    fill(r, "T1", 1, 2, 3);
    r.applyResult("T1", TubeResult.POSITIVE, at(300), null);
    r.openTube("R1", "S1", 1, at(400));
    r.register(1, "R1", "S1", at(401));
    assertThat(r.sampleTube(1, false)).isEqualTo("T1");
    assertThat(r.sampleTube(1, true)).isEqualTo("R1");
    assertThat(r.sampleTube(2, true)).isNull();
    assertThat(r.sampleTube(4, false)).isNull();
    assertThat(r.sampleTube(9_999_999, false)).isNull();   // not in the population
    assertThat(r.hasTube("T1")).isTrue();
    assertThat(r.hasTube("R1")).isTrue();
    assertThat(r.hasTube("R2")).isFalse();
    assertThat(r.hasTube(null)).isFalse();
    List<String> visited = new java.util.ArrayList<>();
    assertThat(r.forEachSampleIn("T1", (person, tube, at, result) -> visited.add(person + " " + tube + " "
        + at + " " + result))).isEqualTo(3);
    assertThat(visited).containsExactly("1 T1 " + at(1) + " POSITIVE", "2 T1 " + at(1) + " POSITIVE",
        "3 T1 " + at(1) + " POSITIVE");
    assertThat(r.forEachSampleIn("R2", (person, tube, at, result) -> visited.add("none"))).isEqualTo(-1);
    assertThat(visited).hasSize(3);
  }

  @Test
  void aPositiveSingleTubeIsACase() {
    SamplingRound r = round(1);
    fill(r, "T1", 5);
    assertThat(r.applyResult("T1", TubeResult.POSITIVE, at(300), null).cases()).containsExactly(5L);
    assertThat(r.status(5)).isEqualTo(PersonTestStatus.POSITIVE);
    assertThat(r.recallList()).isEmpty();
  }

  @Test
  void anInvalidTubeRecallsForResampling() {
    SamplingRound r = round(2);
    fill(r, "T1", 1, 2);
    assertThat(r.applyResult("T1", TubeResult.INVALID, at(300), null).recalled()).containsExactly(1L, 2L);
    assertThat(r.recallList()).extracting(Recall::reason).containsOnly(RecallReason.TUBE_INVALID);
  }

  @Test
  void resultsAreIdempotentAndACorrectionSupersedesWithHistory() {
    SamplingRound r = round(2);
    fill(r, "T1", 1, 2);
    r.applyResult("T1", TubeResult.POSITIVE, at(300), "lab-1");
    ResultApplied again = r.applyResult("T1", TubeResult.POSITIVE, at(310), "lab-1");
    assertThat(again.changed()).isFalse();
    assertThat(r.tube("T1").history()).hasSize(1);

    ResultApplied corrected = r.applyResult("T1", TubeResult.NEGATIVE, at(400), "lab-1-review");
    assertThat(corrected.previous()).isEqualTo(TubeResult.POSITIVE);
    assertThat(corrected.cleared()).containsExactly(1L, 2L);
    assertThat(r.recallList()).isEmpty();
    Tube t = r.tube("T1");
    assertThat(t.history()).extracting(TubeResultRecord::result)
        .containsExactly(TubeResult.POSITIVE, TubeResult.NEGATIVE);
    assertThat(t.history().get(1).source()).isEqualTo("lab-1-review");
    assertThat(t.result().result()).isEqualTo(TubeResult.NEGATIVE);
  }

  @Test
  void aResentSampleChangesNothing() {
    SamplingRound r = round(3);
    fill(r, "T1", 1);
    assertThat(r.register(1, "T1", "S1", at(2))).isFalse();
    assertThat(r.tube("T1").persons()).containsExactly(1L);
    assertThat(r.sampleCount()).isEqualTo(1);
  }

  @Test
  void coverageCountsTargetedSampledResultedAndMissed() {
    SamplingRound r = round(2);
    fill(r, "T1", 4, 8);     // both in community index 0 (i % 4 == 0): COMMUNITY_A1X
    r.applyResult("T1", TubeResult.NEGATIVE, at(100), null);
    CoverageReport c = r.coverage();
    assertThat(c.total()).isEqualTo(new CoverageCounts(40, 2, 2, 38, 0, 0));
    assertThat(c.of(TestingFixture.COMMUNITY_A1X)).isEqualTo(new CoverageCounts(10, 2, 2, 8, 0, 0));
    assertThat(r.missed(TestingFixture.COMMUNITY_A1X)).containsExactly(12, 16, 20, 24, 28, 32, 36, 40);
    assertThat(r.missedByCommunity(TestingFixture.COUNTY_B).keySet())
        .containsExactly(TestingFixture.COMMUNITY_B1X);
    assertThat(c.children(TestingFixture.COUNTY_A)).extracting(DivisionCoverage::name)
        .containsExactly("坞城街道", "营盘街道");
  }

  @Test
  void turnaroundAlarmsCountFromTheFirstSample() {
    SamplingRound r = round(2);
    fill(r, "T1", 1, 2);
    fill(r, "T2", 3, 4);
    r.receiveTube("T1", at(60));
    r.applyResult("T1", TubeResult.NEGATIVE, at(7 * 60), null);   // 7 h after the first sample
    r.applyResult("T2", TubeResult.NEGATIVE, at(3 * 60), null);
    List<TurnaroundAlarm> alarms = r.turnaroundAlarms(at(8 * 60), Duration.ofHours(6));
    assertThat(alarms).extracting(TurnaroundAlarm::tubeBarcode).containsExactly("T1");
    assertThat(alarms.get(0).overBy()).isEqualTo(Duration.ofMinutes(59));
    assertThat(alarms.get(0).receivedAt()).isEqualTo(at(60));
    fill(r, "T3", 5, 6);
    assertThat(r.turnaroundAlarms(at(7 * 60 + 2), Duration.ofHours(6))).extracting(TurnaroundAlarm::tubeBarcode)
        .containsExactly("T1", "T3");
  }

  @Test
  void theLabBoardCountsTubesByStageWithTurnaroundQuantiles() {
    SamplingRound r = round(1);
    for (int i = 1; i <= 10; i++) {
      fill(r, "T" + i, i);   // first sample at minute 1
    }
    for (int i = 1; i <= 8; i++) {
      r.applyResult("T" + i, TubeResult.NEGATIVE, at(1 + 60 * i), null);   // i hours
    }
    r.receiveTube("T9", at(30));
    TurnaroundSummary s = r.turnaroundSummary(at(1 + 9 * 60), Duration.ofHours(6));
    assertThat(s).isEqualTo(new TurnaroundSummary(10, 1, 1, 8, Duration.ofHours(4), Duration.ofHours(8),
        Duration.ofHours(8), 4));   // T7, T8 resulted late; T9, T10 nine hours without a result
  }

  @Test
  void aRetestGoesToTheNearestSiteWithALocation() {
    SamplingSite far = new SamplingSite("FAR", "远", TestingFixture.STREET_A1,
        new org.cordon.core.place.GeoPoint(38.0, 113.0), List.of());
    SamplingSite near = new SamplingSite("NEAR", "近", TestingFixture.STREET_A1,
        new org.cordon.core.place.GeoPoint(37.85, 112.55), List.of());
    Campaign c = TestingFixture.campaign(TargetPopulation.divisions(TestingFixture.CITY), 10,
        TestingFixture.site("NOWHERE"), far, near);
    assertThat(c.nearestSite(new org.cordon.core.place.GeoPoint(37.86, 112.56)).orElseThrow().siteId())
        .isEqualTo("NEAR");
    assertThat(TestingFixture.cityRound(10).nearestSite(new org.cordon.core.place.GeoPoint(37.86, 112.56)))
        .isEmpty();
  }

  // ------------------------------------------------------------ every bad input, nothing changed

  private static void assertRejected(Runnable action, RejectReason reason) {
    assertThatThrownBy(action::run).isInstanceOf(TestingInputException.class)
        .satisfies(e -> assertThat(((TestingInputException) e).reason()).isEqualTo(reason));
  }

  @Test
  void refusesSamplingBadInput() {
    SamplingRound r = round(2);
    fill(r, "T1", 1, 2);   // full
    r.openTube("T2", "S1", at(0));
    r.openTube("T3", "S2", at(0));
    r.openTube("T4", "S1", at(0));
    r.closeTube("T4", at(5));
    assertRejected(() -> r.register(999, "T2", "S1", at(1)), RejectReason.UNKNOWN_PERSON);
    assertRejected(() -> r.register(3, "NOPE", "S1", at(1)), RejectReason.UNKNOWN_TUBE);
    assertRejected(() -> r.register(3, "T2", "S9", at(1)), RejectReason.UNKNOWN_SITE);
    assertRejected(() -> r.register(3, "T3", "S1", at(1)), RejectReason.WRONG_SITE);
    assertRejected(() -> r.register(3, "T1", "S1", at(1)), RejectReason.TUBE_FULL);
    assertRejected(() -> r.register(3, "T4", "S1", at(6)), RejectReason.TUBE_CLOSED);
    assertRejected(() -> r.register(1, "T2", "S1", at(1)), RejectReason.ALREADY_SAMPLED);
    assertRejected(() -> r.register(3, "T2", "S1", TestingFixture.END.plusSeconds(1)), RejectReason.BAD_TIME);
    assertRejected(() -> r.register(3, "T2", "S1", null), RejectReason.BAD_VALUE);
    assertRejected(() -> r.register(3, "", "S1", at(1)), RejectReason.BAD_VALUE);
    assertRejected(() -> r.openTube("T2", "S1", at(0)), RejectReason.TUBE_EXISTS);
    assertRejected(() -> r.openTube("T9", "S1", 21, at(0)), RejectReason.BAD_POOL_SIZE);
    assertRejected(() -> r.openTube("T9", "S1", 0, at(0)), RejectReason.BAD_POOL_SIZE);
    assertRejected(() -> r.closeTube("NOPE", at(0)), RejectReason.UNKNOWN_TUBE);
    assertRejected(() -> r.receiveTube("T2", at(9)), RejectReason.TUBE_NOT_SAMPLED);
    assertThat(r.sampleCount()).isEqualTo(2);
    assertThat(r.tube("T2").persons()).isEmpty();
    assertThat(r.status(3)).isEqualTo(PersonTestStatus.NOT_SAMPLED);
  }

  @Test
  void refusesPersonsOutsideTheTarget() {
    Campaign zone = TestingFixture.campaign(TargetPopulation.divisions(TestingFixture.COUNTY_B), 5,
        TestingFixture.site("S1"));
    SamplingRound r = new SamplingRound(zone, population);
    r.openTube("T1", "S1", at(0));
    assertThat(r.targetedCount()).isEqualTo(10);
    assertRejected(() -> r.register(4, "T1", "S1", at(1)), RejectReason.NOT_TARGETED);
    assertThat(r.register(3, "T1", "S1", at(1))).isTrue();   // 3 % 4 == 3: COMMUNITY_B1X
  }

  @Test
  void refusesSamplesWhileTheSiteIsClosed() {
    SamplingSite day = new SamplingSite("S1", "白天采样点", TestingFixture.STREET_A1, null,
        List.of(new OpeningHours(LocalTime.of(8, 0), LocalTime.of(12, 0))));
    SamplingRound r = new SamplingRound(TestingFixture.campaign(TargetPopulation.divisions(TestingFixture.CITY),
        10, day), population);
    r.openTube("T1", "S1", at(0));                 // 08:00 Asia/Shanghai
    assertRejected(() -> r.register(1, "T1", "S1", at(5 * 60)), RejectReason.SITE_CLOSED);   // 13:00
    assertRejected(() -> r.openTube("T2", "S1", at(4 * 60)), RejectReason.SITE_CLOSED);
    assertThat(r.register(1, "T1", "S1", at(3 * 60 + 59))).isTrue();
  }

  @Test
  void aRecallRetestMustBeASingleTubeAndOnlyOnce() {
    SamplingRound r = round(2);
    fill(r, "T1", 1, 2);
    r.openTube("P5", "S1", 5, at(10));
    assertRejected(() -> r.register(1, "P5", "S1", at(11)), RejectReason.ALREADY_SAMPLED);  // not recalled
    r.applyResult("T1", TubeResult.POSITIVE, at(100), null);
    assertRejected(() -> r.register(1, "P5", "S1", at(111)), RejectReason.RETEST_NOT_SINGLE);
    r.openTube("R1", "S1", 1, at(110));
    r.openTube("R2", "S1", 1, at(110));
    r.register(1, "R1", "S1", at(111));
    assertRejected(() -> r.register(1, "R2", "S1", at(112)), RejectReason.ALREADY_SAMPLED);
    r.applyResult("R1", TubeResult.INVALID, at(200), null);   // an invalid retest may be repeated
    assertThat(r.register(1, "R2", "S1", at(201))).isTrue();
  }

  @Test
  void recallRetestsMayFollowTheEndOfTheCampaign() {
    SamplingRound r = round(2);
    fill(r, "T1", 1, 2);
    r.applyResult("T1", TubeResult.POSITIVE, at(100), null);
    java.time.Instant after = TestingFixture.END.plusSeconds(3600);
    assertRejected(() -> r.openTube("P2", "S1", 2, after), RejectReason.BAD_TIME);
    r.openTube("R1", "S1", 1, after);
    r.openTube("R2", "S1", 1, after);
    assertRejected(() -> r.register(3, "R2", "S1", after), RejectReason.BAD_TIME);   // a first sample: too late
    assertThat(r.register(1, "R1", "S1", after)).isTrue();
  }

  @Test
  void refusesResultBadInput() {
    SamplingRound r = round(3);
    fill(r, "T1", 1, 2);   // still open (2 of 3)
    r.openTube("E", "S1", at(0));
    r.closeTube("E", at(1));
    assertRejected(() -> r.applyResult("NOPE", TubeResult.NEGATIVE, at(60), null), RejectReason.UNKNOWN_TUBE);
    assertRejected(() -> r.applyResult("E", TubeResult.NEGATIVE, at(60), null), RejectReason.TUBE_NOT_SAMPLED);
    assertRejected(() -> r.applyResult("T1", TubeResult.NEGATIVE, at(60), null), RejectReason.TUBE_OPEN);
    r.closeTube("T1", at(2));
    assertRejected(() -> r.applyResult("T1", TubeResult.NEGATIVE, at(0), null), RejectReason.BAD_TIME);
    assertRejected(() -> r.applyResult("T1", null, at(60), null), RejectReason.BAD_VALUE);
    assertThat(r.tube("T1").result()).isNull();
    assertThat(r.status(1)).isEqualTo(PersonTestStatus.AWAITING_RESULT);
  }

  @Test
  void aRefusedBatchOfSamplesChangesNothing() {
    SamplingRound r = round(2);
    r.openTube("T1", "S1", at(0));
    r.openTube("T2", "S1", at(0));
    List<SampleScan> batch = List.of(new SampleScan(1, "T1", "S1", at(1)), new SampleScan(2, "T1", "S1", at(1)),
        new SampleScan(3, "T2", "S1", at(1)), new SampleScan(1, "T2", "S1", at(2)));
    assertThatThrownBy(() -> r.registerAll(batch)).isInstanceOf(SampleRejectedException.class)
        .satisfies(e -> {
          assertThat(((TestingInputException) e).item()).isEqualTo(3);
          assertThat(((TestingInputException) e).reason()).isEqualTo(RejectReason.ALREADY_SAMPLED);
        });
    assertThat(r.sampleCount()).isZero();
    assertThat(r.tube("T1").isOpen()).isTrue();   // the fill that closed it was undone
    assertThat(r.tube("T1").persons()).isEmpty();
    assertThat(r.tube("T1").firstSampleAt()).isNull();
    assertThat(r.status(1)).isEqualTo(PersonTestStatus.NOT_SAMPLED);
    assertThat(r.registerAll(batch.subList(0, 3))).isEqualTo(3);
    assertThat(r.tube("T1").isOpen()).isFalse();
  }

  @Test
  void aRefusedBatchOfResultsChangesNothing() {
    SamplingRound r = round(2);
    fill(r, "T1", 1, 2);
    List<TubeResultReport> batch = List.of(new TubeResultReport("T1", TubeResult.POSITIVE, at(60), "lab"),
        new TubeResultReport("NOPE", TubeResult.NEGATIVE, at(60), "lab"));
    assertThatThrownBy(() -> r.applyResults(batch)).isInstanceOf(ResultRejectedException.class)
        .satisfies(e -> assertThat(((TestingInputException) e).item()).isEqualTo(1));
    assertThat(r.tube("T1").result()).isNull();
    assertThat(r.recallList()).isEmpty();
  }
}
