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
 * <p>Semantics, per member with window {@code W}: a member is compliant at {@code t} when
 * {@code t < since + W} (their first window, a grace period) or the window {@code (t − W, t]} holds at least
 * the quota of each method; otherwise overdue.
 * "Overdue since" is the end of the last compliant stretch before {@code asOf}: the member has been overdue
 * without a break from then on. Such an end is always {@code since + W} or some test's time + W, so it is
 * found among those candidates (O(tests · methods · log tests) per member). Tests are counted when sampled,
 * whatever their result. Only members' tests are kept (a few per member and day; one small object per
 * member, key groups being a small part of the population).
 *
 * <p>Not thread-safe: guard it, or build one per query.
 */
public final class KeyGroupCompliance {

  private final TestingPolicy policy;
  private final List<KeyGroupMember> members = new ArrayList<>();
  // the memberships of each person, so enrolling and a person's compliance do not scan every member
  private final Map<Long, List<KeyGroupMember>> byPerson = new HashMap<>();
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
    List<KeyGroupMember> mine = byPerson.computeIfAbsent(member.personId(), k -> new ArrayList<>(1));
    for (KeyGroupMember m : mine) {
      if (m.group().equals(member.group())) {
        throw new IllegalArgumentException("person " + member.personId() + " is already in group " + member.group());
      }
    }
    mine.add(member);
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
    for (KeyGroupMember m : byPerson.getOrDefault(personId, List.of())) {
      out.add(evaluate(m, asOf.getEpochSecond()));
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
    long[][] byMethod = tests.get(m.personId());
    long window = s.windowSeconds();
    long graceEnd = m.since().getEpochSecond() + window;
    Map<TestMethod, Integer> taken = new EnumMap<>(TestMethod.class);
    for (TestMethod method : s.quota().keySet()) {
      taken.put(method, count(byMethod[method.ordinal()], now - window, now));
    }
    if (compliant(s, byMethod, graceEnd, now)) {
      return new PersonCompliance(m.personId(), m.group(), m.workplaceId(), true, taken, s.quota(), null);
    }
    // the compliant times form half-open intervals ending at since + W or at some test + W: the last
    // such end at or before now whose previous second was compliant is when the member fell overdue
    long since = graceEnd;
    for (TestMethod method : s.quota().keySet()) {
      long[] times = byMethod[method.ordinal()];
      int n = times == null ? 0 : (int) times[0];
      for (int i = n; i >= 1; i--) {
        long end = times[i] + window;
        if (end <= since) {
          break;   // sorted: earlier tests end earlier
        }
        if (end <= now && compliant(s, byMethod, graceEnd, end - 1)) {
          since = end;
          break;
        }
      }
    }
    return new PersonCompliance(m.personId(), m.group(), m.workplaceId(), false, taken, s.quota(),
        Instant.ofEpochSecond(since));
  }

  /** Whether every quota is met in the window ending at {@code t}, or {@code t} is in the first window. */
  private static boolean compliant(KeyGroupSchedule s, long[][] byMethod, long graceEnd, long t) {
    if (t < graceEnd) {
      return true;
    }
    for (Map.Entry<TestMethod, Integer> q : s.quota().entrySet()) {
      if (count(byMethod[q.getKey().ordinal()], t - s.windowSeconds(), t) < q.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Tests in {@code (from, to]}; {@code times[0]} is the count, {@code times[1..]} the sorted times. */
  private static int count(long[] times, long from, long to) {
    if (times == null) {
      return 0;
    }
    int n = (int) times[0];
    return upperBound(times, n, to) - upperBound(times, n, from);
  }

  /** Number of times {@code <= t}. */
  private static int upperBound(long[] times, int n, long t) {
    int lo = 1;
    int hi = n + 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }
}
