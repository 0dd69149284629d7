package org.cordon.core.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Key-group routine testing (应检尽检): members enrolled with their group and workplace, the tests they
 * take (PCR samples from any round, antigen tests self-reported or recorded by a community worker), and
 * compliance with the group's {@link KeyGroupSchedule} at any moment.
 *
 * <p>Semantics, per member and scheduled method {@code m} with quota {@code n} and window {@code W}: let
 * {@code τ} be the time of the {@code n}-th most recent {@code m} test at or before {@code asOf} (none if
 * fewer), and {@code lapse = max(τ, since) + W} ({@code since + W} without {@code τ}). The quota is met at
 * {@code asOf} iff {@code asOf < lapse}: then the window {@code (asOf − W, asOf]} holds at least {@code n}
 * tests, or the member is still in their first window. A member is overdue when some quota is unmet; they
 * have been overdue continuously since the smallest unmet {@code lapse}. Tests are counted when sampled,
 * whatever their result. Only members' tests are kept (a few per member and day; one small object per
 * member, key groups being a small part of the population).
 *
 * <p>Not thread-safe: guard it, or build one per query.
 */
public final class KeyGroupCompliance {

  private final TestingPolicy policy;
  private final List<KeyGroupMember> members = new ArrayList<>();
  private final Map<Long, long[][]> tests = new HashMap<>();  // person -> per method sorted epoch seconds (+count)

  public KeyGroupCompliance(TestingPolicy policy) {
    this.policy = policy;
  }

  /**
   * Enrols a member.
   *
   * @throws IllegalArgumentException for a group without a schedule in the policy, or the same person twice
   *     in one group
   */
  public void enrol(KeyGroupMember member) {
    if (policy.schedule(member.group()).isEmpty()) {
      throw new IllegalArgumentException("key group " + member.group() + " has no schedule in the testing policy");
    }
    for (KeyGroupMember m : members) {
      if (m.personId() == member.personId() && m.group().equals(member.group())) {
        throw new IllegalArgumentException("person " + member.personId() + " is already in group " + member.group());
      }
    }
    members.add(member);
    tests.computeIfAbsent(member.personId(), k -> new long[TestMethod.values().length][]);
  }

  /**
   * Records a test a person took; ignored (returns false) for a person in no key group.
   */
  public boolean record(long personId, TestMethod method, Instant at) {
    long[][] byMethod = tests.get(personId);
    if (byMethod == null) {
      return false;
    }
    int m = method.ordinal();
    long[] times = byMethod[m];
    // slot 0 holds the count; the times follow, kept sorted (tests arrive nearly in order)
    if (times == null) {
      times = new long[5];
    } else if (times[0] + 1 == times.length) {
      times = Arrays.copyOf(times, times.length * 2);
    }
    int n = (int) times[0];
    long t = at.getEpochSecond();
    int i = n;
    while (i > 0 && times[i] > t) {
      times[i + 1] = times[i];
      i--;
    }
    times[i + 1] = t;
    times[0] = n + 1;
    byMethod[m] = times;
    return true;
  }

  /** Records the PCR samples of a round (first samples and retests) for the members among its persons. */
  public void recordRound(SamplingRound round) {
    round.forEachSample((personId, barcode, at, result) -> record(personId, TestMethod.PCR, at));
  }

  /** The compliance of every membership of a person at {@code asOf} (empty if in no group). */
  public List<PersonCompliance> compliance(long personId, Instant asOf) {
    List<PersonCompliance> out = new ArrayList<>();
    for (KeyGroupMember m : members) {
      if (m.personId() == personId) {
        out.add(evaluate(m, asOf.getEpochSecond()));
      }
    }
    return out;
  }

  /** Compliance per workplace at {@code asOf}, by workplace id (members without one last). */
  public List<WorkplaceCompliance> byWorkplace(Instant asOf) {
    long now = asOf.getEpochSecond();
    Map<String, int[]> counts = new TreeMap<>();
    int[] none = new int[2];
    for (KeyGroupMember m : members) {
      int[] c = m.workplaceId() == null ? none : counts.computeIfAbsent(m.workplaceId(), k -> new int[2]);
      c[0]++;
      if (evaluate(m, now).compliant()) {
        c[1]++;
      }
    }
    List<WorkplaceCompliance> out = new ArrayList<>();
    counts.forEach((w, c) -> out.add(new WorkplaceCompliance(w, c[0], c[1])));
    if (none[0] > 0) {
      out.add(new WorkplaceCompliance(null, none[0], none[1]));
    }
    return out;
  }

  /** The members overdue at {@code asOf}, by person id, with the earliest moment each has been overdue since. */
  public List<OverduePerson> overdue(Instant asOf) {
    long now = asOf.getEpochSecond();
    Map<Long, Instant> since = new TreeMap<>();
    for (KeyGroupMember m : members) {
      PersonCompliance c = evaluate(m, now);
      if (!c.compliant()) {
        since.merge(m.personId(), c.overdueSince(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    List<OverduePerson> out = new ArrayList<>(since.size());
    since.forEach((p, s) -> out.add(new OverduePerson(p, s)));
    return out;
  }

  private PersonCompliance evaluate(KeyGroupMember m, long now) {
    KeyGroupSchedule s = policy.schedule(m.group()).orElseThrow();
    long window = s.windowSeconds();
    long[][] byMethod = tests.get(m.personId());
    Map<TestMethod, Integer> taken = new EnumMap<>(TestMethod.class);
    long overdueSince = Long.MAX_VALUE;
    for (Map.Entry<TestMethod, Integer> q : s.quota().entrySet()) {
      long[] times = byMethod[q.getKey().ordinal()];
      int n = times == null ? 0 : (int) times[0];
      int upTo = n;   // tests at or before now are times[1..upTo]
      while (upTo > 0 && times[upTo] > now) {
        upTo--;
      }
      int inWindow = 0;
      for (int i = upTo; i > 0 && times[i] > now - window; i--) {
        inWindow++;
      }
      taken.put(q.getKey(), inWindow);
      int need = q.getValue();
      long start = upTo >= need ? Math.max(times[upTo - need + 1], m.since().getEpochSecond())
          : m.since().getEpochSecond();
      long lapse = start + window;
      if (lapse <= now) {
        overdueSince = Math.min(overdueSince, lapse);
      }
    }
    boolean compliant = overdueSince == Long.MAX_VALUE;
    return new PersonCompliance(m.personId(), m.group(), m.workplaceId(), compliant, taken, s.quota(),
        compliant ? null : Instant.ofEpochSecond(overdueSince));
  }
}
