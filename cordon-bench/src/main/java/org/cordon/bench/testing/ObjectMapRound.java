package org.cordon.bench.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.testing.TubeResult;

/**
 * The baseline of {@link MassTestingBench}: the same round as a typical service would first write it —
 * a HashMap of sample objects per person, a HashMap of tube objects with boxed member lists, the recall
 * list as a join of samples against tube results, coverage by grouping persons in a HashMap. The same
 * checks as {@code SamplingRound} (unknown person, not targeted, unknown tube, wrong site, full, sampled
 * twice), so the figures compare like with like.
 */
final class ObjectMapRound {
  record Sample(long person, String tube, String site, Instant at) {
  }

  static final class TubeObject {
    final String site;
    final int capacity;
    final List<Long> persons = new ArrayList<>();
    boolean closed;
    TubeResult result;
    Instant resultAt;

    TubeObject(String site, int capacity) {
      this.site = site;
      this.capacity = capacity;
    }
  }

  record RecallRow(long person, DivisionCode community, String tube) {
  }

  private final Map<Long, DivisionCode> homes;
  private final Set<Long> targeted;
  private final Map<String, TubeObject> tubes = new HashMap<>();
  private final Map<Long, Sample> samples = new HashMap<>();

  ObjectMapRound(Map<Long, DivisionCode> homes, Set<Long> targeted) {
    this.homes = homes;
    this.targeted = targeted;
  }

  void openTube(String barcode, String site, int capacity) {
    if (tubes.putIfAbsent(barcode, new TubeObject(site, capacity)) != null) {
      throw new IllegalArgumentException("tube exists " + barcode);
    }
  }

  boolean register(long person, String barcode, String site, Instant at) {
    if (!homes.containsKey(person)) {
      throw new IllegalArgumentException("unknown person " + person);
    }
    if (!targeted.contains(person)) {
      throw new IllegalArgumentException("not targeted " + person);
    }
    TubeObject t = tubes.get(barcode);
    if (t == null) {
      throw new IllegalArgumentException("unknown tube " + barcode);
    }
    Sample previous = samples.get(person);
    if (previous != null) {
      if (previous.tube().equals(barcode)) {
        return false;
      }
      throw new IllegalArgumentException("already sampled " + person);
    }
    if (!t.site.equals(site) || t.closed) {
      throw new IllegalArgumentException("wrong site or closed tube " + barcode);
    }
    samples.put(person, new Sample(person, barcode, site, at));
    t.persons.add(person);
    if (t.persons.size() == t.capacity) {
      t.closed = true;
    }
    return true;
  }

  void applyResult(String barcode, TubeResult result, Instant at) {
    TubeObject t = tubes.get(barcode);
    if (t == null || t.persons.isEmpty() || !t.closed) {
      throw new IllegalArgumentException("bad tube " + barcode);
    }
    t.result = result;
    t.resultAt = at;
  }

  /** The join: every sample against its tube's result. */
  List<RecallRow> recallList() {
    List<RecallRow> out = new ArrayList<>();
    for (Sample s : samples.values()) {
      TubeObject t = tubes.get(s.tube());
      if (t.capacity > 1 && (t.result == TubeResult.POSITIVE || t.result == TubeResult.INVALID)) {
        out.add(new RecallRow(s.person(), homes.get(s.person()), s.tube()));
      }
    }
    out.sort((a, b) -> a.community().compareTo(b.community()) != 0 ? a.community().compareTo(b.community())
        : Long.compare(a.person(), b.person()));
    return out;
  }

  /** Targeted, sampled, resulted per community. */
  Map<DivisionCode, long[]> coverageByCommunity() {
    Map<DivisionCode, long[]> out = new HashMap<>();
    for (Long person : targeted) {
      long[] c = out.computeIfAbsent(homes.get(person), k -> new long[3]);
      c[0]++;
      Sample s = samples.get(person);
      if (s != null) {
        c[1]++;
        TubeResult r = tubes.get(s.tube()).result;
        if (r == TubeResult.NEGATIVE || r == TubeResult.POSITIVE) {
          c[2]++;
        }
      }
    }
    return out;
  }
}
