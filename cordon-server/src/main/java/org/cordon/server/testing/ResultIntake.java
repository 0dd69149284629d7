package org.cordon.server.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.testing.TubeResult;
import org.cordon.core.testing.TubeResultReport;
import org.cordon.server.security.Caller;
import org.cordon.server.tracing.CaseConfirmation;
import org.cordon.server.tracing.CaseRequest;
import org.cordon.server.tracing.ConfirmedCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies lab results, from a CSV upload or a FHIR bundle, in one transaction: all of a batch or none.
 *
 * <p>Per tube a result is idempotent (the same result and result time again changes nothing) and a
 * different one supersedes the current result, which moves to {@code tube_result_history} with
 * {@code superseded_by} set: the audit trail of corrections (every version: the view
 * {@code tube_result}). Refused, and nothing stored: an unknown tube (or one sampled outside the lab's
 * jurisdiction: the two are not told apart), a tube never sampled, a result time before the tube's first
 * sample, two different results for one tube in a batch.
 *
 * <p>Consequences: a positive pool (混管阳性) recalls every screened person in it at once, with a
 * single-tube retest task at the nearest open sampling site ({@link RecallSites}) listed for the
 * person's community; a correction away from positive cancels those open recalls. A retest's result
 * closes the person's recall. A positive single tube (a retest, or a screening tube of pool size 1)
 * confirms a case through {@link CaseConfirmation} after the commit, which traces its contacts; a
 * person who already has a case is reported, not confirmed twice. The upload is recorded in the
 * transaction and its tubes go to the health codes after the commit through the {@link LabResultFeed}
 * (an upload of fewer than {@link LabResultFeed#WAITED_BELOW} results waits for it).
 */
@Service
class ResultIntake {

  private static final Logger LOG = LoggerFactory.getLogger(ResultIntake.class);

  private final ResultRecords records;
  private final LabResultFeed feed;
  private final CampaignRecords campaigns;
  private final CaseConfirmation cases;
  private final RoundSnapshots rounds;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate tx;
  private final Clock clock;

  ResultIntake(ResultRecords records, LabResultFeed feed, CampaignRecords campaigns, CaseConfirmation cases,
      RoundSnapshots rounds, ApplicationEventPublisher events, PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.records = records;
    this.feed = feed;
    this.campaigns = campaigns;
    this.cases = cases;
    this.rounds = rounds;
    this.events = events;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** Work a committed batch leaves for after the commit. */
  private static final class Outcome {
    int applied;
    int duplicates;
    int corrected;
    int recalled;
    final List<BatchReport.RowError> errors = new ArrayList<>();
    final List<ResultRecords.Member> positives = new ArrayList<>();
    final List<RecallsOpened> recalls = new ArrayList<>();
    /** The upload's row and its tubes with a new result, for the feed; null when nothing was stored. */
    Long uploadId;
    final List<String> fedTubes = new ArrayList<>();
    java.util.concurrent.Future<?> fed;
    /** The stored results per campaign, in the order stored: for the rounds in memory. */
    final Map<String, List<TubeResultReport>> campaigns = new HashMap<>();
    /** Milliseconds spent per step, for the log line of a large upload. */
    long lockMs;
    long storeMs;
    long membersMs;
    long recallsMs;
  }

  /** From this many results an upload logs where its time went. */
  private static final int LOGGED_FROM = 10_000;

  /**
   * Stores {@code results} (from {@code source}: csv or fhir) for {@code caller}, all or none.
   *
   * @return the report; with errors, {@code stored} is false and nothing changed
   */
  ResultReport apply(Caller caller, List<LabResult> results, String source) {
    // The rounds of the tubes' campaigns are locked before any row (the order registrations take them
    // in), from before the transaction to the in-memory apply after it: see RoundSnapshots. Cases are
    // confirmed after, without them.
    List<String> barcodes = new ArrayList<>(results.size());
    results.forEach(r -> barcodes.add(r.tube()));
    java.util.SortedSet<String> locked = rounds.campaignsOf(barcodes);
    Outcome out;
    try (RoundSnapshots.Locks held = rounds.lockAll(locked)) {
      out = store(caller, results, source, locked);
    }
    if (!out.errors.isEmpty()) {
      return new ResultReport(results.size(), 0, 0, 0, 0, List.of(),
          SampleRegistration.capped(out.errors), false);
    }
    out.recalls.forEach(events::publishEvent);
    List<ResultReport.CaseOutcome> confirmed = new ArrayList<>();
    for (ResultRecords.Member m : out.positives) {
      confirmed.add(confirm(caller, m));
    }
    if (out.fed != null && results.size() < LabResultFeed.WAITED_BELOW) {
      awaitFeed(out.fed);
    }
    return new ResultReport(results.size(), out.applied, out.duplicates, out.corrected, out.recalled,
        confirmed, List.of(), true);
  }

  /** The transaction, then the rounds {@code held} by this upload take its results in memory. */
  private Outcome store(Caller caller, List<LabResult> results, String source, java.util.Set<String> held) {
    Instant now = clock.instant();
    long started = System.nanoTime();
    Outcome out = tx.execute(status -> {
      Outcome o = new Outcome();
      apply(caller, results, source, now, o);
      if (!o.errors.isEmpty()) {
        status.setRollbackOnly();
      }
      return o;
    });
    long committed = System.nanoTime();
    if (out.errors.isEmpty()) {
      out.campaigns.forEach((id, stored) -> {
        if (held.contains(id)) {
          rounds.applyResults(id, stored);
        } else {
          events.publishEvent(new TestingDataChanged(id));   // no round had its tubes: nothing to keep
        }
      });
      if (out.uploadId != null) {
        out.fed = feed.submit(out.uploadId, out.fedTubes);   // still under the rounds' locks: in commit order
      }
    }
    if (results.size() >= LOGGED_FROM) {
      LOG.info("lab results stored: {} results ({} applied, {} errors) in {} ms: locking the tubes {} ms, "
          + "storing {} ms, reading members {} ms, recalls {} ms, then applied to the rounds in {} ms (the "
          + "health codes' feed logs its share)", results.size(), out.applied, out.errors.size(),
          (committed - started) / 1_000_000, out.lockMs, out.storeMs, out.membersMs, out.recallsMs,
          (System.nanoTime() - committed) / 1_000_000);
    }
    return out;
  }

  /** Waits for an upload's feed to the health codes; a slow feed is logged, the upload stands. */
  private static void awaitFeed(java.util.concurrent.Future<?> fed) {
    try {
      fed.get(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      LOG.warn("lab results stored, their health codes not yet changed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void apply(Caller caller, List<LabResult> results, String source, Instant now, Outcome o) {
    // first the batch itself: one result per tube (the same one again is a duplicate, another an error)
    Map<String, LabResult> seen = new HashMap<>();
    List<LabResult> unique = new ArrayList<>(results.size());
    for (LabResult r : results) {
      LabResult earlier = seen.putIfAbsent(r.tube(), r);
      if (earlier == null) {
        unique.add(r);
      } else if (earlier.result().equals(r.result()) && earlier.resultTime().equals(r.resultTime())) {
        o.duplicates++;
      } else {
        o.errors.add(new BatchReport.RowError(r.line(), "tube " + r.tube()
            + " has another result at line " + earlier.line() + " of this batch"));
      }
    }
    long t0 = System.nanoTime();
    ResultRecords.LockedBatch batch = records.lock(unique);
    Map<String, ResultRecords.LockedTube> locked = batch.tubes();
    o.lockMs = (System.nanoTime() - t0) / 1_000_000;
    List<LabResult> fresh = new ArrayList<>();
    List<ResultRecords.LockedTube> freshTubes = new ArrayList<>();
    for (LabResult r : unique) {
      ResultRecords.LockedTube tube = locked.get(r.tube());
      if (tube == null || !caller.scope().contains(tube.siteDivision())) {
        o.errors.add(new BatchReport.RowError(r.line(), "unknown tube " + r.tube()));
      } else if (tube.samples() == 0 || tube.firstSample() == null) {
        o.errors.add(new BatchReport.RowError(r.line(), "tube " + r.tube() + " was never sampled"));
      } else if (r.resultTime().isBefore(tube.firstSample())) {
        o.errors.add(new BatchReport.RowError(r.line(), "result_time " + IsoTime.format(r.resultTime())
            + " is before tube " + r.tube() + " was sampled (" + IsoTime.format(tube.firstSample())
            + ")"));
      } else if (r.result().equals(tube.result()) && r.resultTime().equals(tube.resultTime())) {
        o.duplicates++;
      } else {
        fresh.add(r);
        freshTubes.add(tube);
      }
    }
    o.errors.sort(java.util.Comparator.comparingLong(BatchReport.RowError::line));   // in the upload's order
    if (!o.errors.isEmpty() || fresh.isEmpty()) {
      return;
    }
    long t1 = System.nanoTime();
    long[] ids = records.store(fresh, freshTubes, batch, source, caller.name(), now);
    o.uploadId = records.recordUpload(ids, fresh.size(), now);
    o.storeMs = (System.nanoTime() - t1) / 1_000_000;
    o.applied = fresh.size();
    for (int i = 0; i < fresh.size(); i++) {
      ResultRecords.LockedTube t = freshTubes.get(i);
      LabResult r = fresh.get(i);
      o.campaigns.computeIfAbsent(t.campaignId(), k -> new ArrayList<>()).add(new TubeResultReport(r.tube(),
          TubeResult.valueOf(r.result().toUpperCase(java.util.Locale.ROOT)), r.resultTime(), source));
      if (t.result() != null) {
        o.corrected++;
      }
      o.fedTubes.add(r.tube());
    }
    consequences(caller, fresh, freshTubes, now, o);
  }

  /**
   * What the new results mean for the testing tasks: new positive pools recall their members, pools
   * corrected away from positive cancel those recalls, single tubes close retests and confirm
   * positives. Members (with their homes) are read for new positive pools and single tubes only; the
   * health codes get every member through the {@link LabResultFeed}, after the commit.
   */
  private void consequences(Caller caller, List<LabResult> fresh,
      List<ResultRecords.LockedTube> tubes, Instant now, Outcome o) {
    List<String> cancelled = new ArrayList<>();
    List<String> homesNeeded = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < fresh.size(); i++) {
      ResultRecords.LockedTube t = tubes.get(i);
      boolean positive = fresh.get(i).result().equals("positive");
      boolean wasPositive = "positive".equals(t.result());
      if (t.poolSize() > 1 && !positive && wasPositive) {
        cancelled.add(t.barcode());
      }
      if (t.poolSize() == 1 || (positive && !wasPositive)) {
        homesNeeded.add(t.barcode());   // recalls and cases need where the persons live
      }
    }
    if (!cancelled.isEmpty()) {
      records.cancelRecalls(cancelled, now);
    }
    if (homesNeeded.isEmpty()) {
      return;
    }
    Map<String, List<ResultRecords.Member>> members = records.members(homesNeeded, true);
    o.membersMs = (System.nanoTime() - t0) / 1_000_000;
    long t1 = System.nanoTime();
    RecallSites sites = new RecallSites(campaigns.activeSites());
    LocalTime local = now.atZone(IsoTime.DEFAULT_ZONE).toLocalTime();
    // the recalls of every new positive pool, opened at once, then reported per pool in tube order
    List<ResultRecords.RecallRequest> toRecall = new ArrayList<>();
    for (int i = 0; i < fresh.size(); i++) {
      ResultRecords.LockedTube t = tubes.get(i);
      if (t.poolSize() > 1 && fresh.get(i).result().equals("positive") && !"positive".equals(t.result())) {
        for (ResultRecords.Member m : members.getOrDefault(t.barcode(), List.of())) {
          GeoPoint home = m.lat() == null || m.lon() == null ? null : new GeoPoint(m.lat(), m.lon());
          SiteView site = sites.nearest(home, m.homeDivision(), local);
          toRecall.add(new ResultRecords.RecallRequest(t.campaignId(), m.personId(), m.homeDivision(),
              site == null ? null : site.siteId(), t.barcode()));
        }
      }
    }
    java.util.Set<String> opened = toRecall.isEmpty() ? java.util.Set.of()
        : records.openRecalls(toRecall, now, caller.name());
    for (int i = 0; i < fresh.size(); i++) {
      ResultRecords.LockedTube t = tubes.get(i);
      List<ResultRecords.Member> in = members.getOrDefault(t.barcode(), List.of());
      boolean positive = fresh.get(i).result().equals("positive");
      boolean wasPositive = "positive".equals(t.result());
      if (t.poolSize() > 1) {
        if (positive && !wasPositive) {
          List<Long> recalled = new ArrayList<>();
          for (ResultRecords.Member m : in) {
            if (opened.contains(t.campaignId() + ' ' + m.personId())) {
              recalled.add(m.personId());
            }
          }
          o.recalled += recalled.size();
          if (!recalled.isEmpty()) {
            o.recalls.add(new RecallsOpened(t.campaignId(), t.barcode(), List.copyOf(recalled)));
          }
        }
        continue;
      }
      for (ResultRecords.Member m : in) {
        if (m.purpose().equals("retest")) {
          records.closeRecall(t.campaignId(), m.personId(), fresh.get(i).result(), now);
        }
        if (positive && !wasPositive) {
          o.positives.add(m);
        }
      }
    }
    o.recallsMs = (System.nanoTime() - t1) / 1_000_000;
  }

  private ResultReport.CaseOutcome confirm(Caller lab, ResultRecords.Member m) {
    // The case belongs to the person's home jurisdiction, whichever lab found it.
    Caller asLab = new Caller(lab.name(), lab.displayName(), lab.role(),
        new DivisionCode(m.homeDivision()), null);
    try {
      ConfirmedCase c = cases.confirm(asLab, new CaseRequest(m.personId(),
          IsoTime.format(m.sampledAt()), null));
      return new ResultReport.CaseOutcome(m.personId(), c.caseId(), null);
    } catch (RuntimeException e) {
      LOG.warn("positive single-tube result of person {} did not confirm a case: {}", m.personId(),
          e.getMessage());
      return new ResultReport.CaseOutcome(m.personId(), null, e.getMessage());
    }
  }
}
