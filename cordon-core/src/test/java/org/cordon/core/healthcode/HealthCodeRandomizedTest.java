package org.cordon.core.healthcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cordon.core.tracing.ContactCategory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random fact sequences and time steps: the engine's incrementally kept codes (facts applied one by
 * one, timers fired by {@code advanceTo}, occasional policy switches) must equal the brute-force
 * {@link ReferenceHealthCodes} evaluated from scratch at every checkpoint, for every person, and the
 * change stream must replay to the same colours. Half the contacts link to persons of the test, so a
 * secondary contact's release and upgrade follow its close contact's facts (and the policies vary the
 * link: two tests and upgrade, one test without, upgrade only).
 */
class HealthCodeRandomizedTest {
  private static final Instant START = Instant.parse("2022-04-01T00:00:00Z");
  private static final int PERSONS = 40;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void incrementalStateEqualsReevaluationFromScratch(long seed) {
    Random rnd = new Random(seed);
    HealthCodePolicy[] policies = {HealthCodePolicy.preset("healthcode-9th"), HealthCodePolicy.preset("healthcode-8th"),
        shortRegimes(), shortRegimes().withSecondaryRelease("one-test", new HealthCodePolicy.SecondaryRelease(1, false)),
        shortRegimes().withSecondaryRelease("upgrade-only", new HealthCodePolicy.SecondaryRelease(0, true)),
        shortRegimes().withSecondaryRelease("own-regime", new HealthCodePolicy.SecondaryRelease(1, true,
            HealthCodePolicy.UnknownCloseContact.OWN_REGIME))};
    HealthCodePolicy policy = policies[rnd.nextInt(policies.length)];
    Map<Long, CodeColour> replayed = new HashMap<>();
    List<CodeChange> stream = new ArrayList<>();
    HealthCodeEngine engine = new HealthCodeEngine(policy, START, c -> {
      stream.add(c);
      replayed.put(c.personId(), c.to());
    }, 4);
    Map<Long, List<Fact>> facts = new HashMap<>();
    Instant now = START;
    Instant lastChangeAt = START;
    for (int step = 0; step < 400; step++) {
      int action = rnd.nextInt(10);
      if (action < 6) {
        List<Fact> batch = new ArrayList<>();
        for (int k = rnd.nextInt(3) + 1; k > 0; k--) {
          Fact f = randomFact(rnd, now);
          batch.add(f);
          facts.computeIfAbsent(f.personId(), p -> new ArrayList<>()).add(f);
        }
        List<CodeChange> changes = rnd.nextInt(4) == 0 ? engine.load(batch) : engine.apply(batch);
        assertThat(changes).allSatisfy(c -> {
          assertThat(c.cause()).isInstanceOf(ChangeCause.FactApplied.class);
          assertThat(c.at()).isEqualTo(engine.now());
        });
      } else if (action < 9) {
        Instant t = now.plusSeconds(rnd.nextInt(rnd.nextBoolean() ? 6 * 3600 : 4 * 86_400));
        List<CodeChange> changes = engine.advanceTo(t);
        for (CodeChange c : changes) {
          assertThat(c.cause()).isInstanceOf(ChangeCause.TimePassed.class);
          assertThat(c.at()).isAfter(now).isBeforeOrEqualTo(t).isAfterOrEqualTo(lastChangeAt);
          assertThat(((ChangeCause.TimePassed) c.cause()).due()).isEqualTo(c.at());
          lastChangeAt = c.at();
        }
        now = t;
      } else {
        policy = policies[rnd.nextInt(policies.length)];
        engine.reevaluateAll(policy);
      }
      lastChangeAt = later(lastChangeAt, engine.now());
      if (step % 7 == 0 || step == 399) {
        check(engine, policy, facts, now, replayed);
      }
    }
    assertThat(stream).isNotEmpty();
    // the secondary contact's link is exercised: some were upgraded to close contact by their close
    // contact's positive test or case
    assertThat(stream).as("an upgraded secondary contact").anyMatch(c -> c.reasons().stream().anyMatch(Reason::upgraded));
  }

  /**
   * Pruning is invisible: with prunes at random steps (at the policy's own horizon, {@link
   * HealthCodePolicy#lookBack()}), every code still equals the reference over every fact ever applied,
   * the kept facts re-evaluated from scratch equal the engine's state, a fresh engine loaded with only
   * the kept facts (the server's restart) gives the same codes, and the "no negative test, no work"
   * gate answers the same for every interval of the policy. The facts keep pruning's premise: they
   * look back at most 7 days (the shortest horizon of the three policies) and a tube is corrected
   * only on the day it is first named.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void pruningChangesNoCode(long seed) {
    Random rnd = new Random(seed);
    HealthCodePolicy[] policies = {HealthCodePolicy.preset("healthcode-9th"), HealthCodePolicy.preset("healthcode-8th"),
        shortRegimes()};
    HealthCodePolicy policy = policies[(int) (seed % policies.length)];
    assertThat(policy.lookBack()).isGreaterThanOrEqualTo(Duration.ofDays(7));
    HealthCodeEngine engine = new HealthCodeEngine(policy, START, CodeChangeSink.none(), 4);
    Map<Long, List<Fact>> facts = new HashMap<>();
    Instant now = START;
    long tag = 0;
    int dropped = 0;
    int forgotten = 0;
    int aside = 0;
    for (int step = 0; step < 600; step++) {
      int action = rnd.nextInt(10);
      if (action < 6) {
        List<Fact> batch = new ArrayList<>();
        for (int k = rnd.nextInt(3) + 1; k > 0; k--) {
          Fact f = testedCity && rnd.nextInt(10) < 7 ? poolNegative(rnd, now) : recentFact(rnd, now);
          batch.add(f);
          facts.computeIfAbsent(f.personId(), p -> new ArrayList<>()).add(f);
        }
        long[] tags = new long[batch.size()];
        for (int i = 0; i < tags.length; i++) {
          tags[i] = ++tag;
        }
        engine.apply(batch, tags);
      } else if (action < 9) {
        now = now.plusSeconds(rnd.nextInt(rnd.nextBoolean() ? 6 * 3600 : 4 * 86_400));
        engine.advanceTo(now);
      } else {
        int before = engine.personsWithFacts();
        HealthCodeEngine.Pruned pruned = engine.prune();
        assertThat(pruned.refused()).as("persons whose pruning the check refused").isZero();
        assertThat(pruned.tags()).hasSize(pruned.facts()).doesNotHaveDuplicates();
        assertThat(engine.personsWithFacts()).isEqualTo(before - pruned.persons());
        dropped += pruned.facts();
        forgotten += pruned.persons() + pruned.negatives();
        checkPruned(engine, policy, facts, now);
      }
      if (step % 5 == 0 || step == 599) {
        checkPruned(engine, policy, facts, now);
      }
      aside = Math.max(aside, engine.negativesAside());
    }
    assertThat(dropped).as("facts pruned").isPositive();
    assertThat(forgotten).as("persons pruned away, or their negatives kept aside dropped").isPositive();
    assertThat(aside).as("negatives of persons without facts kept aside").isPositive();
  }

  /**
   * {@link #pruningChangesNoCode} in a tested city: most facts are pool negatives (kept aside while the
   * person has no other fact, moved into the person's facts when one comes: a contact traced later
   * with an earlier exposure is released by them), with corrections and withdrawals of the same tubes.
   */
  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28})
  void aTestedCityKeepsItsNegativesAsideAndEveryCodeStaysTheReferences(long seed) {
    testedCity = true;
    try {
      pruningChangesNoCode(seed);
    } finally {
      testedCity = false;
    }
  }

  /** Whether {@link #pruningChangesNoCode} draws mostly pool negatives. */
  private boolean testedCity;

  /** A pool's negative result, its tube one of a few of the day (so members share it), now or earlier. */
  private static Fact poolNegative(Random rnd, Instant now) {
    long person = 1 + rnd.nextInt(PERSONS);
    Instant at = now.minusSeconds(rnd.nextInt(2 * 86_400));
    String tube = "P" + now.getEpochSecond() / 86_400 + "-" + rnd.nextInt(6);
    return rnd.nextInt(12) == 0 ? new ResultWithdrawn(person, tube, now)
        : new TestResult(person, rnd.nextInt(6) == 0 ? TestResult.Method.ANTIGEN : TestResult.Method.PCR, false,
            at, tube);
  }

  private static void checkPruned(HealthCodeEngine engine, HealthCodePolicy policy, Map<Long, List<Fact>> facts,
      Instant now) {
    HealthCodeRules rules = new HealthCodeRules(policy);
    HealthCodeEngine restarted = new HealthCodeEngine(policy, now, CodeChangeSink.none(), 4);
    for (long p = 1; p <= PERSONS; p++) {
      restarted.load(engine.facts(p));
    }
    for (long p = 1; p <= PERSONS; p++) {
      List<Fact> all = facts.getOrDefault(p, List.of());
      Evaluation expected = ReferenceHealthCodes.evaluate(policy, all, now);
      HealthCode code = engine.code(p);
      assertThat(code.reasons()).as("reasons of person %d at %s", p, now).isEqualTo(expected.reasons());
      assertThat(code.colour()).as("colour of person %d at %s", p, now).isEqualTo(expected.colour());
      Evaluation kept = rules.evaluate(engine.facts(p), now);
      assertThat(kept.reasons()).as("kept facts of %d re-evaluated", p).isEqualTo(code.reasons());
      assertThat(restarted.code(p).reasons()).as("restarted reasons of %d", p).isEqualTo(code.reasons());
      for (boolean antigen : new boolean[] {false, true}) {
        Instant last = lastNegative(all, antigen, now);
        Instant kept2 = engine.lastNegativeTest(p, antigen).map(TestResult::sampledAt).orElse(null);
        for (int hours : new int[] {24, 48, 72, 84}) {
          assertThat(kept2 == null || kept2.plus(Duration.ofHours(hours)).isBefore(now))
              .as("gate of %d (%d h, antigen %s) at %s", p, hours, antigen, now)
              .isEqualTo(last == null || last.plus(Duration.ofHours(hours)).isBefore(now));
        }
      }
    }
  }

  /** The latest negative test sampled by {@code now} that no later fact of its tube replaced. */
  private static Instant lastNegative(List<Fact> all, boolean antigen, Instant now) {
    Instant best = null;
    for (int i = 0; i < all.size(); i++) {
      boolean corrected = false;
      for (int j = i + 1; j < all.size(); j++) {
        String tube = HealthCodeRules.tubeOf(all.get(i));
        corrected |= !tube.isEmpty() && tube.equals(HealthCodeRules.tubeOf(all.get(j)));
      }
      if (!corrected && all.get(i) instanceof TestResult r && !r.positive() && !r.sampledAt().isAfter(now)
          && (antigen || r.method() == TestResult.Method.PCR) && (best == null || r.sampledAt().isAfter(best))) {
        best = r.sampledAt();
      }
    }
    return best;
  }

  /**
   * A fact looking back at most 7 days from {@code now} (or dated up to 2 days ahead), its tubes named
   * after the day of {@code now}.
   */
  private static Fact recentFact(Random rnd, Instant now) {
    long person = 1 + rnd.nextInt(PERSONS);
    Instant at = now.plusSeconds(rnd.nextInt(5) == 0 ? rnd.nextInt(2 * 86_400) : -rnd.nextInt(3 * 86_400));
    if (rnd.nextBoolean()) {
      at = Instant.ofEpochSecond(at.getEpochSecond() / 3600 * 3600);
    }
    String tube = "T" + now.getEpochSecond() / 86_400 + "-" + rnd.nextInt(4);
    switch (rnd.nextInt(12)) {
      case 0:
        return new CaseConfirmed(person, at);
      case 1:
      case 2: {
        ContactCategory c = ContactCategory.values()[rnd.nextInt(4)];
        return new ContactTraced(person, c, 1000 + rnd.nextInt(5), "venue V" + rnd.nextInt(3),
            at.minusSeconds(rnd.nextInt(3 * 86_400)), at);
      }
      case 3:
      case 4:
      case 10:
        return new TestResult(person, rnd.nextInt(4) == 0 ? TestResult.Method.ANTIGEN : TestResult.Method.PCR,
            rnd.nextInt(8) == 0, at, rnd.nextBoolean() ? "" : tube);
      case 8:
        return new PoolRecalled(person, tube, at.minusSeconds(rnd.nextInt(86_400)), at);
      case 9:
        return new ResultWithdrawn(person, tube, at);
      case 5:
        return rnd.nextBoolean() ? new IsolationEnded(person, at)
            : new IsolationStarted(person, IsolationStarted.Setting.values()[rnd.nextInt(2)], at);
      case 6:
        return new ArrivalRecorded(person, "A" + rnd.nextInt(3), ArrivalRecorded.AreaRisk.values()[rnd.nextInt(3)], at);
      case 7:
        return new ZoneMembership(person, "Z" + rnd.nextInt(3), ZoneMembership.Level.values()[rnd.nextInt(4)], at);
      default:
        return new KeyGroupMembership(person, rnd.nextBoolean() ? "courier" : "cold-chain", rnd.nextInt(4) > 0, at);
    }
  }

  private static void check(HealthCodeEngine engine, HealthCodePolicy policy, Map<Long, List<Fact>> facts,
      Instant now, Map<Long, CodeColour> replayed) {
    for (long p = 1; p <= PERSONS; p++) {
      Evaluation expected = ReferenceHealthCodes.evaluate(policy, facts.getOrDefault(p, List.of()), now, facts);
      HealthCode code = engine.code(p);
      assertThat(code.reasons()).as("reasons of person %d at %s", p, now).isEqualTo(expected.reasons());
      assertThat(code.colour()).as("colour of person %d at %s", p, now).isEqualTo(expected.colour());
      assertThat(replayed.getOrDefault(p, CodeColour.GREEN)).as("replayed colour of %d", p).isEqualTo(code.colour());
    }
  }

  /** Short regimes so that expiries happen often within the simulated weeks. */
  private static HealthCodePolicy shortRegimes() {
    HealthCodePolicy p = HealthCodePolicy.preset("healthcode-9th");
    p = p.withRegime("short", RuleId.CLOSE_CONTACT, new Regime(CodeColour.RED, 2, 2, 6, true, 1, CodeColour.YELLOW));
    p = p.withRegime("short", RuleId.CASE, new Regime(CodeColour.RED, 3, 1, 0, true, 2, CodeColour.YELLOW));
    p = p.withRegime("short", RuleId.SECONDARY_CONTACT, new Regime(CodeColour.YELLOW, 1, 1, 0, true, 1, CodeColour.YELLOW));
    return p.withRegime("short", RuleId.COMPANION, new Regime(CodeColour.YELLOW, 1, 0, 0, true, 1, CodeColour.YELLOW));
  }

  private static Fact randomFact(Random rnd, Instant now) {
    long person = 1 + rnd.nextInt(PERSONS);
    // mostly in the recent past, sometimes slightly in the future (dated facts), on whole minutes or seconds
    Instant at = now.plusSeconds(rnd.nextInt(5) == 0 ? rnd.nextInt(2 * 86_400) : -rnd.nextInt(5 * 86_400));
    if (rnd.nextBoolean()) {
      at = Instant.ofEpochSecond(at.getEpochSecond() / 3600 * 3600);
    }
    switch (rnd.nextInt(11)) {
      case 0:
        return new CaseConfirmed(person, at);
      case 1:
      case 2: {
        ContactCategory c = ContactCategory.values()[rnd.nextInt(4)];
        Instant exposure = at.minusSeconds(rnd.nextInt(6 * 86_400));
        // half the links to persons of the test, so a secondary contact's close contact has facts
        long source = rnd.nextBoolean() ? 1 + rnd.nextInt(PERSONS) : 1000 + rnd.nextInt(5);
        return new ContactTraced(person, c, source, "venue V" + rnd.nextInt(3), exposure, at);
      }
      case 3:
      case 4:
        // half from lab tubes, a few tubes per person so that corrections (same tube again) are common
        return new TestResult(person, rnd.nextInt(4) == 0 ? TestResult.Method.ANTIGEN : TestResult.Method.PCR,
            rnd.nextInt(8) == 0, at, rnd.nextBoolean() ? "" : randomTube(rnd));
      case 8:
        return new PoolRecalled(person, randomTube(rnd), at.minusSeconds(rnd.nextInt(2 * 86_400)), at);
      case 9:
        return new ResultWithdrawn(person, randomTube(rnd), at);
      case 5:
        return rnd.nextBoolean() ? new IsolationEnded(person, at)
            : new IsolationStarted(person, IsolationStarted.Setting.values()[rnd.nextInt(2)], at);
      case 6:
        return new ArrivalRecorded(person, "A" + rnd.nextInt(3), ArrivalRecorded.AreaRisk.values()[rnd.nextInt(3)], at);
      case 7:
        return new ZoneMembership(person, "Z" + rnd.nextInt(3), ZoneMembership.Level.values()[rnd.nextInt(4)], at);
      default:
        return new KeyGroupMembership(person, rnd.nextBoolean() ? "courier" : "cold-chain", rnd.nextInt(4) > 0, at);
    }
  }

  private static String randomTube(Random rnd) {
    return "T" + rnd.nextInt(4);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @SuppressWarnings("unused")
  private static Duration hours(int h) {
    return Duration.ofHours(h);
  }
}
