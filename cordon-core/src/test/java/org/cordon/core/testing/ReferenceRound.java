package org.cordon.core.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brute-force reference for {@link SamplingRound}: tubes and samples as plain objects in lists, and every
 * person's state found by joining the person against all samples and tube results, straight from the rules
 * in the {@code SamplingRound} Javadoc. Slow on purpose; for randomized comparison only.
 */
final class ReferenceRound {
  enum Outcome { ACCEPTED, REPEAT, REFUSED }

  static final class RefTube {
    final String barcode;
    final String site;
    final int capacity;
    final List<Long> members = new ArrayList<>();
    boolean closed;
    TubeResult result;

    RefTube(String barcode, String site, int capacity) {
      this.barcode = barcode;
      this.site = site;
      this.capacity = capacity;
    }
  }

  record RefSample(long person, String tube, boolean retest) {
  }

  final Map<Long, Boolean> targeted;   // person -> targeted
  final Set<String> sites;
  final Map<String, RefTube> tubes = new LinkedHashMap<>();
  final List<RefSample> samples = new ArrayList<>();

  ReferenceRound(Map<Long, Boolean> targeted, Set<String> sites) {
    this.targeted = targeted;
    this.sites = sites;
  }

  Outcome open(String barcode, String site, int capacity) {
    if (tubes.containsKey(barcode) || !sites.contains(site)) {
      return Outcome.REFUSED;
    }
    tubes.put(barcode, new RefTube(barcode, site, capacity));
    return Outcome.ACCEPTED;
  }

  Outcome close(String barcode) {
    RefTube t = tubes.get(barcode);
    if (t == null) {
      return Outcome.REFUSED;
    }
    if (t.closed) {
      return Outcome.REPEAT;
    }
    t.closed = true;
    return Outcome.ACCEPTED;
  }

  Outcome register(long person, String barcode, String site) {
    if (!targeted.containsKey(person) || !targeted.get(person) || !sites.contains(site)) {
      return Outcome.REFUSED;
    }
    RefTube t = tubes.get(barcode);
    if (t == null) {
      return Outcome.REFUSED;
    }
    for (RefSample s : samples) {
      if (s.person == person && s.tube.equals(barcode)) {
        return Outcome.REPEAT;
      }
    }
    if (!t.site.equals(site) || t.closed) {
      return Outcome.REFUSED;
    }
    RefSample first = first(person);
    if (first != null) {
      RefSample retest = lastRetest(person);
      boolean recalled = status(person) == PersonTestStatus.RECALL
          && (retest == null || tubes.get(retest.tube).result == TubeResult.INVALID);
      if (!recalled || t.capacity != 1) {
        return Outcome.REFUSED;
      }
    }
    samples.add(new RefSample(person, barcode, first != null));
    t.members.add(person);
    if (t.members.size() == t.capacity) {
      t.closed = true;
    }
    return Outcome.ACCEPTED;
  }

  Outcome result(String barcode, TubeResult result) {
    RefTube t = tubes.get(barcode);
    if (t == null || t.members.isEmpty() || !t.closed) {
      return Outcome.REFUSED;
    }
    if (t.result == result) {
      return Outcome.REPEAT;
    }
    t.result = result;
    return Outcome.ACCEPTED;
  }

  RefSample first(long person) {
    for (RefSample s : samples) {
      if (s.person == person && !s.retest) {
        return s;
      }
    }
    return null;
  }

  RefSample lastRetest(long person) {
    RefSample last = null;
    for (RefSample s : samples) {
      if (s.person == person && s.retest) {
        last = s;
      }
    }
    return last;
  }

  PersonTestStatus status(long person) {
    RefSample retest = lastRetest(person);
    TubeResult retestResult = retest == null ? null : tubes.get(retest.tube).result;
    if (retestResult == TubeResult.POSITIVE) {
      return PersonTestStatus.POSITIVE;
    }
    RefSample first = first(person);
    if (first == null) {
      return PersonTestStatus.NOT_SAMPLED;
    }
    RefTube t = tubes.get(first.tube);
    if (t.result == null) {
      return PersonTestStatus.AWAITING_RESULT;
    }
    if (t.result == TubeResult.NEGATIVE) {
      return PersonTestStatus.NEGATIVE;
    }
    if (t.result == TubeResult.POSITIVE && t.capacity == 1) {
      return PersonTestStatus.POSITIVE;
    }
    return retestResult == TubeResult.NEGATIVE ? PersonTestStatus.NEGATIVE : PersonTestStatus.RECALL;
  }

  /** Recall rows (person, pooled tube, retest tube or null) for the persons in {@code order}. */
  List<List<Object>> recallRows(List<Long> order) {
    List<List<Object>> rows = new ArrayList<>();
    for (long p : order) {
      if (status(p) == PersonTestStatus.RECALL) {
        RefSample retest = lastRetest(p);
        List<Object> row = new ArrayList<>();
        row.add(p);
        row.add(first(p).tube);
        row.add(retest == null ? null : retest.tube);
        rows.add(row);
      }
    }
    return rows;
  }

  /** Coverage counts over the given persons (targeted ones only), brute force. */
  CoverageCounts coverage(List<Long> persons) {
    long targetedN = 0;
    long sampled = 0;
    long resulted = 0;
    long recall = 0;
    long positive = 0;
    Map<Long, PersonTestStatus> cache = new HashMap<>();
    for (long p : persons) {
      if (!targeted.get(p)) {
        continue;
      }
      targetedN++;
      RefSample first = first(p);
      if (first != null) {
        sampled++;
        TubeResult r = tubes.get(first.tube).result;
        if (r == TubeResult.NEGATIVE || r == TubeResult.POSITIVE) {
          resulted++;
        }
      }
      PersonTestStatus s = cache.computeIfAbsent(p, this::status);
      recall += s == PersonTestStatus.RECALL ? 1 : 0;
      positive += s == PersonTestStatus.POSITIVE ? 1 : 0;
    }
    return new CoverageCounts(targetedN, sampled, resulted, targetedN - sampled, recall, positive);
  }
}
