package org.cordon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyGroupComplianceTest {
  private static final Instant T0 = Instant.parse("2022-04-01T00:00:00Z");

  private static Instant day(double d) {
    return T0.plusSeconds(Math.round(d * 86_400));
  }

  @Test
  void aCourierNeedsThreePcrAndTwoAntigenInEveryFiveDays() {
    KeyGroupCompliance c = new KeyGroupCompliance(TestingPolicy.defaults());
    c.enrol(new KeyGroupMember(7, "courier", "SF-XD-01", T0));
    for (double d : new double[] {0.5, 2.5, 4.5}) {
      c.record(7, TestMethod.PCR, day(d));
    }
    c.record(7, TestMethod.ANTIGEN, day(1));
    c.record(7, TestMethod.ANTIGEN, day(3));
    PersonCompliance now = c.compliance(7, day(5.2)).get(0);
    assertThat(now.compliant()).isTrue();
    assertThat(now.taken()).isEqualTo(Map.of(TestMethod.PCR, 3, TestMethod.ANTIGEN, 2));
    // the first PCR test leaves the window at day 5.5 (the first antigen test at day 6): overdue from 5.5
    PersonCompliance later = c.compliance(7, day(6.5)).get(0);
    assertThat(later.compliant()).isFalse();
    assertThat(later.taken()).isEqualTo(Map.of(TestMethod.PCR, 2, TestMethod.ANTIGEN, 1));
    assertThat(later.overdueSince()).isEqualTo(day(5.5));
    assertThat(c.overdue(day(6.5))).containsExactly(new OverduePerson(7, day(5.5)));
    assertThat(c.overdue(day(5.49))).isEmpty();
    c.record(7, TestMethod.PCR, day(6.6));
    // PCR is met again, but antigen has been short since day 6: overdue without a break since day 5.5
    assertThat(c.overdue(day(6.7))).containsExactly(new OverduePerson(7, day(5.5)));
  }

  @Test
  void coldChainWorkersAreTestedDailyAndNewMembersHaveOneWindowOfGrace() {
    KeyGroupCompliance c = new KeyGroupCompliance(TestingPolicy.defaults());
    c.enrol(new KeyGroupMember(1, "cold-chain", "WH-1", T0));
    c.enrol(new KeyGroupMember(2, "cold-chain", "WH-1", T0));
    c.enrol(new KeyGroupMember(3, "cold-chain", null, T0));
    c.record(1, TestMethod.PCR, day(0.9));
    c.record(1, TestMethod.PCR, day(1.8));
    c.record(2, TestMethod.ANTIGEN, day(0.9));   // antigen does not count for a PCR schedule
    assertThat(c.record(99, TestMethod.PCR, day(1))).isFalse();
    assertThat(c.overdue(day(0.99))).isEmpty();
    assertThat(c.overdue(day(2))).containsExactly(new OverduePerson(2, day(1)), new OverduePerson(3, day(1)));
    assertThat(c.byWorkplace(day(2))).containsExactly(new WorkplaceCompliance("WH-1", 2, 1),
        new WorkplaceCompliance(null, 1, 0));
    assertThat(c.overdue(day(3)).get(0)).isEqualTo(new OverduePerson(1, day(2.8)));
  }

  @Test
  void takesThePcrSamplesOfARound() {
    TestingPopulation population = TestingFixture.population(10);
    SamplingRound round = new SamplingRound(TestingFixture.cityRound(5), population);
    round.openTube("T1", "S1", TestingFixture.at(0));
    round.register(3, "T1", "S1", TestingFixture.at(1));
    KeyGroupCompliance c = new KeyGroupCompliance(TestingPolicy.parse(new java.io.StringReader(
        "schedule.cold-chain: 1 pcr in 1 day"), "test"));
    c.enrol(new KeyGroupMember(3, "cold-chain", null, TestingFixture.START.minus(Duration.ofDays(2))));
    c.recordRound(round);
    assertThat(c.compliance(3, TestingFixture.at(60)).get(0).compliant()).isTrue();
  }

  @Test
  void refusesGroupsWithoutScheduleAndDoubleEnrolment() {
    KeyGroupCompliance c = new KeyGroupCompliance(TestingPolicy.defaults());
    assertThatThrownBy(() -> c.enrol(new KeyGroupMember(1, "teacher", null, T0)))
        .hasMessageContaining("no schedule");
    c.enrol(new KeyGroupMember(1, "courier", null, T0));
    assertThatThrownBy(() -> c.enrol(new KeyGroupMember(1, "courier", null, T0))).hasMessageContaining("already");
  }

  /** Overdue and its since time against stepping back minute by minute (tests on whole minutes). */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void overdueSinceMatchesAMinuteByMinuteWalk(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    TestingPolicy policy = TestingPolicy.parse(new java.io.StringReader(
        "schedule.a: 3 pcr + 2 antigen in 2 days\nschedule.b: 1 pcr in 1 day\n"), "test");
    KeyGroupCompliance c = new KeyGroupCompliance(policy);
    List<long[][]> log = new ArrayList<>();   // person -> [pcr minutes, antigen minutes]
    int persons = 20;
    for (int p = 1; p <= persons; p++) {
      String group = p % 2 == 0 ? "a" : "b";
      int sinceMin = random.nextInt(600);
      c.enrol(new KeyGroupMember(p, group, null, T0.plusSeconds(sinceMin * 60L)));
      long[][] tests = new long[2][];
      for (int m = 0; m < 2; m++) {
        tests[m] = random.longs(random.nextInt(12), 0, 8 * 1440).sorted().toArray();
        for (long t : tests[m]) {
          c.record(p, TestMethod.values()[m], T0.plusSeconds(t * 60));
        }
      }
      log.add(new long[][] {tests[0], tests[1], {sinceMin}, {p % 2 == 0 ? 1 : 0}});
    }
    for (int q = 0; q < 10; q++) {
      long asOf = random.nextInt(9 * 1440);
      List<OverduePerson> expected = new ArrayList<>();
      for (int p = 1; p <= persons; p++) {
        long[][] l = log.get(p - 1);
        if (compliantAt(l, asOf)) {
          continue;
        }
        long t = asOf;
        while (!compliantAt(l, t - 1)) {
          t--;
        }
        expected.add(new OverduePerson(p, T0.plusSeconds(t * 60)));
      }
      assertThat(c.overdue(T0.plusSeconds(asOf * 60))).as("as of minute %d", asOf).isEqualTo(expected);
    }
  }

  private static boolean compliantAt(long[][] l, long t) {
    boolean groupA = l[3][0] == 1;
    long window = (groupA ? 2 : 1) * 1440L;
    if (t < l[2][0] + window) {
      return true;
    }
    int[] need = groupA ? new int[] {3, 2} : new int[] {1, 0};
    for (int m = 0; m < 2; m++) {
      int n = 0;
      for (long x : l[m]) {
        if (x > t - window && x <= t) {
          n++;
        }
      }
      if (n < need[m]) {
        return false;
      }
    }
    return true;
  }
}
