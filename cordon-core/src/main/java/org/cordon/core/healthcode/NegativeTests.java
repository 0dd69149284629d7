package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cordon.core.presence.PersonDictionary;

/**
 * The negative test results of persons who have no other fact: a mass-testing round gives every
 * resident one, and for almost all of them it changes nothing (a negative alone is green under every
 * policy: every rule needs another fact). They are kept here, compactly and without evaluating anyone,
 * until the person gets another fact ({@link #take}: the engine then appends them, in order, before it)
 * or they pass the horizon ({@link #prune}). A later result of the same tube replaces the earlier one (a
 * lab's correction, as {@link HealthCodeRules#replaced} reads a person's facts), and a withdrawal of the
 * tube removes it.
 *
 * <p>Storage: one entry per result in parallel arrays (sample time, tag, tube, method, the person's
 * next entry), a person's entries chained from their head in arrival order; about 30 bytes an entry and
 * the dictionary's 40–72 bytes a person, against a held person's state, fact objects and evaluation.
 * Not thread-safe: the engine calls it under its lock.
 */
final class NegativeTests {
  private static final int NIL = -1;

  private PersonDictionary persons = new PersonDictionary(1024);
  /** Per dense person: first and last entry, or {@link #NIL}. */
  private int[] head = new int[1024];
  private int[] tail = new int[1024];
  private long[] seconds = new long[1024];
  private int[] nanos = new int[1024];
  private long[] tags = new long[1024];
  private String[] tubes = new String[1024];
  private boolean[] antigen = new boolean[1024];
  private int[] next = new int[1024];
  private int entries;
  /** Entries held (not replaced, withdrawn, taken or pruned). */
  private int live;
  /** Tags of entries replaced, withdrawn or pruned since the last {@link #drainReleased}. */
  private long[] released = new long[16];
  private int releasedCount;

  /** Number of results held. */
  int size() {
    return live;
  }

  /** Keeps a negative result of a person without facts; replaces a held result of the same tube. */
  void add(TestResult r, long tag) {
    int known = persons.size();
    int dense = persons.intern(r.personId());
    if (dense == known) {
      if (dense >= head.length) {
        head = Arrays.copyOf(head, head.length * 2);
        tail = Arrays.copyOf(tail, head.length);
      }
      head[dense] = NIL;
      tail[dense] = NIL;
    }
    if (!r.tube().isEmpty()) {
      remove(dense, r.tube());
    }
    if (entries == seconds.length) {
      int n = entries * 2;
      seconds = Arrays.copyOf(seconds, n);
      nanos = Arrays.copyOf(nanos, n);
      tags = Arrays.copyOf(tags, n);
      tubes = Arrays.copyOf(tubes, n);
      antigen = Arrays.copyOf(antigen, n);
      next = Arrays.copyOf(next, n);
    }
    int e = entries++;
    seconds[e] = r.sampledAt().getEpochSecond();
    nanos[e] = r.sampledAt().getNano();
    tags[e] = tag;
    tubes[e] = r.tube();
    antigen[e] = r.method() == TestResult.Method.ANTIGEN;
    next[e] = NIL;
    if (tail[dense] == NIL) {
      head[dense] = e;
    } else {
      next[tail[dense]] = e;
    }
    tail[dense] = e;
    live++;
  }

  /** A withdrawal of {@code tube} for a person without facts: their result of it no longer counts. */
  void withdraw(long personId, String tube, long tag) {
    int dense = persons.find(personId);
    if (dense >= 0) {
      remove(dense, tube);
    }
    release(tag);
  }

  /**
   * Removes and returns the person's results in arrival order (with their tags in {@code tagsOut}), for
   * the engine to append before the person's first other fact; empty if none.
   */
  List<TestResult> take(long personId, List<Long> tagsOut) {
    int dense = persons.find(personId);
    if (dense < 0 || head[dense] == NIL) {
      return List.of();
    }
    List<TestResult> out = new ArrayList<>(4);
    for (int e = head[dense]; e != NIL; e = next[e]) {
      out.add(result(personId, e));
      tagsOut.add(tags[e]);
      live--;
    }
    head[dense] = NIL;
    tail[dense] = NIL;
    return out;
  }

  /** The person's results in arrival order, without removing them (for a linked rule or a restart). */
  List<Fact> view(long personId) {
    int dense = persons.find(personId);
    if (dense < 0 || head[dense] == NIL) {
      return List.of();
    }
    List<Fact> out = new ArrayList<>(4);
    for (int e = head[dense]; e != NIL; e = next[e]) {
      out.add(result(personId, e));
    }
    return out;
  }

  /** The person's latest result sampled at or before {@code now} (PCR only unless {@code acceptAntigen}). */
  TestResult latest(long personId, boolean acceptAntigen, Instant now) {
    int dense = persons.find(personId);
    if (dense < 0) {
      return null;
    }
    int best = NIL;
    for (int e = head[dense]; e != NIL; e = next[e]) {
      if ((acceptAntigen || !antigen[e]) && !instant(e).isAfter(now)
          && (best == NIL || compare(e, best) > 0)) {
        best = e;
      }
    }
    return best == NIL ? null : result(personId, best);
  }

  /**
   * Drops the results sampled before {@code cutoff} (older than the horizon they pass no gate and
   * release nobody: facts still to come look back no further) and compacts the storage.
   *
   * @return the results dropped
   */
  int prune(Instant cutoff) {
    int[] order = new int[live];
    int[] firstOf = new int[persons.size()];
    int[] lastOf = new int[persons.size()];
    int n = 0;
    int dropped = 0;
    int keptPersons = 0;
    for (int p = 0; p < persons.size(); p++) {
      int first = n;
      for (int e = head[p]; e != NIL; e = next[e]) {
        if (seconds[e] < cutoff.getEpochSecond()
            || seconds[e] == cutoff.getEpochSecond() && nanos[e] < cutoff.getNano()) {
          dropped++;
          release(tags[e]);
        } else {
          order[n++] = e;
        }
      }
      firstOf[p] = n > first ? first : NIL;
      lastOf[p] = n - 1;
      keptPersons += n > first ? 1 : 0;
    }
    // sized for what is left: a round past the horizon leaves (almost) nothing behind
    PersonDictionary kept = new PersonDictionary(Math.max(16, keptPersons));
    int[] newHead = new int[Math.max(16, keptPersons)];
    int[] newTail = new int[newHead.length];
    for (int p = 0; p < persons.size(); p++) {
      if (firstOf[p] != NIL) {
        int dense = kept.intern(persons.externalId(p));
        newHead[dense] = firstOf[p];
        newTail[dense] = lastOf[p];
      }
    }
    long[] s = new long[Math.max(16, n)];
    int[] ns = new int[s.length];
    long[] t = new long[s.length];
    String[] tb = new String[s.length];
    boolean[] a = new boolean[s.length];
    int[] nx = new int[s.length];
    for (int i = 0; i < n; i++) {
      int e = order[i];
      s[i] = seconds[e];
      ns[i] = nanos[e];
      t[i] = tags[e];
      tb[i] = tubes[e];
      a[i] = antigen[e];
      nx[i] = i + 1;
    }
    for (int p = 0; p < kept.size(); p++) {
      nx[newTail[p]] = NIL;
    }
    persons = kept;
    head = newHead;
    tail = newTail;
    seconds = s;
    nanos = ns;
    tags = t;
    tubes = tb;
    antigen = a;
    next = nx;
    entries = n;
    live = n;
    return dropped;
  }

  /** The tags of results replaced, withdrawn or pruned since the last call (each once). */
  long[] drainReleased() {
    long[] out = Arrays.stream(released, 0, releasedCount).filter(t -> t != 0).distinct().toArray();
    released = new long[16];
    releasedCount = 0;
    return out;
  }

  /** Marks in {@code found} the candidates (sorted) that a held result carries as its tag. */
  void markHeld(long[] sortedCandidates, boolean[] found) {
    for (int p = 0; p < persons.size(); p++) {
      for (int e = head[p]; e != NIL; e = next[e]) {
        int i = Arrays.binarySearch(sortedCandidates, tags[e]);
        if (i >= 0) {
          found[i] = true;
        }
      }
    }
  }

  private void remove(int dense, String tube) {
    int previous = NIL;
    for (int e = head[dense]; e != NIL; e = next[e]) {
      if (tube.equals(tubes[e])) {
        if (previous == NIL) {
          head[dense] = next[e];
        } else {
          next[previous] = next[e];
        }
        if (tail[dense] == e) {
          tail[dense] = previous;
        }
        release(tags[e]);
        tubes[e] = null;
        live--;
        return;
      }
      previous = e;
    }
  }

  private void release(long tag) {
    if (tag == 0) {
      return;
    }
    if (releasedCount == released.length) {
      released = Arrays.copyOf(released, releasedCount * 2);
    }
    released[releasedCount++] = tag;
  }

  private Instant instant(int e) {
    return Instant.ofEpochSecond(seconds[e], nanos[e]);
  }

  private int compare(int a, int b) {
    int c = Long.compare(seconds[a], seconds[b]);
    return c != 0 ? c : Integer.compare(nanos[a], nanos[b]);
  }

  private TestResult result(long personId, int e) {
    return new TestResult(personId, antigen[e] ? TestResult.Method.ANTIGEN : TestResult.Method.PCR, false,
        instant(e), tubes[e]);
  }
}
