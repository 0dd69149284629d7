package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.cordon.core.presence.PersonDictionary;

/**
 * Every person's health code, kept current as facts arrive and time passes.
 *
 * <p>State: only persons with at least one fact are held (a dense number from a
 * {@link PersonDictionary}, then their facts, colour, reasons and next due time in small per-person
 * records); everybody else is GREEN with no reason under any policy, because every rule needs a fact.
 * So 5,000,000 residents cost nothing until they have facts. A negative test result (or a lab's
 * withdrawal) of a person without facts changes nothing either: it is kept aside, unevaluated, in
 * {@link NegativeTests} and appended before the person's first other fact, so a mass-testing round of
 * the whole city is a few bytes a resident instead of a held person each.
 *
 * <p>Events: {@link #apply} appends facts and re-evaluates only their persons, at the engine's clock.
 * Time: {@link #advanceTo} moves the clock forward and re-evaluates exactly the persons whose next
 * change time ({@link Evaluation#nextChange()}) has come, from a min-heap of due times, earliest first,
 * each at its own due instant (so a change is stamped when it really happened, e.g. midnight) — never a
 * scan of everybody. {@link #reevaluateAll} swaps the policy and re-evaluates every person with facts
 * in parallel. Every change goes to the sink and is returned, with its cause. {@link #prune} drops the
 * facts that can no longer matter (and the persons left with none), so memory follows the facts in
 * effect, not every test ever taken.
 *
 * <p>Links: a secondary contact's rules read its close contact's facts ({@link LinkedFacts}, see
 * {@link HealthCodeRules}), so the engine keeps, per close contact, the secondary contacts linked to it
 * (from their {@link ContactTraced} facts, whatever the policy) and re-evaluates them with every fact
 * applied to the close contact; such a change's cause is that fact (about another person).
 *
 * <p>Invariant (checked by the randomized test against a brute-force evaluator): after any sequence of
 * these calls, each person's colour and reasons equal {@link HealthCodeRules#evaluate} of all the
 * person's facts at {@link #now()}, with the facts of all persons as the linked facts.
 *
 * <p>Threads: one writer at a time (write methods take a write lock); {@link #code}, {@link #colour} and
 * the other readers take a read lock and may run from any number of threads.
 */
public final class HealthCodeEngine {
  private static final long NONE = Long.MAX_VALUE;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private PersonDictionary persons;
  private final CodeChangeSink sink;
  private final TimerQueue timers = new TimerQueue();
  private PersonState[] states;
  private HealthCodeRules rules;
  private Instant now;
  /** Close contact's person id → dense ids of the secondary contacts linked to it (slot 0: count). */
  private final Map<Long, int[]> dependents = new HashMap<>();
  /** Other persons' facts for the rules; read under the engine's lock (no copy). */
  private final LinkedFacts linked = this::factsOf;
  /** Negative results of persons without facts, held aside unevaluated ({@link NegativeTests}). */
  private final NegativeTests negatives = new NegativeTests();

  /** One person with facts. */
  private static final class PersonState {
    final long personId;
    Fact[] facts = new Fact[2];
    /** The caller's tag of each fact (e.g. its row id), {@code null} while every tag is 0. */
    long[] tags;
    int count;
    CodeColour colour = CodeColour.GREEN;
    List<Reason> reasons = List.of();
    Instant since;
    Instant due;

    PersonState(long personId) {
      this.personId = personId;
    }
  }

  /**
   * @param policy the active policy
   * @param start the engine's clock at start
   * @param sink receives every change
   * @param expectedPersons persons with facts to size for (grows beyond)
   */
  public HealthCodeEngine(HealthCodePolicy policy, Instant start, CodeChangeSink sink, int expectedPersons) {
    this.rules = new HealthCodeRules(Objects.requireNonNull(policy));
    this.now = Objects.requireNonNull(start);
    this.sink = Objects.requireNonNull(sink);
    this.persons = new PersonDictionary(Math.max(16, expectedPersons));
    this.states = new PersonState[Math.max(16, expectedPersons)];
  }

  public HealthCodeEngine(HealthCodePolicy policy, Instant start, CodeChangeSink sink) {
    this(policy, start, sink, 1024);
  }

  /** The engine's clock: the last {@link #advanceTo} time. */
  public Instant now() {
    lock.readLock().lock();
    try {
      return now;
    } finally {
      lock.readLock().unlock();
    }
  }

  public HealthCodePolicy policy() {
    lock.readLock().lock();
    try {
      return rules.policy();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Number of persons with at least one fact. */
  public int personsWithFacts() {
    lock.readLock().lock();
    try {
      return persons.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Applies one fact; see {@link #apply(Collection)}. */
  public List<CodeChange> apply(Fact fact) {
    return apply(List.of(fact));
  }

  /**
   * Appends the facts (in order) and re-evaluates each affected person at {@link #now()}. A fact dated
   * after the clock takes effect when {@link #advanceTo} reaches it. Cost: one evaluation of the
   * person per fact, O(log n) for the timer.
   *
   * @return the changes, in order, each caused by the fact that made it
   */
  public List<CodeChange> apply(Collection<? extends Fact> facts) {
    return apply(facts, null);
  }

  /**
   * {@link #apply(Collection)} with a tag for each fact (the caller's, e.g. its row id in a store; 0 for
   * none), which {@link #prune} hands back for every fact it drops.
   *
   * @param tags one per fact, in order, or {@code null} for none
   */
  public List<CodeChange> apply(Collection<? extends Fact> facts, long[] tags) {
    if (tags != null && tags.length != facts.size()) {
      throw new IllegalArgumentException(facts.size() + " facts but " + tags.length + " tags");
    }
    List<CodeChange> changes = new ArrayList<>();
    lock.writeLock().lock();
    try {
      int k = 0;
      for (Fact f : facts) {
        long tag = tags == null ? 0 : tags[k++];
        if (keptAside(Objects.requireNonNull(f, "fact"), tag)) {
          continue;
        }
        PersonState st = stateOf(f);
        append(st, f, tag);
        int dense = persons.find(st.personId);
        link(f, dense);
        ChangeCause cause = new ChangeCause.FactApplied(f);
        update(dense, st, rules.evaluate(st.facts, st.count, now, linked), cause, now, changes);
        // (no secondary contacts: no lookup, so restoring millions of persons boxes no ids)
        int[] linkedTo = dependents.isEmpty() ? null : dependents.get(st.personId);
        for (int i = 1; linkedTo != null && i <= linkedTo[0]; i++) {
          int d = linkedTo[i];
          if (d != dense) {
            update(d, states[d], rules.evaluate(states[d].facts, states[d].count, now, linked), cause, now, changes);
          }
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
    return changes;
  }

  /**
   * Appends many facts at once (e.g. restoring the engine from the store at start-up) and evaluates each
   * affected person once, in parallel, at {@link #now()}: the end state is the same as {@link #apply}
   * of the facts in order, without the intermediate changes. Each change's cause is the person's last
   * fact of the batch (a secondary contact without facts in it: its close contact's last).
   */
  public List<CodeChange> load(Collection<? extends Fact> facts) {
    List<CodeChange> changes = new ArrayList<>();
    lock.writeLock().lock();
    try {
      BitSet touched = new BitSet();
      for (Fact f : facts) {
        if (keptAside(Objects.requireNonNull(f, "fact"), 0)) {
          continue;
        }
        PersonState st = stateOf(f);
        append(st, f, 0);
        int dense = persons.find(st.personId);
        link(f, dense);
        touched.set(dense);
      }
      // secondary contacts of touched persons, caused by their close contact's last fact of the batch
      Map<Integer, Fact> linkedCause = new HashMap<>();
      BitSet direct = dependents.isEmpty() ? new BitSet() : (BitSet) touched.clone();
      for (int p = direct.nextSetBit(0); p >= 0; p = direct.nextSetBit(p + 1)) {
        int[] linkedTo = dependents.get(states[p].personId);
        for (int i = 1; linkedTo != null && i <= linkedTo[0]; i++) {
          if (!direct.get(linkedTo[i])) {
            touched.set(linkedTo[i]);
            linkedCause.putIfAbsent(linkedTo[i], states[p].facts[states[p].count - 1]);
          }
        }
      }
      int[] dense = touched.stream().toArray();
      PersonState[] s = states;
      Instant at = now;
      Evaluation[] results = new Evaluation[dense.length];
      HealthCodeRules r = rules;
      IntStream.range(0, dense.length).parallel()
          .forEach(i -> results[i] = r.evaluate(s[dense[i]].facts, s[dense[i]].count, at, linked));
      for (int i = 0; i < dense.length; i++) {
        PersonState st = s[dense[i]];
        Fact cause = linkedCause.getOrDefault(dense[i], st.facts[st.count - 1]);
        update(dense[i], st, results[i], new ChangeCause.FactApplied(cause), at, changes);
      }
    } finally {
      lock.writeLock().unlock();
    }
    return changes;
  }

  /**
   * Moves the clock to {@code t}, firing every due time up to and including it in time order; each
   * affected person is re-evaluated at its due instant and the change stamped with it.
   *
   * @throws IllegalArgumentException if {@code t} is before {@link #now()}
   */
  public List<CodeChange> advanceTo(Instant t) {
    List<CodeChange> changes = new ArrayList<>();
    lock.writeLock().lock();
    try {
      if (t.isBefore(now)) {
        throw new IllegalArgumentException("time goes forward only: " + t + " is before " + now);
      }
      long limit = TimerQueue.nanos(t);
      while (!timers.isEmpty() && timers.peekTime() <= limit) {
        long time = timers.peekTime();
        int dense = timers.peekPerson();
        timers.pop();
        PersonState st = states[dense];
        if (st.due == null || TimerQueue.nanos(st.due) != time) {
          continue;
        }
        Instant due = st.due;
        now = due;
        update(dense, st, rules.evaluate(st.facts, st.count, due, linked), new ChangeCause.TimePassed(due), due,
            changes);
      }
      now = t;
      if (timers.size() > 2 * persons.size() + 4096) {
        rebuildTimers();
      }
    } finally {
      lock.writeLock().unlock();
    }
    return changes;
  }

  /**
   * Replaces the policy and re-evaluates every person with facts at {@link #now()}, in parallel (common
   * fork-join pool); changes are delivered in dense-person order, caused by the policy change.
   */
  public List<CodeChange> reevaluateAll(HealthCodePolicy policy) {
    List<CodeChange> changes = new ArrayList<>();
    lock.writeLock().lock();
    try {
      String from = rules.policy().id();
      HealthCodeRules next = new HealthCodeRules(policy);
      int n = persons.size();
      PersonState[] s = states;
      Instant at = now;
      Evaluation[] results = new Evaluation[n];
      IntStream.range(0, n).parallel()
          .forEach(p -> results[p] = next.evaluate(s[p].facts, s[p].count, at, linked));
      rules = next;
      ChangeCause cause = new ChangeCause.PolicyChanged(from, policy.id());
      for (int p = 0; p < n; p++) {
        PersonState st = s[p];
        Evaluation e = results[p];
        st.due = null;
        record(st, e, cause, at, changes);
        st.due = e.nextChange();
      }
      rebuildTimers();
    } finally {
      lock.writeLock().unlock();
    }
    return changes;
  }

  /**
   * What {@link #prune} dropped.
   *
   * @param facts facts dropped
   * @param persons persons left with no fact (now held no more: green, as anyone without facts)
   * @param refused persons whose drop the final check refused (their kept facts would not have given
   *     the same code and next change; expected 0)
   * @param tags the non-zero tags of the facts dropped (the caller's rows to archive)
   * @param negatives negative results of persons without facts dropped (past the horizon)
   * @param released the distinct non-zero tags of such results dropped, replaced or withdrawn since
   *     the last pass: the caller's rows to archive unless another fact still carries the tag (a row
   *     may stand for a whole pool: see {@link #retained})
   */
  public record Pruned(int facts, int persons, int refused, long[] tags, int negatives, long[] released) {
  }

  /** {@link #prune(java.time.Duration)} with the active policy's {@link HealthCodePolicy#lookBack()}. */
  public Pruned prune() {
    return prune(policy().lookBack());
  }

  /**
   * Drops the facts that can no longer matter at {@link #now()} with facts still to come looking back
   * at most {@code lookBack} (see {@code FactPruning}): lab results a correction replaced, withdrawals,
   * superseded zone and key-group memberships, and older facts whose effect had ended before the
   * horizon. A person left with none is no longer held. No code, reason or next change differs
   * afterwards (the randomized test holds the pruned engine against the reference over every fact).
   * Decisions are made in parallel under the read lock (codes stay readable meanwhile), the drops under
   * the write lock, skipping a person who got a fact in between; a pass that meets a moved clock or
   * policy drops nothing.
   */
  public Pruned prune(java.time.Duration lookBack) {
    // decided under the read lock (codes stay readable: a pass over 5M persons takes seconds), carried
    // out under the write lock for the persons whose facts did not change in between
    Instant t;
    PersonDictionary dictionary;
    PersonState[] s;
    HealthCodeRules r;
    int[] counts;
    FactPruning.Decision[] decisions;
    lock.readLock().lock();
    try {
      t = now;
      Instant cutoff = t.minus(lookBack);
      dictionary = persons;
      int n = persons.size();
      PersonState[] held = states;
      HealthCodeRules rulesNow = rules;
      FactPruning.Decision[] decided = new FactPruning.Decision[n];
      counts = new int[n];
      // a close contact that secondary contacts still read keeps its facts: the pruning's check looks
      // at one person's own code, and their release hangs on its first tests
      BitSet read = new BitSet(n);
      for (Long source : dependents.keySet()) {
        int dense = persons.find(source);
        if (dense >= 0) {
          read.set(dense);
        }
      }
      IntStream.range(0, n).parallel().forEach(p -> {
        counts[p] = held[p].count;
        decided[p] = read.get(p) ? FactPruning.Decision.NONE : FactPruning.decide(rulesNow, held[p].facts,
            held[p].count, t, cutoff, held[p].colour, held[p].reasons, held[p].due, linked);
      });
      s = held;
      r = rulesNow;
      decisions = decided;
    } finally {
      lock.readLock().unlock();
    }
    lock.writeLock().lock();
    try {
      int negativesDropped = negatives.prune(t.minus(lookBack));
      if (!now.equals(t) || rules != r || persons != dictionary) {
        // the clock, the policy or the persons moved meanwhile: the next pass decides again
        return new Pruned(0, 0, 0, new long[0], negativesDropped, negatives.drainReleased());
      }
      int n = counts.length;
      int facts = 0;
      int refused = 0;
      int emptied = 0;
      long[] tags = new long[16];
      int tagCount = 0;
      for (int p = 0; p < n; p++) {
        FactPruning.Decision d = decisions[p];
        decisions[p] = null;
        if (d.refused()) {
          refused++;
        }
        if (d.drop() == null || s[p].count != counts[p]) {
          continue;
        }
        PersonState st = s[p];
        int kept = 0;
        for (int i = 0; i < st.count; i++) {
          if (d.drop()[i]) {
            facts++;
            long tag = st.tags == null ? 0 : st.tags[i];
            if (tag != 0) {
              if (tagCount == tags.length) {
                tags = Arrays.copyOf(tags, tagCount * 2);
              }
              tags[tagCount++] = tag;
            }
            continue;
          }
          st.facts[kept] = st.facts[i];
          if (st.tags != null) {
            st.tags[kept] = st.tags[i];
          }
          kept++;
        }
        Arrays.fill(st.facts, kept, st.count, null);
        st.count = kept;
        if (kept == 0) {
          emptied++;
        } else if (kept < st.facts.length / 2) {
          st.facts = Arrays.copyOf(st.facts, Math.max(2, kept));
          st.tags = st.tags == null ? null : Arrays.copyOf(st.tags, st.facts.length);
        }
      }
      if (emptied > 0) {
        forgetEmptied();
      }
      if (facts > 0) {
        relink();
      }
      return new Pruned(facts, emptied, refused, Arrays.copyOf(tags, tagCount), negativesDropped,
          negatives.drainReleased());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Renumbers the persons still holding facts (in their order) and rebuilds the timers. */
  private void forgetEmptied() {
    int n = persons.size();
    int left = 0;
    for (int p = 0; p < n; p++) {
      if (states[p].count > 0) {
        left++;
      }
    }
    PersonDictionary dictionary = new PersonDictionary(Math.max(16, left));
    PersonState[] compact = new PersonState[Math.max(16, left)];
    for (int p = 0; p < n; p++) {
      if (states[p].count > 0) {
        compact[dictionary.intern(states[p].personId)] = states[p];
      }
    }
    persons = dictionary;
    states = compact;
    rebuildTimers();
  }

  /**
   * Which of {@code candidates} a fact still held carries as its tag (a caller whose row stands for
   * many facts, e.g. a pool's result for each member, archives it only when none is left).
   *
   * @return the candidates still held, sorted, each once
   */
  public long[] retained(long[] candidates) {
    long[] sorted = Arrays.stream(candidates).sorted().distinct().toArray();
    boolean[] found = new boolean[sorted.length];
    lock.readLock().lock();
    try {
      for (int p = 0; p < persons.size(); p++) {
        PersonState st = states[p];
        for (int i = 0; st.tags != null && i < st.count; i++) {
          int at = Arrays.binarySearch(sorted, st.tags[i]);
          if (at >= 0) {
            found[at] = true;
          }
        }
      }
      negatives.markHeld(sorted, found);
    } finally {
      lock.readLock().unlock();
    }
    return IntStream.range(0, sorted.length).filter(i -> found[i]).mapToLong(i -> sorted[i]).toArray();
  }

  /** Negative results held aside for persons without facts ({@link NegativeTests}). */
  public int negativesAside() {
    lock.readLock().lock();
    try {
      return negatives.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The current colour of {@code personId} (GREEN for a person without facts). */
  public CodeColour colour(long personId) {
    lock.readLock().lock();
    try {
      int dense = persons.find(personId);
      return dense < 0 ? CodeColour.GREEN : states[dense].colour;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The current code of {@code personId}, with {@link HealthCode#until()} found by evaluating forward
   * through the person's next change times (at most 64 steps).
   */
  public HealthCode code(long personId) {
    lock.readLock().lock();
    try {
      int dense = persons.find(personId);
      if (dense < 0) {
        return new HealthCode(personId, CodeColour.GREEN, List.of(), null, null, rules.policy().id());
      }
      PersonState st = states[dense];
      Instant until = null;
      Instant next = st.due;
      for (int i = 0; i < 64 && next != null; i++) {
        Evaluation e = rules.evaluate(st.facts, st.count, next, linked);
        if (e.colour() != st.colour) {
          until = next;
          break;
        }
        next = e.nextChange();
      }
      return new HealthCode(personId, st.colour, st.reasons, st.since, until, rules.policy().id());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The facts applied for {@code personId}, in order (empty for an unknown person). */
  public List<Fact> facts(long personId) {
    lock.readLock().lock();
    try {
      int dense = persons.find(personId);
      return dense < 0 ? negatives.view(personId)
          : List.of(Arrays.copyOf(states[dense].facts, states[dense].count));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The latest negative test of {@code personId} sampled at or before {@link #now()} (PCR only unless
   * {@code acceptAntigen}), for "no negative test, no work" gates; empty if none. A result a later
   * fact of the same tube replaced (a lab's correction) does not count.
   */
  public java.util.Optional<TestResult> lastNegativeTest(long personId, boolean acceptAntigen) {
    lock.readLock().lock();
    try {
      int dense = persons.find(personId);
      TestResult best = null;
      if (dense >= 0) {
        PersonState st = states[dense];
        // a result the lab corrected or withdrew does not count
        boolean[] replaced = HealthCodeRules.replaced(st.facts, st.count);
        for (int i = 0; i < st.count; i++) {
          if (replaced != null && replaced[i]) {
            continue;
          }
          if (st.facts[i] instanceof TestResult r && !r.positive() && !r.sampledAt().isAfter(now)
              && (acceptAntigen || r.method() == TestResult.Method.PCR)
              && (best == null || r.sampledAt().isAfter(best.sampledAt()))) {
            best = r;
          }
        }
      } else {
        best = negatives.latest(personId, acceptAntigen, now);
      }
      return java.util.Optional.ofNullable(best);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Calls {@code visitor} with every person who has facts and their current colour (read lock held). */
  public void forEachPersonWithFacts(PersonColourVisitor visitor) {
    lock.readLock().lock();
    try {
      for (int p = 0; p < persons.size(); p++) {
        visitor.visit(states[p].personId, states[p].colour);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** See {@link #forEachPersonWithFacts}. */
  @FunctionalInterface
  public interface PersonColourVisitor {
    void visit(long personId, CodeColour colour);
  }

  /** The facts of {@code personId} as a view (no copy), for a linked rule; the caller holds the lock. */
  private List<Fact> factsOf(long personId) {
    int dense = persons.find(personId);
    return dense < 0 ? negatives.view(personId) : Arrays.asList(states[dense].facts).subList(0, states[dense].count);
  }

  /**
   * Rebuilds the secondary contacts' links from the facts held, after a prune dropped facts (a link
   * whose fact is gone) or renumbered the persons (the links hold dense ids).
   */
  private void relink() {
    dependents.clear();
    int n = persons.size();
    for (int p = 0; p < n; p++) {
      PersonState st = states[p];
      for (int i = 0; i < st.count; i++) {
        link(st.facts[i], p);
      }
    }
  }

  /** Records that the secondary contact {@code dense} of a {@link ContactTraced} reads its close contact. */
  private void link(Fact f, int dense) {
    if (!(f instanceof ContactTraced c) || c.category() != org.cordon.core.tracing.ContactCategory.SECONDARY) {
      return;
    }
    int[] list = dependents.get(c.sourcePersonId());
    if (list == null) {
      list = new int[3];
    }
    for (int i = 1; i <= list[0]; i++) {
      if (list[i] == dense) {
        return;
      }
    }
    if (list[0] + 1 == list.length) {
      list = Arrays.copyOf(list, list.length * 2);
    }
    list[++list[0]] = dense;
    dependents.put(c.sourcePersonId(), list);
  }

  /**
   * Keeps {@code f} aside if it is a negative result or a withdrawal of a person with no facts whom no
   * secondary contact reads ({@link NegativeTests}): nothing to evaluate.
   */
  private boolean keptAside(Fact f, long tag) {
    if (!(f instanceof TestResult r && !r.positive()) && !(f instanceof ResultWithdrawn)
        || persons.find(f.personId()) >= 0 || !dependents.isEmpty() && dependents.containsKey(f.personId())) {
      return false;
    }
    if (f instanceof ResultWithdrawn w) {
      negatives.withdraw(w.personId(), w.tube(), tag);
    } else {
      negatives.add((TestResult) f, tag);
    }
    return true;
  }

  /** The person's state; a new one starts with the negative results kept aside for the person. */
  private PersonState stateOf(Fact f) {
    int dense = persons.intern(f.personId());
    if (dense == states.length) {
      states = Arrays.copyOf(states, states.length * 2);
    }
    if (states[dense] == null) {
      PersonState st = new PersonState(f.personId());
      states[dense] = st;
      List<Long> tagsAside = new ArrayList<>(4);
      List<TestResult> aside = negatives.take(f.personId(), tagsAside);
      for (int i = 0; i < aside.size(); i++) {
        append(st, aside.get(i), tagsAside.get(i));
      }
    }
    return states[dense];
  }

  private static void append(PersonState st, Fact f, long tag) {
    if (st.count == st.facts.length) {
      st.facts = Arrays.copyOf(st.facts, st.count * 2);
      if (st.tags != null) {
        st.tags = Arrays.copyOf(st.tags, st.facts.length);
      }
    }
    if (tag != 0 && st.tags == null) {
      st.tags = new long[st.facts.length];
    }
    if (st.tags != null) {
      st.tags[st.count] = tag;
    }
    st.facts[st.count++] = f;
  }

  private void update(int dense, PersonState st, Evaluation e, ChangeCause cause, Instant at,
      List<CodeChange> changes) {
    record(st, e, cause, at, changes);
    Instant due = e.nextChange();
    if (due != null && !due.equals(st.due)) {
      timers.push(TimerQueue.nanos(due), dense);
    }
    st.due = due;
  }

  private void record(PersonState st, Evaluation e, ChangeCause cause, Instant at, List<CodeChange> changes) {
    if (e.colour() == st.colour && e.reasons().equals(st.reasons)) {
      return;
    }
    CodeChange change = new CodeChange(st.personId, st.colour, e.colour(), e.reasons(), cause, at);
    if (e.colour() != st.colour) {
      st.since = at;
    }
    st.colour = e.colour();
    st.reasons = e.reasons();
    changes.add(change);
    sink.accept(change);
  }

  private void rebuildTimers() {
    int n = persons.size();
    long[] due = new long[n];
    for (int p = 0; p < n; p++) {
      due[p] = states[p].due == null ? NONE : TimerQueue.nanos(states[p].due);
    }
    timers.rebuild(due, n);
  }
}
