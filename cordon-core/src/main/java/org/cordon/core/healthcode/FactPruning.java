package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which of one person's facts can no longer matter, for {@link HealthCodeEngine#prune}: dropping them
 * changes neither the person's code now nor any code later, as long as the facts still to come look back
 * no further than the horizon ({@code cutoff}): their exposures, sample times and since-times are at or
 * after it, and a lab corrects a tube within the horizon of its sample. Dropped are:
 * <ul>
 *   <li>a fact a later fact of its tube replaced (a lab's correction), and every {@link ResultWithdrawn}
 *       in effect (it counts for nothing once the facts it replaced are gone; a later fact of the tube still
 *       replaces nothing that counts);</li>
 *   <li>a {@link ZoneMembership} or {@link KeyGroupMembership} (per group) in effect that is not the
 *       latest: only the latest counts, and a newer one can only beat it;</li>
 *   <li>facts older than the horizon, as a block, when that block alone had settled before it (no
 *       reason and nothing pending: every regime released and its monitoring over, isolations ended,
 *       positives cleared, recalls retested): more facts only release earlier, so it stays settled.
 *       Older than the horizon means before it and before every look-back of a fact kept (a contact's
 *       exposure, a recall's pooled sample), so no kept rule counts a dropped test. When the block has
 *       not settled (an old case never released), it is kept whole. A member of a key group keeps
 *       their latest old negative of each method (the schedule counts from it); anyone else's old
 *       negatives go (older than the horizon, they pass no gate: the horizon covers every key-group
 *       interval).</li>
 * </ul>
 * The latest zone and key-group memberships are kept whatever their age. A regime that is green but
 * monitored in a colour could still be completed by a later test into a coloured monitoring period, so
 * an old block holding one is kept. As a last check the kept facts are evaluated: if their code or next
 * change differs from the person's state in any way, nothing is dropped.
 */
final class FactPruning {
  private FactPruning() {
  }

  /** The outcome for one person: which facts go ({@code null}: none), and whether the check refused. */
  record Decision(boolean[] drop, boolean refused) {
    static final Decision NONE = new Decision(null, false);
  }

  static Decision decide(HealthCodeRules rules, Fact[] facts, int count, Instant t, Instant cutoff,
      CodeColour colour, List<Reason> reasons, Instant due, LinkedFacts linked) {
    boolean[] drop = new boolean[count];
    boolean any = false;
    boolean[] replaced = HealthCodeRules.replaced(facts, count);
    int zoneWinner = -1;
    Map<String, Integer> groupWinner = null;
    for (int i = 0; i < count; i++) {
      Fact f = facts[i];
      // a withdrawal dated ahead stays until then: its time is still a (quiet) next change
      if (replaced != null && replaced[i] || f instanceof ResultWithdrawn && !f.at().isAfter(t)) {
        drop[i] = true;
        any = true;
        continue;
      }
      if (f.at().isAfter(t)) {
        continue;
      }
      if (f instanceof ZoneMembership z) {
        if (zoneWinner < 0 || !z.since().isBefore(facts[zoneWinner].at())) {
          zoneWinner = i;
        }
      } else if (f instanceof KeyGroupMembership g) {
        if (groupWinner == null) {
          groupWinner = new HashMap<>(2);
        }
        Integer prev = groupWinner.get(g.group());
        if (prev == null || !g.since().isBefore(facts[prev].at())) {
          groupWinner.put(g.group(), i);
        }
      }
    }
    boolean[] kept = new boolean[count];
    boolean member = false;
    for (int i = 0; i < count; i++) {
      Fact f = facts[i];
      if (drop[i]) {
        continue;
      }
      boolean inEffect = !f.at().isAfter(t);
      if (f instanceof ZoneMembership && inEffect && i != zoneWinner) {
        drop[i] = true;
        any = true;
      } else if (f instanceof KeyGroupMembership g && inEffect && i != groupWinner.get(g.group())) {
        drop[i] = true;
        any = true;
      } else if (f instanceof ZoneMembership || f instanceof KeyGroupMembership || !f.at().isBefore(cutoff)) {
        kept[i] = true;
        member |= f instanceof KeyGroupMembership k && k.member();
      }
    }
    // the horizon reaches back to the earliest look-back of a kept fact, and so on
    Instant horizon = cutoff;
    for (boolean grew = true; grew;) {
      grew = false;
      for (int i = 0; i < count; i++) {
        if (kept[i] && readsBack(facts[i])) {
          Instant back = lookBack(facts[i]);
          if (back.isBefore(horizon)) {
            horizon = back;
          }
        }
      }
      for (int i = 0; i < count; i++) {
        if (!drop[i] && !kept[i] && !facts[i].at().isBefore(horizon)) {
          kept[i] = true;
          grew = true;
        }
      }
    }
    int oldCount = 0;
    for (int i = 0; i < count; i++) {
      if (!drop[i] && !kept[i]) {
        oldCount++;
      }
    }
    if (oldCount > 0 && oldBlockSettled(rules, facts, count, drop, kept, oldCount, horizon, linked)) {
      int latestPcr = -1;
      int latestAntigen = -1;
      for (int i = 0; i < count; i++) {
        if (drop[i] || kept[i]) {
          continue;
        }
        if (member && facts[i] instanceof TestResult r && !r.positive()) {
          if (r.method() == TestResult.Method.PCR) {
            latestPcr = latestPcr < 0 || !r.sampledAt().isBefore(facts[latestPcr].at()) ? i : latestPcr;
          } else {
            latestAntigen = latestAntigen < 0 || !r.sampledAt().isBefore(facts[latestAntigen].at()) ? i
                : latestAntigen;
          }
        }
      }
      for (int i = 0; i < count; i++) {
        if (!drop[i] && !kept[i] && i != latestPcr && i != latestAntigen) {
          drop[i] = true;
          any = true;
        }
      }
    }
    if (!any) {
      return Decision.NONE;
    }
    Fact[] left = new Fact[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (!drop[i]) {
        left[n++] = facts[i];
      }
    }
    Evaluation e = rules.evaluate(left, n, t, linked);
    if (e.colour() != colour || !e.reasons().equals(reasons) || !Objects.equals(e.nextChange(), due)) {
      return new Decision(null, true);
    }
    return new Decision(drop, false);
  }

  /** Whether the old block (neither dropped nor kept), alone, had settled at {@code horizon}. */
  private static boolean oldBlockSettled(HealthCodeRules rules, Fact[] facts, int count, boolean[] drop,
      boolean[] kept, int oldCount, Instant horizon, LinkedFacts linked) {
    Fact[] old = new Fact[oldCount];
    int n = 0;
    boolean onlyNegatives = true;
    for (int i = 0; i < count; i++) {
      if (drop[i] || kept[i]) {
        continue;
      }
      Fact f = facts[i];
      old[n++] = f;
      if (!(f instanceof TestResult r && !r.positive())) {
        onlyNegatives = false;
      }
      Regime regime = regimeOf(rules.policy(), f);
      if (regime != null && regime.colour() == CodeColour.GREEN && regime.monitoringColour() != CodeColour.GREEN) {
        return false;
      }
    }
    if (onlyNegatives) {
      return true;
    }
    Evaluation e = rules.evaluate(old, n, horizon, linked);
    return e.reasons().isEmpty() && e.nextChange() == null;
  }

  private static Regime regimeOf(HealthCodePolicy policy, Fact f) {
    if (f instanceof CaseConfirmed) {
      return policy.regime(RuleId.CASE);
    }
    if (f instanceof ContactTraced c) {
      return policy.regime(HealthCodeRules.ruleOf(c.category()));
    }
    if (f instanceof ArrivalRecorded a) {
      return policy.regime(HealthCodeRules.ruleOf(a.risk()));
    }
    return null;
  }

  /**
   * Whether a rule of {@code f} reads other facts from a time on (tests after an exposure, a release
   * after an isolation's start, a retest after a pooled sample): negatives, zones and key groups read
   * nothing back (a key group reads only the latest negative, which its member keeps).
   */
  private static boolean readsBack(Fact f) {
    return !(f instanceof TestResult r && !r.positive()) && !(f instanceof ZoneMembership)
        && !(f instanceof KeyGroupMembership);
  }

  /** The earliest instant a rule of {@code f} reads other facts from. */
  static Instant lookBack(Fact f) {
    if (f instanceof ContactTraced c) {
      return c.exposure();
    }
    if (f instanceof PoolRecalled p) {
      return p.pooledAt();
    }
    return f.at();
  }
}
