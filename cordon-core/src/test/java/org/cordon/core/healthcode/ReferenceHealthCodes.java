package org.cordon.core.healthcode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.tracing.ContactCategory;

/**
 * A brute-force evaluator written apart from {@link HealthCodeRules}, straight from the rules as the
 * policy and issue state them: for every rule, scan every fact. Slow and obvious on purpose; the
 * randomized test holds the engine's incrementally kept codes against it.
 */
final class ReferenceHealthCodes {
  private ReferenceHealthCodes() {
  }

  /** The colour and reasons of a person with {@code facts} (in arrival order) at {@code t}, nobody else known. */
  static Evaluation evaluate(HealthCodePolicy policy, List<Fact> facts, Instant t) {
    return evaluate(policy, facts, t, Map.of());
  }

  /**
   * The colour and reasons of a person with {@code facts} (in arrival order) at {@code t}, where
   * {@code everybody} holds every person's facts (a secondary contact reads its close contact's).
   */
  static Evaluation evaluate(HealthCodePolicy policy, List<Fact> facts, Instant t, Map<Long, List<Fact>> everybody) {
    List<Fact> known = known(facts, t);
    List<Reason> reasons = new ArrayList<>();
    for (Fact f : known) {
      if (f instanceof CaseConfirmed c) {
        regime(policy, RuleId.CASE, f, c.confirmedAt(), known, t, reasons);
      } else if (f instanceof ContactTraced c && c.category() == ContactCategory.SECONDARY
          && (policy.secondaryRelease().closeContactTests() > 0 || policy.secondaryRelease().upgradeToClose())) {
        List<Fact> closeContact = known(everybody.getOrDefault(c.sourcePersonId(), List.of()), t);
        if (closeContact.isEmpty()
            && policy.secondaryRelease().unknownCloseContact() == HealthCodePolicy.UnknownCloseContact.OWN_REGIME) {
          regime(policy, RuleId.SECONDARY_CONTACT, f, c.exposure(), known, t, reasons);
        } else {
          linkedSecondary(policy, c, closeContact, known, t, reasons);
        }
      } else if (f instanceof ContactTraced c) {
        RuleId rule = c.category() == ContactCategory.CLOSE ? RuleId.CLOSE_CONTACT
            : c.category() == ContactCategory.SECONDARY ? RuleId.SECONDARY_CONTACT
            : c.category() == ContactCategory.KEY ? RuleId.KEY_PERSON : RuleId.COMPANION;
        regime(policy, rule, f, c.exposure(), known, t, reasons);
      } else if (f instanceof ArrivalRecorded a) {
        RuleId rule = a.risk() == ArrivalRecorded.AreaRisk.HIGH ? RuleId.ARRIVAL_HIGH_RISK
            : a.risk() == ArrivalRecorded.AreaRisk.MEDIUM ? RuleId.ARRIVAL_MEDIUM_RISK : RuleId.ARRIVAL_LOW_RISK;
        regime(policy, rule, f, a.arrivedAt(), known, t, reasons);
      } else if (f instanceof IsolationStarted s) {
        CodeColour colour = s.setting() == IsolationStarted.Setting.CENTRALIZED
            ? policy.centralizedIsolationColour() : policy.homeIsolationColour();
        if (firstReleaseFrom(known, s.startedAt()) == null && colour != CodeColour.GREEN) {
          reasons.add(new Reason(RuleId.ISOLATION, colour, f, s.startedAt(), null, false, 0));
        }
      } else if (f instanceof TestResult r && r.positive()) {
        boolean negativeLater = known.stream().anyMatch(o -> o instanceof TestResult n && !n.positive()
            && n.method() == TestResult.Method.PCR && n.sampledAt().isAfter(r.sampledAt()));
        if (!negativeLater && firstReleaseFrom(known, r.sampledAt()) == null
            && policy.positiveTestColour() != CodeColour.GREEN) {
          reasons.add(new Reason(RuleId.POSITIVE_TEST, policy.positiveTestColour(), f, r.sampledAt(), null, false, 0));
        }
      } else if (f instanceof PoolRecalled p) {
        boolean retested = known.stream().anyMatch(o -> o instanceof TestResult n
            && n.method() == TestResult.Method.PCR && n.sampledAt().isAfter(p.pooledAt()));
        if (!retested && policy.poolRecallColour() != CodeColour.GREEN) {
          reasons.add(new Reason(RuleId.POOL_RECALL, policy.poolRecallColour(), f, p.recalledAt(), null, false, 0));
        }
      }
    }
    ZoneMembership zone = null;
    for (Fact f : known) {
      if (f instanceof ZoneMembership z && (zone == null || z.since().compareTo(zone.since()) >= 0)) {
        zone = z;
      }
    }
    if (zone != null && zone.level() != ZoneMembership.Level.NONE) {
      CodeColour c = policy.zoneColours().get(zone.level());
      RuleId rule = zone.level() == ZoneMembership.Level.SEALED ? RuleId.SEALED_ZONE
          : zone.level() == ZoneMembership.Level.CONTROLLED ? RuleId.CONTROLLED_ZONE : RuleId.PREVENTION_ZONE;
      if (c != CodeColour.GREEN) {
        reasons.add(new Reason(rule, c, zone, zone.since(), null, false, 0));
      }
    }
    Map<String, KeyGroupMembership> latest = new LinkedHashMap<>();
    for (Fact f : known) {
      if (f instanceof KeyGroupMembership g) {
        KeyGroupMembership prev = latest.get(g.group());
        if (prev == null || g.since().compareTo(prev.since()) >= 0) {
          latest.put(g.group(), g);
        }
      }
    }
    for (KeyGroupMembership g : latest.values()) {
      if (!g.member()) {
        continue;
      }
      Instant lastNegative = g.since();
      for (Fact f : known) {
        if (f instanceof TestResult r && !r.positive() && r.sampledAt().isAfter(lastNegative)
            && (r.method() == TestResult.Method.PCR || policy.keyGroups().acceptsAntigen())) {
          lastNegative = r.sampledAt();
        }
      }
      Instant due = lastNegative.plus(Duration.ofHours(policy.keyGroups().intervalOf(g.group())));
      if (!due.isAfter(t) && policy.keyGroups().colour() != CodeColour.GREEN) {
        reasons.add(new Reason(RuleId.KEY_GROUP_TEST_OVERDUE, policy.keyGroups().colour(), g, due, null, false, 0));
      }
    }
    reasons.sort(Reason.ORDER);
    CodeColour colour = CodeColour.GREEN;
    for (Reason r : reasons) {
      colour = colour.max(r.colour());
    }
    return new Evaluation(colour, reasons, null);
  }

  private static List<Fact> known(List<Fact> facts, Instant t) {
    List<Fact> known = new ArrayList<>();
    for (int i = 0; i < facts.size(); i++) {
      Fact f = facts.get(i);
      if (!f.at().isAfter(t) && !correctedLater(facts, i)) {
        known.add(f);
      }
    }
    return known;
  }

  /**
   * Domain.md §2.1/§2.2 as the policy states it: released on day 7 only with its own tests negative
   * and the close contact's first k tests (PCR sampled after the exposure) negative; a positive among
   * those or the close contact's case before that release makes it a close contact from then.
   */
  private static void linkedSecondary(HealthCodePolicy policy, ContactTraced c, List<Fact> closeContact,
      List<Fact> known, Instant t, List<Reason> reasons) {
    int k = policy.secondaryRelease().closeContactTests();
    List<TestResult> tests = new ArrayList<>();
    Instant upgrade = null;
    for (Fact f : closeContact) {
      if (f instanceof TestResult r && r.method() == TestResult.Method.PCR && r.sampledAt().isAfter(c.exposure())) {
        tests.add(r);
      }
      if (f instanceof CaseConfirmed cc && (upgrade == null || cc.at().isBefore(upgrade))) {
        upgrade = cc.at();
      }
    }
    tests.sort(Comparator.comparing(TestResult::sampledAt));
    List<TestResult> first = tests.subList(0, Math.min(k, tests.size()));
    boolean anyPositive = false;
    for (TestResult r : first) {
      if (r.positive()) {
        anyPositive = true;
        if (upgrade == null || r.sampledAt().isBefore(upgrade)) {
          upgrade = r.sampledAt();
        }
      }
    }
    boolean met = first.size() == k && !anyPositive;
    Instant linkMet = met && k > 0 ? first.get(k - 1).sampledAt() : null;
    Instant release = release(policy.regime(RuleId.SECONDARY_CONTACT), c.at(), c.exposure(), known, k > 0 && !met,
        linkMet).release;
    if (policy.secondaryRelease().upgradeToClose() && upgrade != null
        && (release == null || upgrade.compareTo(release) <= 0)) {
      Instant from = upgrade.isAfter(c.at()) ? upgrade : c.at();
      Regime close = policy.regime(RuleId.CLOSE_CONTACT);
      Released r = release(close, from, c.exposure(), known, false, null);
      report(RuleId.CLOSE_CONTACT, close, c, from, r, t, reasons);
    } else {
      Regime secondary = policy.regime(RuleId.SECONDARY_CONTACT);
      report(RuleId.SECONDARY_CONTACT, secondary, c, c.at(),
          release(secondary, c.at(), c.exposure(), known, k > 0 && !met, linkMet), t, reasons);
    }
  }

  private record Released(Instant release, int needed, boolean awaiting) {
  }

  private static void regime(HealthCodePolicy policy, RuleId rule, Fact f, Instant anchor, List<Fact> known,
      Instant t, List<Reason> reasons) {
    Regime regime = policy.regime(rule);
    report(rule, regime, f, f.at(), release(regime, f.at(), anchor, known, false, null), t, reasons);
  }

  /**
   * The release of a regime begun at {@code start}; {@code blocked}: no automatic release (the close
   * contact's tests are not met), and it comes no earlier than {@code notBefore} when given.
   */
  private static Released release(Regime regime, Instant start, Instant anchor, List<Fact> known,
      boolean blocked, Instant notBefore) {
    Instant release = firstReleaseFrom(known, start);
    int needed = 0;
    if (regime.autoRelease()) {
      List<Instant> samples = new ArrayList<>();
      for (Fact o : known) {
        if (o instanceof TestResult r && !r.positive() && r.method() == TestResult.Method.PCR
            && r.sampledAt().isAfter(anchor)) {
          samples.add(r.sampledAt());
        }
      }
      samples.sort(Comparator.naturalOrder());
      List<Instant> counted = new ArrayList<>();
      for (Instant s : samples) {
        if (counted.size() < regime.negativeTests() && (counted.isEmpty()
            || Duration.between(counted.get(counted.size() - 1), s).compareTo(Duration.ofHours(regime.testSpacingHours())) >= 0)) {
          counted.add(s);
        }
      }
      if (counted.size() == regime.negativeTests() && !blocked) {
        Instant auto = anchor.plus(Duration.ofDays(regime.minDays()));
        if (!counted.isEmpty() && counted.get(counted.size() - 1).isAfter(auto)) {
          auto = counted.get(counted.size() - 1);
        }
        if (notBefore != null && notBefore.isAfter(auto)) {
          auto = notBefore;
        }
        if (release == null || auto.isBefore(release)) {
          release = auto;
        }
      } else if (release == null && counted.size() < regime.negativeTests()) {
        needed = regime.negativeTests() - counted.size();
      }
    }
    if (release != null && release.isBefore(start)) {
      release = start;
    }
    // a linked secondary contact with its own tests done, waiting for its close contact's only
    boolean awaiting = blocked && release == null && regime.autoRelease() && needed == 0;
    return new Released(release, needed, awaiting);
  }

  private static void report(RuleId rule, Regime regime, Fact f, Instant start, Released r, Instant t,
      List<Reason> reasons) {
    Instant release = r.release;
    if (release == null || t.isBefore(release)) {
      if (regime.colour() != CodeColour.GREEN) {
        reasons.add(new Reason(rule, regime.colour(), f, start, release, false, r.needed, r.awaiting));
      }
    } else {
      Instant end = release.plus(Duration.ofDays(regime.monitoringDays()));
      if (t.isBefore(end) && regime.monitoringColour() != CodeColour.GREEN) {
        reasons.add(new Reason(rule, regime.monitoringColour(), f, release, end, true, 0));
      }
    }
  }

  /** Whether a fact applied after {@code facts[i]} names the same lab tube (a correction). */
  private static boolean correctedLater(List<Fact> facts, int i) {
    String tube = tube(facts.get(i));
    for (int j = i + 1; j < facts.size() && !tube.isEmpty(); j++) {
      if (tube.equals(tube(facts.get(j)))) {
        return true;
      }
    }
    return false;
  }

  private static String tube(Fact f) {
    return f instanceof TestResult r ? r.tube() : f instanceof PoolRecalled p ? p.tube()
        : f instanceof ResultWithdrawn w ? w.tube() : "";
  }

  private static Instant firstReleaseFrom(List<Fact> known, Instant start) {
    Instant first = null;
    for (Fact f : known) {
      if (f instanceof IsolationEnded e && !e.releasedAt().isBefore(start)
          && (first == null || e.releasedAt().isBefore(first))) {
        first = e.releasedAt();
      }
    }
    return first;
  }
}
