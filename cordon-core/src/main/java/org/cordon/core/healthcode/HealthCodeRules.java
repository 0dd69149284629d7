package org.cordon.core.healthcode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.tracing.ContactCategory;

/**
 * The health-code rules of one policy: a pure function of (a person's facts, an instant) to the
 * active reasons, the colour and the next instant the answer may change. Stateless and thread-safe.
 *
 * <p>Only facts whose {@link Fact#at()} is at or before the instant count; later ones only make their
 * time a candidate for the next change. The rules, with every number from {@link HealthCodePolicy}:
 * <ul>
 *   <li>{@link CaseConfirmed}, {@link ContactTraced} (by category), {@link ArrivalRecorded} (by risk):
 *       a {@link Regime} each — its colour from the fact until released, then monitoring;</li>
 *   <li>{@link IsolationStarted}: the setting's colour until the first {@link IsolationEnded} at or
 *       after it;</li>
 *   <li>a positive {@link TestResult}: the positive-test colour until a negative PCR sampled after it
 *       or a release at or after it;</li>
 *   <li>{@link ZoneMembership}: the latest membership (by time, then by order of arrival) gives the
 *       zone level's colour;</li>
 *   <li>{@link KeyGroupMembership}: for each group whose latest membership fact says member, the
 *       key-group colour from (the later of joining and the last accepted negative sample) + the group's
 *       interval, until a new accepted negative;</li>
 *   <li>{@link PoolRecalled}: the pool-recall colour from the recall until a PCR result (either way)
 *       sampled after the pooled sample: the single-tube retest;</li>
 *   <li>a secondary {@link ContactTraced} whose policy links it to its close contact
 *       ({@link HealthCodePolicy.SecondaryRelease}, domain.md §2.1/§2.2) also reads the close contact's
 *       ({@link ContactTraced#sourcePersonId()}) facts through {@link LinkedFacts}: its first k PCR
 *       results sampled after the secondary's exposure (k = {@code secondary.close-contact-tests}, in
 *       sample order, known at t, a lab's correction replacing as for anyone). The automatic release
 *       also needs all k in and negative, and comes no earlier than the last of their sample times; a
 *       positive among them, or the close contact's {@link CaseConfirmed}, at or before the release
 *       (with {@code secondary.upgrade-to-close}) upgrades the person to close contact from that time
 *       (the later of it and the secondary fact): the close-contact regime anchored at the same
 *       exposure, reported as a {@link RuleId#CLOSE_CONTACT} reason on the secondary fact, and the
 *       secondary reason ends. The close contact's facts dated after t make their time a candidate for
 *       the next change.</li>
 * </ul>
 * A lab's correction replaces, it does not add: of the facts naming one tube ({@link #tubeOf}), only
 * the one applied last counts, whatever the times (a {@link ResultWithdrawn} counts for nothing).
 * The colour is the most severe among all active reasons; a person with none is GREEN ("released →
 * green"). Cost: O(f log f) for f facts of the person.
 */
public final class HealthCodeRules {
  private static final long DAY_NANOS = 86_400_000_000_000L;
  private final HealthCodePolicy policy;

  public HealthCodeRules(HealthCodePolicy policy) {
    this.policy = policy;
  }

  public HealthCodePolicy policy() {
    return policy;
  }

  /** The regime rule of a contact category. */
  public static RuleId ruleOf(ContactCategory category) {
    return switch (category) {
      case CLOSE -> RuleId.CLOSE_CONTACT;
      case SECONDARY -> RuleId.SECONDARY_CONTACT;
      case KEY -> RuleId.KEY_PERSON;
      case COMPANION -> RuleId.COMPANION;
    };
  }

  /** The regime rule of an arrival's risk level. */
  public static RuleId ruleOf(ArrivalRecorded.AreaRisk risk) {
    return switch (risk) {
      case HIGH -> RuleId.ARRIVAL_HIGH_RISK;
      case MEDIUM -> RuleId.ARRIVAL_MEDIUM_RISK;
      case LOW -> RuleId.ARRIVAL_LOW_RISK;
    };
  }

  /** The zone rule of a zone level ({@code null} for NONE). */
  public static RuleId ruleOf(ZoneMembership.Level level) {
    return switch (level) {
      case SEALED -> RuleId.SEALED_ZONE;
      case CONTROLLED -> RuleId.CONTROLLED_ZONE;
      case PREVENTION -> RuleId.PREVENTION_ZONE;
      case NONE -> null;
    };
  }

  /** Evaluates {@code facts} at {@code t}, knowing no other person's facts. */
  public Evaluation evaluate(List<? extends Fact> facts, Instant t) {
    return evaluate(facts.toArray(new Fact[0]), facts.size(), t, LinkedFacts.NONE);
  }

  /** Evaluates {@code facts} at {@code t}, with the facts of linked persons from {@code linked}. */
  public Evaluation evaluate(List<? extends Fact> facts, Instant t, LinkedFacts linked) {
    return evaluate(facts.toArray(new Fact[0]), facts.size(), t, linked);
  }

  /**
   * Evaluates the first {@code count} facts of {@code facts} (in the order they arrived) at {@code t};
   * {@code linked} gives the facts of other persons a rule reads (a secondary contact's close contact).
   */
  public Evaluation evaluate(Fact[] facts, int count, Instant t, LinkedFacts linked) {
    Scratch s = new Scratch(count);
    boolean[] replaced = replaced(facts, count);
    for (int i = 0; i < count; i++) {
      Fact f = facts[i];
      if (replaced != null && replaced[i]) {
        continue;
      }
      if (f.at().isAfter(t)) {
        s.next(f.at());
        continue;
      }
      if (f instanceof TestResult r) {
        if (r.method() == TestResult.Method.PCR) {
          s.lastPcr = later(s.lastPcr, r.sampledAt());
        }
        if (!r.positive()) {
          if (r.method() == TestResult.Method.PCR) {
            s.negativePcr[s.pcrCount++] = r.sampledAt();
          }
          if (r.method() == TestResult.Method.PCR || policy.keyGroups().acceptsAntigen()) {
            s.lastAccepted = later(s.lastAccepted, r.sampledAt());
          }
        }
      } else if (f instanceof IsolationEnded e) {
        s.releases[s.releaseCount++] = e.releasedAt();
      } else if (f instanceof ZoneMembership z) {
        if (s.zone == null || !z.since().isBefore(s.zone.since())) {
          s.zone = z;
        }
      } else if (f instanceof KeyGroupMembership g) {
        KeyGroupMembership prev = s.groups.get(g.group());
        if (prev == null || !g.since().isBefore(prev.since())) {
          s.groups.put(g.group(), g);
        }
      }
    }
    Arrays.sort(s.negativePcr, 0, s.pcrCount);
    Arrays.sort(s.releases, 0, s.releaseCount);
    List<Reason> reasons = new ArrayList<>(4);
    for (int i = 0; i < count; i++) {
      Fact f = facts[i];
      if (f.at().isAfter(t) || replaced != null && replaced[i]) {
        continue;
      }
      if (f instanceof CaseConfirmed c) {
        regime(RuleId.CASE, c, c.confirmedAt(), t, s, reasons);
      } else if (f instanceof ContactTraced c) {
        if (c.category() == ContactCategory.SECONDARY && policy.secondaryRelease().linked()) {
          secondary(c, t, s, linked, reasons);
        } else {
          regime(ruleOf(c.category()), c, c.exposure(), t, s, reasons);
        }
      } else if (f instanceof ArrivalRecorded a) {
        regime(ruleOf(a.risk()), a, a.arrivedAt(), t, s, reasons);
      } else if (f instanceof IsolationStarted is) {
        CodeColour colour = is.setting() == IsolationStarted.Setting.CENTRALIZED
            ? policy.centralizedIsolationColour() : policy.homeIsolationColour();
        if (s.releaseAtOrAfter(is.startedAt()) == null && colour != CodeColour.GREEN) {
          reasons.add(new Reason(RuleId.ISOLATION, colour, is, is.startedAt(), null, false, 0));
        }
      } else if (f instanceof TestResult r && r.positive()) {
        boolean cleared = s.releaseAtOrAfter(r.sampledAt()) != null || s.negativeAfter(r.sampledAt());
        if (!cleared && policy.positiveTestColour() != CodeColour.GREEN) {
          reasons.add(new Reason(RuleId.POSITIVE_TEST, policy.positiveTestColour(), r, r.sampledAt(), null, false, 0));
        }
      } else if (f instanceof PoolRecalled p) {
        boolean retested = s.lastPcr != null && s.lastPcr.isAfter(p.pooledAt());
        if (!retested && policy.poolRecallColour() != CodeColour.GREEN) {
          reasons.add(new Reason(RuleId.POOL_RECALL, policy.poolRecallColour(), p, p.recalledAt(), null, false, 0));
        }
      }
    }
    if (s.zone != null) {
      CodeColour colour = policy.zoneColours().get(s.zone.level());
      if (colour != CodeColour.GREEN) {
        reasons.add(new Reason(ruleOf(s.zone.level()), colour, s.zone, s.zone.since(), null, false, 0));
      }
    }
    for (KeyGroupMembership g : s.groups.values()) {
      if (!g.member()) {
        continue;
      }
      Instant base = later(g.since(), s.lastAccepted);
      Instant due = base.plus(Duration.ofHours(policy.keyGroups().intervalOf(g.group())));
      if (due.isAfter(t)) {
        s.next(due);
      } else if (policy.keyGroups().colour() != CodeColour.GREEN) {
        reasons.add(new Reason(RuleId.KEY_GROUP_TEST_OVERDUE, policy.keyGroups().colour(), g, due, null, false, 0));
      }
    }
    if (reasons.isEmpty()) {
      return s.nextChange == null ? Evaluation.GREEN : new Evaluation(CodeColour.GREEN, List.of(), s.nextChange);
    }
    reasons.sort(Reason.ORDER);
    return new Evaluation(reasons.get(0).colour(), List.copyOf(reasons), s.nextChange);
  }

  /**
   * A secondary contact linked to its close contact: the close contact's first tests (known at
   * {@code t}) gate the release, and its positive or its case upgrades to the close-contact regime.
   */
  private void secondary(ContactTraced c, Instant t, Scratch s, LinkedFacts linked, List<Reason> reasons) {
    HealthCodePolicy.SecondaryRelease link = policy.secondaryRelease();
    Fact[] of = linked.of(c.sourcePersonId()).toArray(new Fact[0]);
    boolean[] replaced = replaced(of, of.length);
    if (link.unknownCloseContact() == HealthCodePolicy.UnknownCloseContact.OWN_REGIME) {
      boolean known = false;
      for (int i = 0; i < of.length; i++) {
        if (replaced != null && replaced[i]) {
          continue;
        }
        if (of[i].at().isAfter(t)) {
          s.next(of[i].at());
        } else {
          known = true;
        }
      }
      if (!known) {
        // no fact of the close contact here (yet): its tests will not come, its own regime decides
        regime(RuleId.SECONDARY_CONTACT, c, c.exposure(), t, s, reasons);
        return;
      }
    }
    List<TestResult> tests = new ArrayList<>(4);
    Instant upgrade = null;
    for (int i = 0; i < of.length; i++) {
      Fact f = of[i];
      boolean counts = f instanceof CaseConfirmed || f instanceof TestResult r
          && r.method() == TestResult.Method.PCR && r.sampledAt().isAfter(c.exposure());
      if (!counts || replaced != null && replaced[i]) {
        continue;
      }
      if (f.at().isAfter(t)) {
        s.next(f.at());
      } else if (f instanceof CaseConfirmed) {
        upgrade = earlier(upgrade, f.at());
      } else {
        tests.add((TestResult) f);
      }
    }
    // a stable sort: of two samples at one instant, the one applied first is the earlier test
    tests.sort(Comparator.comparing(TestResult::sampledAt));
    int k = link.closeContactTests();
    Instant linkMet = null;
    for (int i = 0; i < Math.min(k, tests.size()); i++) {
      TestResult r = tests.get(i);
      if (r.positive()) {
        upgrade = earlier(upgrade, r.sampledAt());
        linkMet = null;
        break;
      }
      linkMet = i == k - 1 ? r.sampledAt() : null;
    }
    Regime secondary = policy.regime(RuleId.SECONDARY_CONTACT);
    Release release = release(secondary, c.exposure(), c.at(), k > 0, linkMet, s);
    if (link.upgradeToClose() && upgrade != null && (release.at() == null || !upgrade.isAfter(release.at()))) {
      Instant from = later(upgrade, c.at());
      Regime close = policy.regime(RuleId.CLOSE_CONTACT);
      report(RuleId.CLOSE_CONTACT, close, c, from, release(close, c.exposure(), from, false, null, s), t, s,
          reasons);
    } else {
      report(RuleId.SECONDARY_CONTACT, secondary, c, c.at(), release, t, s, reasons);
    }
  }

  /**
   * When a regime ends ({@code null}: not yet known), how many negative tests it still needs, and
   * whether it waits for the close contact's tests only (a linked secondary contact).
   */
  private record Release(Instant at, int needed, boolean awaitingCloseContact) {
  }

  /** Adds the reason of regime {@code rule} for {@code fact} anchored at {@code anchor}, if active. */
  private void regime(RuleId rule, Fact fact, Instant anchor, Instant t, Scratch s, List<Reason> reasons) {
    Regime regime = policy.regime(rule);
    report(rule, regime, fact, fact.at(), release(regime, anchor, fact.at(), false, null, s), t, s, reasons);
  }

  /**
   * The release of a regime that began at {@code start}: the first explicit release at or after it, or
   * the automatic one. When {@code gated} (a linked secondary contact), the automatic release also
   * needs {@code linkMet}, the sample time of the close contact's last needed negative test, and comes
   * no earlier than it.
   */
  private Release release(Regime regime, Instant anchor, Instant start, boolean gated, Instant linkMet,
      Scratch s) {
    Instant release = s.releaseAtOrAfter(start);
    int needed = 0;
    boolean awaiting = false;
    if (regime.autoRelease()) {
      Instant minEnd = anchor.plusNanos(regime.minDays() * DAY_NANOS);
      int counted = 0;
      Instant last = null;
      long spacing = regime.testSpacingHours() * 3_600_000_000_000L;
      for (int i = 0; i < s.pcrCount && counted < regime.negativeTests(); i++) {
        Instant sample = s.negativePcr[i];
        if (sample.isAfter(anchor) && (last == null || !sample.isBefore(last.plusNanos(spacing)))) {
          counted++;
          last = sample;
        }
      }
      if (counted >= regime.negativeTests()) {
        if (!gated || linkMet != null) {
          Instant auto = later(later(minEnd, last), linkMet);
          release = release == null || auto.isBefore(release) ? auto : release;
        } else {
          awaiting = release == null;
        }
      } else if (release == null) {
        needed = regime.negativeTests() - counted;
      }
    }
    if (release != null && release.isBefore(start)) {
      release = start;
    }
    return new Release(release, needed, awaiting);
  }

  /** Adds the reason of {@code rule}'s regime at {@code t} given its start and release, if active. */
  private static void report(RuleId rule, Regime regime, Fact fact, Instant start, Release r, Instant t,
      Scratch s, List<Reason> reasons) {
    Instant release = r.at();
    if (release == null || t.isBefore(release)) {
      if (release != null) {
        s.next(release);
      }
      if (regime.colour() != CodeColour.GREEN) {
        reasons.add(new Reason(rule, regime.colour(), fact, start, release, false, r.needed(),
            r.awaitingCloseContact()));
      }
      return;
    }
    Instant end = release.plusNanos(regime.monitoringDays() * DAY_NANOS);
    if (t.isBefore(end)) {
      s.next(end);
      if (regime.monitoringColour() != CodeColour.GREEN) {
        reasons.add(new Reason(rule, regime.monitoringColour(), fact, release, end, true, 0));
      }
    }
  }

  /** The tube a fact names (its result, its pool, its withdrawal), or "" for a fact of no tube. */
  public static String tubeOf(Fact fact) {
    if (fact instanceof TestResult r) {
      return r.tube();
    }
    if (fact instanceof PoolRecalled p) {
      return p.tube();
    }
    if (fact instanceof ResultWithdrawn w) {
      return w.tube();
    }
    return "";
  }

  /**
   * Which of the first {@code count} facts a later fact naming the same tube replaces (a lab's
   * correction); {@code null} when none is, without allocating for a person with no tube facts.
   */
  public static boolean[] replaced(Fact[] facts, int count) {
    boolean[] out = null;
    Map<String, Integer> last = null;
    for (int i = count - 1; i >= 0; i--) {
      String tube = tubeOf(facts[i]);
      if (tube.isEmpty()) {
        continue;
      }
      if (last == null) {
        last = new HashMap<>(4);
      }
      if (last.putIfAbsent(tube, i) != null) {
        if (out == null) {
          out = new boolean[count];
        }
        out[i] = true;
      }
    }
    return out;
  }

  private static Instant earlier(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  /** Per-evaluation working state. */
  private static final class Scratch {
    final Instant[] negativePcr;
    int pcrCount;
    final Instant[] releases;
    int releaseCount;
    Instant lastAccepted;
    /** Sample time of the latest PCR result either way (ends a pool recall sampled before it). */
    Instant lastPcr;
    ZoneMembership zone;
    final Map<String, KeyGroupMembership> groups = new HashMap<>(2);
    Instant nextChange;

    Scratch(int count) {
      negativePcr = new Instant[count];
      releases = new Instant[count];
    }

    void next(Instant candidate) {
      if (nextChange == null || candidate.isBefore(nextChange)) {
        nextChange = candidate;
      }
    }

    Instant releaseAtOrAfter(Instant start) {
      for (int i = 0; i < releaseCount; i++) {
        if (!releases[i].isBefore(start)) {
          return releases[i];
        }
      }
      return null;
    }

    boolean negativeAfter(Instant sample) {
      for (int i = 0; i < pcrCount; i++) {
        if (negativePcr[i].isAfter(sample)) {
          return true;
        }
      }
      return false;
    }
  }
}
