package org.cordon.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.place.DivisionCode;

/**
 * The sampling registry of one campaign round: tubes opened at sites, persons sampled into them, lab
 * receipt, results with corrections, and the state of every targeted person, in primitive arrays (about
 * 17 bytes a person and 40 a tube plus 4 a pool slot; no object per person or per sample).
 *
 * <p>Workflow: the collector {@linkplain #openTube opens} a tube at a site (scans its barcode), then each
 * person is {@linkplain #register registered} into it (person code + tube); the tube closes when it holds
 * its pool size or when the collector {@linkplain #closeTube closes} it. The lab {@linkplain #receiveTube
 * receives} it (which closes it too) and {@linkplain #applyResult reports} a result:
 * <ul>
 *   <li>negative: every person in it is cleared;</li>
 *   <li>positive, pooled (pool size above 1, 混管阳性): every person in it becomes {@link PersonTestStatus#RECALL}
 *       at once and stays on the {@linkplain #recallList() recall list} until a single-tube retest has a result;</li>
 *   <li>positive, single tube (first sample or retest): the person is {@link PersonTestStatus#POSITIVE}, a case;</li>
 *   <li>invalid: every person in it is recalled for a new sample.</li>
 * </ul>
 * A recalled person may be registered once more in the same round, into a tube of pool size 1 (again after an
 * invalid retest), also after the campaign's end: tubes of pool size 1 may be opened then for that. Results are
 * idempotent per tube; a different result for the same tube supersedes the
 * current one and keeps it in the tube's history, and the persons' states follow the current results.
 *
 * <p>Every refusal is a {@link SampleRejectedException} or {@link ResultRejectedException} with a
 * {@link RejectReason}, thrown before anything changes; the batch methods apply all their items or none.
 * Times are kept to the second. Every public method is {@code synchronized}: one writer at a time, readers
 * see a consistent round.
 */
public final class SamplingRound {

  private static final byte NOT_SAMPLED = (byte) PersonTestStatus.NOT_SAMPLED.ordinal();
  private static final byte AWAITING = (byte) PersonTestStatus.AWAITING_RESULT.ordinal();
  private static final byte NEGATIVE = (byte) PersonTestStatus.NEGATIVE.ordinal();
  private static final byte RECALL = (byte) PersonTestStatus.RECALL.ordinal();
  private static final byte POSITIVE = (byte) PersonTestStatus.POSITIVE.ordinal();
  private static final byte R_NEGATIVE = (byte) TubeResult.NEGATIVE.ordinal();
  private static final byte R_POSITIVE = (byte) TubeResult.POSITIVE.ordinal();
  private static final byte R_INVALID = (byte) TubeResult.INVALID.ordinal();
  private static final int NONE = TubeTable.NONE;

  private final Campaign campaign;
  private final TestingPopulation population;
  private final long epochSecond;
  private final BitSet targeted;
  private final int targetedCount;
  private final Map<String, Integer> siteNumbers = new HashMap<>();
  private final List<String> sources = new ArrayList<>();
  private final Map<String, Integer> sourceNumbers = new HashMap<>();
  private final Map<Integer, List<TubeResultRecord>> superseded = new HashMap<>();

  private final int[] personTube;
  private final int[] sampledAt;
  private final int[] retestTube;
  private final int[] retestAt;
  private final byte[] status;
  private final TubeTable tubes = new TubeTable();
  private int samples;

  /**
   * A round of {@code campaign} over {@code population}; resolves the target population once.
   *
   * @throws IllegalArgumentException when the target names a division not in the population's tree
   */
  public SamplingRound(Campaign campaign, TestingPopulation population) {
    this.campaign = campaign;
    this.population = population;
    this.epochSecond = campaign.start().getEpochSecond();
    this.targeted = TargetResolver.resolve(campaign.target(), population);
    this.targetedCount = targeted.cardinality();
    for (int s = 0; s < campaign.sites().size(); s++) {
      siteNumbers.put(campaign.sites().get(s).siteId(), s);
    }
    int n = population.size();
    personTube = new int[n];
    sampledAt = new int[n];
    retestTube = new int[n];
    retestAt = new int[n];
    status = new byte[n];
    Arrays.fill(personTube, -1);
    Arrays.fill(retestTube, -1);
  }

  /** The campaign of this round. */
  public Campaign campaign() {
    return campaign;
  }

  /** The population this round runs over. */
  public TestingPopulation population() {
    return population;
  }

  /** Number of persons the campaign targets. */
  public int targetedCount() {
    return targetedCount;
  }

  /** Whether the person is targeted (false for an unknown person). */
  public boolean isTargeted(long personId) {
    int p = population.index(personId);
    return p >= 0 && targeted.get(p);
  }

  /** Whether the person at population index {@code p} is targeted. */
  boolean isTargetedIndex(int p) {
    return targeted.get(p);
  }

  // ---------------------------------------------------------------- tubes

  /** Opens a tube with the campaign's pool size; see {@link #openTube(String, String, int, Instant)}. */
  public synchronized void openTube(String barcode, String siteId, Instant at) {
    openTube(barcode, siteId, campaign.poolSize(), at);
  }

  /**
   * Opens a tube at a site (the collector scans its barcode before the first person).
   *
   * @param capacity the tube's pool size, 1..{@link Campaign#MAX_POOL_SIZE} (1 for recall retests)
   * @throws SampleRejectedException {@code BAD_VALUE}, {@code TUBE_EXISTS}, {@code UNKNOWN_SITE},
   *     {@code BAD_POOL_SIZE}, {@code BAD_TIME} (outside the campaign), {@code SITE_CLOSED}
   */
  public synchronized void openTube(String barcode, String siteId, int capacity, Instant at) {
    requireBarcode(barcode);
    if (at == null) {
      throw rejected(RejectReason.BAD_VALUE, "tube " + barcode + ": time is missing");
    }
    if (tubes.find(barcode) >= 0) {
      throw rejected(RejectReason.TUBE_EXISTS, "tube " + barcode + " is already open in this round");
    }
    int s = site(siteId);
    if (capacity < 1 || capacity > Campaign.MAX_POOL_SIZE) {
      throw rejected(RejectReason.BAD_POOL_SIZE,
          "tube " + barcode + ": pool size must be 1.." + Campaign.MAX_POOL_SIZE + ", got " + capacity);
    }
    requireSamplingTime("tube " + barcode, s, at, capacity == 1);
    tubes.open(barcode, s, capacity, seconds(at));
  }

  /**
   * Closes a tube by the collector (also fine before it is full, or empty: an empty tube never gets a
   * result). Closing a closed tube changes nothing.
   *
   * @return whether the tube was open
   * @throws SampleRejectedException {@code UNKNOWN_TUBE}, {@code BAD_VALUE}, {@code BAD_TIME} (before opening)
   */
  public synchronized boolean closeTube(String barcode, Instant at) {
    int t = tube(barcode, false);
    if (at == null) {
      throw rejected(RejectReason.BAD_VALUE, "tube " + barcode + ": time is missing");
    }
    if (tubes.isClosed(t)) {
      return false;
    }
    int sec = seconds(at);
    if (sec < tubes.openedAt[t] || (tubes.firstSampleAt[t] != NONE && sec < tubes.firstSampleAt[t])) {
      throw rejected(RejectReason.BAD_TIME, "tube " + barcode + " cannot close before it was opened or sampled");
    }
    tubes.closedAt[t] = sec;
    return true;
  }

  /**
   * Records the lab's receipt of a tube (the first receipt counts; a repeat changes nothing). Closes the
   * tube if still open: it has left the site.
   *
   * @return whether this was the first receipt
   * @throws SampleRejectedException {@code UNKNOWN_TUBE}, {@code TUBE_NOT_SAMPLED}, {@code BAD_VALUE},
   *     {@code BAD_TIME} (before its first sample)
   */
  public synchronized boolean receiveTube(String barcode, Instant at) {
    int t = tube(barcode, false);
    if (at == null) {
      throw rejected(RejectReason.BAD_VALUE, "tube " + barcode + ": time is missing");
    }
    if (tubes.count[t] == 0) {
      throw rejected(RejectReason.TUBE_NOT_SAMPLED, "tube " + barcode + " holds no sample");
    }
    if (tubes.receivedAt[t] != NONE) {
      return false;
    }
    int sec = seconds(at);
    if (sec < tubes.firstSampleAt[t]) {
      throw rejected(RejectReason.BAD_TIME, "tube " + barcode + " cannot reach the lab before it was sampled");
    }
    tubes.receivedAt[t] = sec;
    if (!tubes.isClosed(t)) {
      tubes.closedAt[t] = sec;
    }
    return true;
  }

  // ---------------------------------------------------------------- samples

  /**
   * Registers a person's sample into an open tube at a site. Sending the same person and tube again changes
   * nothing (a re-sent scan). A recalled person may be registered once more, into a tube of pool size 1.
   * The tube closes when this sample fills it.
   *
   * @return true if registered, false if it was a repeat of a registered sample
   * @throws SampleRejectedException with reason {@code UNKNOWN_PERSON}, {@code NOT_TARGETED},
   *     {@code UNKNOWN_SITE}, {@code UNKNOWN_TUBE}, {@code WRONG_SITE}, {@code BAD_TIME}, {@code SITE_CLOSED},
   *     {@code TUBE_FULL}, {@code TUBE_CLOSED}, {@code ALREADY_SAMPLED}, {@code RETEST_NOT_SINGLE},
   *     {@code BAD_VALUE}
   */
  public synchronized boolean register(long personId, String tubeBarcode, String siteId, Instant at) {
    long plan = check(personId, tubeBarcode, siteId, at);
    if (plan < 0) {
      return false;
    }
    apply(plan, at, false);
    return true;
  }

  /**
   * Registers a batch of samples: all of them, or (on the first refused item) none.
   *
   * @return the number registered (repeats of registered samples are skipped)
   * @throws SampleRejectedException naming the refused item ({@link TestingInputException#item()})
   */
  public synchronized int registerAll(List<SampleScan> scans) {
    List<Undo> undo = new ArrayList<>();
    for (int i = 0; i < scans.size(); i++) {
      SampleScan s = scans.get(i);
      long plan;
      try {
        if (s == null) {
          throw rejected(RejectReason.BAD_VALUE, "sample is missing");
        }
        plan = check(s.personId(), s.tubeBarcode(), s.siteId(), s.at());
      } catch (SampleRejectedException e) {
        for (int u = undo.size() - 1; u >= 0; u--) {
          undo.get(u).revert();
        }
        throw e.at(i);
      }
      if (plan >= 0) {
        undo.add(apply(plan, s.at(), true));
      }
    }
    return undo.size();
  }

  /** Validates a sample; returns -1 for a repeat, else (retest flag, tube, person) packed. */
  private long check(long personId, String barcode, String siteId, Instant at) {
    int p = population.index(personId);
    if (p < 0) {
      throw rejected(RejectReason.UNKNOWN_PERSON, "unknown person " + personId);
    }
    if (!targeted.get(p)) {
      throw rejected(RejectReason.NOT_TARGETED,
          "person " + personId + " is not in the target population of campaign " + campaign.campaignId());
    }
    int s = site(siteId);
    int t = tube(barcode, true);
    if (at == null) {
      throw rejected(RejectReason.BAD_VALUE, "sample of person " + personId + ": time is missing");
    }
    if (personTube[p] == t || retestTube[p] == t) {
      return -1;
    }
    if (tubes.site[t] != s) {
      throw rejected(RejectReason.WRONG_SITE, "tube " + barcode + " was opened at site "
          + campaign.sites().get(tubes.site[t]).siteId() + ", not " + siteId);
    }
    boolean retest = personTube[p] >= 0;
    requireSamplingTime("sample of person " + personId, s, at, retest);
    if (seconds(at) < tubes.openedAt[t]) {
      throw rejected(RejectReason.BAD_TIME, "sample of person " + personId + " is dated before tube "
          + barcode + " was opened");
    }
    if (tubes.isClosed(t)) {
      boolean full = tubes.count[t] == tubes.capacity[t];
      throw rejected(full ? RejectReason.TUBE_FULL : RejectReason.TUBE_CLOSED, "tube " + barcode
          + (full ? " already holds its " + tubes.capacity[t] + " samples" : " is closed"));
    }
    if (retest) {
      boolean recalled = status[p] == RECALL
          && (retestTube[p] < 0 || tubes.result[retestTube[p]] == R_INVALID);
      if (!recalled) {
        throw rejected(RejectReason.ALREADY_SAMPLED, "person " + personId + " was already sampled in this round"
            + " (tube " + tubes.barcode(retestTube[p] >= 0 ? retestTube[p] : personTube[p]) + ")");
      }
      if (tubes.capacity[t] != 1) {
        throw rejected(RejectReason.RETEST_NOT_SINGLE, "recalled person " + personId
            + " must be retested in a single tube, tube " + barcode + " pools " + tubes.capacity[t]);
      }
    }
    return ((retest ? 1L : 0L) << 62) | ((long) t << 31) | p;
  }

  /** Applies a checked sample; returns how to revert it when {@code undoable}, else {@code null}. */
  private Undo apply(long plan, Instant at, boolean undoable) {
    boolean retest = (plan >>> 62) != 0;
    int t = (int) ((plan >>> 31) & 0x7FFF_FFFF);
    int p = (int) (plan & 0x7FFF_FFFF);
    int sec = seconds(at);
    Undo u = undoable
        ? new Undo(p, t, retest, retestTube[p], retestAt[p], tubes.firstSampleAt[t], status[p]) : null;
    if (retest) {
      retestTube[p] = t;
      retestAt[p] = sec;
    } else {
      personTube[p] = t;
      sampledAt[p] = sec;
      status[p] = AWAITING;
    }
    if (tubes.add(t, p, sec)) {
      tubes.closedAt[t] = sec;
      if (u != null) {
        u.closedByThis = true;
      }
    }
    samples++;
    return u;
  }

  /** What one applied sample changed, to revert a refused batch. */
  private final class Undo {
    final int p;
    final int t;
    final boolean retest;
    final int previousRetestTube;
    final int previousRetestAt;
    final int previousFirstSample;
    final byte previousStatus;
    boolean closedByThis;

    Undo(int p, int t, boolean retest, int previousRetestTube, int previousRetestAt, int previousFirstSample,
        byte previousStatus) {
      this.p = p;
      this.t = t;
      this.retest = retest;
      this.previousRetestTube = previousRetestTube;
      this.previousRetestAt = previousRetestAt;
      this.previousFirstSample = previousFirstSample;
      this.previousStatus = previousStatus;
    }

    void revert() {
      if (closedByThis) {
        tubes.closedAt[t] = NONE;
      }
      tubes.removeLast(t, previousFirstSample);
      if (retest) {
        retestTube[p] = previousRetestTube;
        retestAt[p] = previousRetestAt;
      } else {
        personTube[p] = -1;
        sampledAt[p] = 0;
      }
      status[p] = previousStatus;
      samples--;
    }
  }

  // ---------------------------------------------------------------- results

  /**
   * Applies a lab result to a tube. The same result again changes nothing; a different one supersedes the
   * current result (kept in the tube's history) and the persons' states follow.
   *
   * @param source who reports it (lab id, upload id), or {@code null}
   * @return which persons were recalled, became cases or were cleared by it
   * @throws ResultRejectedException {@code UNKNOWN_TUBE}, {@code TUBE_NOT_SAMPLED}, {@code TUBE_OPEN},
   *     {@code BAD_TIME} (before the tube's first sample), {@code BAD_VALUE}
   */
  public synchronized ResultApplied applyResult(String tubeBarcode, TubeResult result, Instant at, String source) {
    int t = checkResult(tubeBarcode, result, at);
    return applyChecked(t, result, at, source);
  }

  /**
   * Applies a batch of results in order: all of them, or none when one is refused.
   *
   * @throws ResultRejectedException naming the refused item
   */
  public synchronized List<ResultApplied> applyResults(List<TubeResultReport> reports) {
    int[] t = new int[reports.size()];
    for (int i = 0; i < t.length; i++) {
      TubeResultReport r = reports.get(i);
      try {
        if (r == null) {
          throw new ResultRejectedException(RejectReason.BAD_VALUE, "result is missing");
        }
        t[i] = checkResult(r.tubeBarcode(), r.result(), r.at());
      } catch (ResultRejectedException e) {
        throw e.at(i);
      }
    }
    List<ResultApplied> out = new ArrayList<>(t.length);
    for (int i = 0; i < t.length; i++) {
      TubeResultReport r = reports.get(i);
      out.add(applyChecked(t[i], r.result(), r.at(), r.source()));
    }
    return out;
  }

  // the checks depend only on the tube's samples and closing, which results never change
  private int checkResult(String barcode, TubeResult result, Instant at) {
    if (barcode == null || barcode.isEmpty()) {
      throw new ResultRejectedException(RejectReason.BAD_VALUE, "tube barcode is missing");
    }
    int t = tubes.find(barcode);
    if (t < 0) {
      throw new ResultRejectedException(RejectReason.UNKNOWN_TUBE, "unknown tube " + barcode + " in this round");
    }
    if (result == null || at == null) {
      throw new ResultRejectedException(RejectReason.BAD_VALUE, "tube " + barcode + ": result and time are required");
    }
    if (tubes.count[t] == 0) {
      throw new ResultRejectedException(RejectReason.TUBE_NOT_SAMPLED, "tube " + barcode + " was never sampled");
    }
    if (!tubes.isClosed(t)) {
      throw new ResultRejectedException(RejectReason.TUBE_OPEN,
          "tube " + barcode + " is still open at its site (not closed, not received by a lab)");
    }
    long sec = at.getEpochSecond() - epochSecond;
    if (sec < tubes.firstSampleAt[t] || sec > Integer.MAX_VALUE) {
      throw new ResultRejectedException(RejectReason.BAD_TIME,
          "result for tube " + barcode + " is dated before its first sample");
    }
    return t;
  }

  private ResultApplied applyChecked(int t, TubeResult result, Instant at, String source) {
    byte code = (byte) result.ordinal();
    byte previous = tubes.result[t];
    String barcode = tubes.barcode(t);
    if (previous == code) {
      return new ResultApplied(barcode, result, result, false, List.of(), List.of(), List.of());
    }
    if (previous != TubeTable.NO_RESULT) {
      superseded.computeIfAbsent(t, k -> new ArrayList<>(2)).add(currentRecord(t));
    }
    int sec = seconds(at);
    tubes.result[t] = code;
    tubes.resultAt[t] = sec;
    if (tubes.firstResultAt[t] == NONE) {
      tubes.firstResultAt[t] = sec;
    }
    tubes.resultSource[t] = source == null ? -1 : sourceNumber(source);
    // most tubes are negative and change nobody's list: the lists are made only when needed
    List<Long> recalled = List.of();
    List<Long> cases = List.of();
    List<Long> cleared = List.of();
    for (int i = 0; i < tubes.count[t]; i++) {
      int p = tubes.member(t, i);
      byte before = status[p];
      byte now = derive(p);
      status[p] = now;
      if (now == before) {
        continue;
      }
      long id = population.personId(p);
      if (now == RECALL) {
        recalled = append(recalled, id);
      } else if (now == POSITIVE) {
        cases = append(cases, id);
      } else if (now == NEGATIVE && (before == RECALL || before == POSITIVE)) {
        cleared = append(cleared, id);
      }
    }
    return new ResultApplied(barcode, result, TubeTable.resultOf(previous), true, recalled, cases, cleared);
  }

  private static List<Long> append(List<Long> list, long id) {
    List<Long> out = list.isEmpty() ? new ArrayList<>() : list;
    out.add(id);
    return out;
  }

  /** A person's state from the current results of their tubes. */
  private byte derive(int p) {
    int rt = retestTube[p];
    byte retestResult = rt < 0 ? TubeTable.NO_RESULT : tubes.result[rt];
    if (retestResult == R_POSITIVE) {
      return POSITIVE;
    }
    int t = personTube[p];
    if (t < 0) {
      return NOT_SAMPLED;
    }
    byte r = tubes.result[t];
    if (r == TubeTable.NO_RESULT) {
      return AWAITING;
    }
    if (r == R_NEGATIVE) {
      return NEGATIVE;
    }
    if (r == R_POSITIVE && tubes.capacity[t] == 1) {
      return POSITIVE;
    }
    return retestResult == R_NEGATIVE ? NEGATIVE : RECALL;
  }

  private TubeResultRecord currentRecord(int t) {
    int src = tubes.resultSource[t];
    return new TubeResultRecord(TubeTable.resultOf(tubes.result[t]), instant(tubes.resultAt[t]),
        src < 0 ? null : sources.get(src));
  }

  private int sourceNumber(String source) {
    return sourceNumbers.computeIfAbsent(source, s -> {
      sources.add(s);
      return sources.size() - 1;
    });
  }

  // ---------------------------------------------------------------- queries

  /**
   * A person's state in this round.
   *
   * @throws IllegalArgumentException for an unknown person
   */
  public synchronized PersonTestStatus status(long personId) {
    int p = population.index(personId);
    if (p < 0) {
      throw new IllegalArgumentException("unknown person " + personId);
    }
    return PersonTestStatus.values()[status[p]];
  }

  /**
   * The barcode of the tube that holds a person's first sample ({@code retest} false) or recall retest
   * ({@code retest} true) in this round; {@code null} when there is none, or for a person not in the
   * population. O(1), no allocation: a server checks each row of an upload against it.
   */
  public synchronized String sampleTube(long personId, boolean retest) {
    int p = population.index(personId);
    if (p < 0) {
      return null;
    }
    int t = retest ? retestTube[p] : personTube[p];
    return t < 0 ? null : tubes.barcode(t);
  }

  /** Whether the round has a tube with this barcode (no snapshot made: {@link #tube} copies its members). */
  public synchronized boolean hasTube(String barcode) {
    return barcode != null && tubes.find(barcode) >= 0;
  }

  /** A snapshot of a tube, or {@code null} for an unknown barcode. */
  public synchronized Tube tube(String barcode) {
    int t = barcode == null ? -1 : tubes.find(barcode);
    if (t < 0) {
      return null;
    }
    List<Long> persons = new ArrayList<>(tubes.count[t]);
    for (int i = 0; i < tubes.count[t]; i++) {
      persons.add(population.personId(tubes.member(t, i)));
    }
    List<TubeResultRecord> history = new ArrayList<>(superseded.getOrDefault(t, List.of()));
    TubeResultRecord current = tubes.result[t] == TubeTable.NO_RESULT ? null : currentRecord(t);
    if (current != null) {
      history.add(current);
    }
    return new Tube(barcode, campaign.sites().get(tubes.site[t]).siteId(), tubes.capacity[t], persons,
        instant(tubes.openedAt[t]), instant(tubes.firstSampleAt[t]), instant(tubes.closedAt[t]),
        instant(tubes.receivedAt[t]), current, history);
  }

  /** Number of tubes opened. */
  public synchronized int tubeCount() {
    return tubes.size();
  }

  /** Number of samples registered (first samples and retests). */
  public synchronized int sampleCount() {
    return samples;
  }

  /**
   * The recall list: every person now {@link PersonTestStatus#RECALL}, ordered by community, then person
   * id. One pass over the persons: O(n).
   */
  public synchronized List<Recall> recallList() {
    List<Recall> out = new ArrayList<>();
    for (int h = 0; h < population.homeCount(); h++) {
      DivisionCode home = population.home(h);
      for (int p = population.homeStart(h); p < population.homeEnd(h); p++) {
        if (status[p] != RECALL) {
          continue;
        }
        int t = personTube[p];
        int rt = retestTube[p];
        out.add(new Recall(population.personId(p), home, tubes.barcode(t),
            tubes.result[t] == R_POSITIVE ? RecallReason.POOL_POSITIVE : RecallReason.TUBE_INVALID,
            instant(tubes.resultAt[t]), rt < 0 ? null : tubes.barcode(rt)));
      }
    }
    return out;
  }

  /** The persons now {@link PersonTestStatus#POSITIVE}, ordered by community, then person id. */
  public synchronized List<PositiveFinding> positives() {
    List<PositiveFinding> out = new ArrayList<>();
    for (int h = 0; h < population.homeCount(); h++) {
      for (int p = population.homeStart(h); p < population.homeEnd(h); p++) {
        if (status[p] == POSITIVE) {
          int rt = retestTube[p];
          int t = rt >= 0 && tubes.result[rt] == R_POSITIVE ? rt : personTube[p];
          out.add(new PositiveFinding(population.personId(p), population.home(h), tubes.barcode(t),
              instant(tubes.resultAt[t])));
        }
      }
    }
    return out;
  }

  /**
   * The targeted persons of {@code division} (any level) not sampled yet — the missed list (不漏一人) —
   * ordered by community, then person id.
   */
  public synchronized long[] missed(DivisionCode division) {
    int[] r = population.range(division);
    long[] out = new long[r[1] - r[0]];
    int n = 0;
    for (int p = r[0]; p < r[1]; p++) {
      if (targeted.get(p) && personTube[p] < 0) {
        out[n++] = population.personId(p);
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The missed persons of every community in {@code division} that has any, by community code. */
  public synchronized Map<DivisionCode, long[]> missedByCommunity(DivisionCode division) {
    Map<DivisionCode, long[]> out = new LinkedHashMap<>();
    for (int h = 0; h < population.homeCount(); h++) {
      DivisionCode home = population.home(h);
      if (!division.contains(home)) {
        continue;
      }
      long[] m = missed(home);
      if (m.length > 0) {
        out.put(home, m);
      }
    }
    return out;
  }

  /**
   * Coverage now: targeted, sampled, resulted, missed, recalled and positive persons per division (every
   * level) and grid cell. One pass over the persons, O(n + divisions).
   */
  public synchronized CoverageReport coverage() {
    int homes = population.homeCount();
    int cells = population.cellCount();
    int[][] byHome = new int[CoverageCounts.FIELDS][homes];
    int[][] byCell = new int[CoverageCounts.FIELDS][cells];
    for (int h = 0; h < homes; h++) {
      int end = population.homeEnd(h);
      for (int p = targeted.nextSetBit(population.homeStart(h)); p >= 0 && p < end; p = targeted.nextSetBit(p + 1)) {
        int c = population.cellOf(p);
        count(byHome, h, p);
        if (c >= 0) {
          count(byCell, c, p);
        }
      }
    }
    return new CoverageReport(population, byHome, byCell);
  }

  private void count(int[][] counts, int k, int p) {
    counts[0][k]++;
    int t = personTube[p];
    if (t >= 0) {
      counts[1][k]++;
      byte r = tubes.result[t];
      if (r == R_NEGATIVE || r == R_POSITIVE) {
        counts[2][k]++;
      }
    }
    byte s = status[p];
    if (s == RECALL) {
      counts[3][k]++;
    } else if (s == POSITIVE) {
      counts[4][k]++;
    }
  }

  /**
   * Tubes whose turnaround, from first sample to first result (or to {@code asOf} while without a result),
   * exceeds {@code limit}; in tube order.
   */
  public synchronized List<TurnaroundAlarm> turnaroundAlarms(Instant asOf, Duration limit) {
    long now = asOf.getEpochSecond() - epochSecond;
    long limitSec = limit.getSeconds();
    List<TurnaroundAlarm> out = new ArrayList<>();
    for (int t = 0; t < tubes.size(); t++) {
      int first = tubes.firstSampleAt[t];
      if (first == NONE) {
        continue;
      }
      long end = tubes.firstResultAt[t] != NONE ? tubes.firstResultAt[t] : now;
      if (end - first > limitSec) {
        out.add(new TurnaroundAlarm(tubes.barcode(t), campaign.sites().get(tubes.site[t]).siteId(),
            instant(first), instant(tubes.receivedAt[t]), instant(tubes.firstResultAt[t]),
            Duration.ofSeconds(end - first), Duration.ofSeconds(end - first - limitSec)));
      }
    }
    return out;
  }

  /** The lab board's figures at {@code asOf}, with the turnaround {@code limit} of the policy. O(tubes). */
  public synchronized TurnaroundSummary turnaroundSummary(Instant asOf, Duration limit) {
    long now = asOf.getEpochSecond() - epochSecond;
    int[] durations = new int[tubes.size()];
    int sampled = 0;
    int awaiting = 0;
    int inLab = 0;
    int resulted = 0;
    int over = 0;
    for (int t = 0; t < tubes.size(); t++) {
      int first = tubes.firstSampleAt[t];
      if (first == NONE) {
        continue;
      }
      sampled++;
      long end;
      if (tubes.firstResultAt[t] != NONE) {
        end = tubes.firstResultAt[t];
        durations[resulted++] = (int) (end - first);
      } else {
        end = now;
        if (tubes.receivedAt[t] != NONE) {
          inLab++;
        } else {
          awaiting++;
        }
      }
      if (end - first > limit.getSeconds()) {
        over++;
      }
    }
    Arrays.sort(durations, 0, resulted);
    return new TurnaroundSummary(sampled, awaiting, inLab, resulted, quantile(durations, resulted, 0.5),
        quantile(durations, resulted, 0.9), quantile(durations, resulted, 1.0), over);
  }

  private static Duration quantile(int[] sorted, int n, double q) {
    return n == 0 ? null : Duration.ofSeconds(sorted[Math.min(n - 1, (int) Math.ceil(q * n) - 1 < 0 ? 0
        : (int) Math.ceil(q * n) - 1)]);
  }

  /**
   * Visits every registered sample (first samples and retests) in tube order: for key-group compliance
   * and exports.
   */
  public synchronized void forEachSample(SampleVisitor visitor) {
    for (int t = 0; t < tubes.size(); t++) {
      visitTube(t, visitor);
    }
  }

  /**
   * Visits the samples in one tube (in registration order), with their times to the second as the round
   * keeps them: for a lab result's members without asking the tables.
   *
   * @return how many samples the tube holds, or -1 for an unknown barcode
   */
  public synchronized int forEachSampleIn(String barcode, SampleVisitor visitor) {
    int t = barcode == null ? -1 : tubes.find(barcode);
    if (t < 0) {
      return -1;
    }
    visitTube(t, visitor);
    return tubes.count[t];
  }

  private void visitTube(int t, SampleVisitor visitor) {
    for (int i = 0; i < tubes.count[t]; i++) {
      int p = tubes.member(t, i);
      int sec = personTube[p] == t ? sampledAt[p] : retestTube[p] == t ? retestAt[p] : tubes.firstSampleAt[t];
      visitor.sample(population.personId(p), tubes.barcode(t), instant(sec), TubeTable.resultOf(tubes.result[t]));
    }
  }

  /** Receives the samples of {@link #forEachSample}. */
  @FunctionalInterface
  public interface SampleVisitor {
    /**
     * One sample.
     *
     * @param result the tube's current result, or {@code null} while it has none
     */
    void sample(long personId, String tubeBarcode, Instant sampledAt, TubeResult result);
  }

  // ---------------------------------------------------------------- helpers

  private int site(String siteId) {
    Integer s = siteId == null ? null : siteNumbers.get(siteId);
    if (s == null) {
      throw rejected(RejectReason.UNKNOWN_SITE,
          "unknown site " + siteId + " in campaign " + campaign.campaignId());
    }
    return s;
  }

  private int tube(String barcode, boolean forSample) {
    requireBarcode(barcode);
    int t = tubes.find(barcode);
    if (t < 0) {
      throw rejected(RejectReason.UNKNOWN_TUBE, "unknown tube " + barcode
          + (forSample ? " (open it at the site first)" : "") + " in this round");
    }
    return t;
  }

  private static void requireBarcode(String barcode) {
    if (barcode == null || barcode.isBlank()) {
      throw rejected(RejectReason.BAD_VALUE, "tube barcode is missing");
    }
  }

  /** Samples are taken between the campaign's start and end; recall retests (single tubes) also after its end. */
  private void requireSamplingTime(String what, int s, Instant at, boolean retestAllowed) {
    boolean inTime = retestAllowed ? !at.isBefore(campaign.start()) : campaign.isRunning(at);
    if (!inTime) {
      throw rejected(RejectReason.BAD_TIME, what + " at " + at + " is outside campaign "
          + campaign.campaignId() + " (" + campaign.start() + " to " + campaign.end() + ")");
    }
    SamplingSite site = campaign.sites().get(s);
    if (!site.isOpen(at)) {
      throw rejected(RejectReason.SITE_CLOSED, what + ": site " + site.siteId() + " is closed at " + at
          + " (open " + site.hours() + ")");
    }
  }

  private int seconds(Instant at) {
    long s = at.getEpochSecond() - epochSecond;
    if (s <= NONE || s > Integer.MAX_VALUE) {
      throw rejected(RejectReason.BAD_TIME, "time " + at + " is too far from the campaign");
    }
    return (int) s;
  }

  private Instant instant(int sec) {
    return sec == NONE ? null : Instant.ofEpochSecond(epochSecond + sec);
  }

  private static SampleRejectedException rejected(RejectReason reason, String message) {
    return new SampleRejectedException(reason, message);
  }
}
