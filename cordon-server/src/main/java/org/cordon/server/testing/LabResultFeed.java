package org.cordon.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.cordon.core.testing.SamplingRound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes stored lab results to the health codes, after the upload that stored them has committed, on a
 * thread of its own: the results' transaction records the upload ({@code lab_result_upload}, fed_at
 * null) and returns; the feed then reads each tube's current result and members, publishes
 * {@link LabResultsRecorded} in a transaction of its own (the health codes store their facts in it) and
 * marks the upload fed in the same transaction. A crash in between leaves the upload unfed, and the
 * start-up feeds it again ({@link #catchUp}); so does a check every minute after a feed that failed.
 *
 * <p>Why off the upload's path: at 5,000,000 persons, a round's 500,000 results took 12.7 s over HTTP of
 * which the health codes were 5.4 s (issue 5 asks 5 s for the results and the recall list). The recall
 * list itself (the recall tasks) is still written by the upload. An upload of fewer than
 * {@link #WAITED_BELOW} results waits for its feed, so a lab's everyday upload answers with the health
 * codes already changed; a city's round answers when it is stored and the codes follow seconds later.
 *
 * <p>Order: a tube is fed at its current result when the feed runs, never at the result an upload
 * carried, so feeds that overtake each other (or feed a tube twice) leave each tube's fact at its
 * latest result; a tube's fact replaces the tube's earlier one in the health codes. Within an upload the
 * tubes whose results say something other than "negative" (recalls, positives, withdrawals: few) are fed
 * first, in a transaction of their own, and then the negatives.
 */
@Component
public class LabResultFeed {

  private static final Logger LOG = LoggerFactory.getLogger(LabResultFeed.class);

  /** Uploads of fewer results than this wait for their feed. */
  static final int WAITED_BELOW = 20_000;

  private final ResultRecords records;
  private final RoundSnapshots rounds;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate tx;
  private final Clock clock;
  /** Uploads queued or being fed: a catch-up leaves them to their feed. */
  private final Set<Long> queued = ConcurrentHashMap.newKeySet();
  private volatile boolean failed;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "lab-result-feed");
    t.setDaemon(true);
    return t;
  });

  LabResultFeed(ResultRecords records, RoundSnapshots rounds, ApplicationEventPublisher events,
      PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
    this.records = records;
    this.rounds = rounds;
    this.events = events;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Queues the feed of a committed upload's {@code tubes}; the caller (the upload) still holds the rounds'
   * locks, so uploads of one campaign queue in the order they committed.
   */
  Future<?> submit(long uploadId, List<String> tubes) {
    queued.add(uploadId);
    try {
      return worker.submit(() -> feedLogged(uploadId, tubes));
    } catch (RejectedExecutionException e) {
      queued.remove(uploadId);
      LOG.warn("lab results upload {} not fed: shutting down (fed at the next start)", uploadId);
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
  }

  /** At start: the uploads a crash (or a failed feed) left unfed, oldest first. */
  @EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  public void catchUp() {
    for (ResultRecords.UnfedUpload u : records.unfedUploads()) {
      if (!queued.contains(u.uploadId())) {
        LOG.info("lab results upload {} was not fed to the health codes: feeding it now", u.uploadId());
        submit(u.uploadId(), records.tubesWithResults(u.firstResultId(), u.lastResultId()));
      }
    }
  }

  /** After a feed failed: try the unfed uploads again (the failure is logged with its cause). */
  @Scheduled(fixedDelayString = "${cordon.testing.feed-retry:PT1M}")
  void retry() {
    if (failed) {
      failed = false;
      catchUp();
    }
  }

  /**
   * Waits until every upload queued so far is fed (or {@code timeout} passes).
   *
   * @return whether the queue drained in time
   */
  public boolean awaitIdle(Duration timeout) {
    try {
      worker.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void feedLogged(long uploadId, List<String> tubes) {
    long started = System.nanoTime();
    try {
      int persons = feed(uploadId, tubes);
      if (tubes.size() >= WAITED_BELOW) {
        LOG.info("lab results upload {} fed to the health codes: {} tubes, {} persons in {} ms", uploadId,
            tubes.size(), persons, (System.nanoTime() - started) / 1_000_000);
      }
    } catch (RuntimeException e) {
      failed = true;
      LOG.error("lab results upload {} not fed to the health codes (tried again within a minute)", uploadId, e);
    } finally {
      queued.remove(uploadId);
    }
  }

  /** Feeds {@code tubes} at their current results; the upload is marked fed with the last part. */
  private int feed(long uploadId, List<String> tubes) {
    List<ResultRecords.CurrentResult> current = records.currentResults(tubes);
    Map<String, List<String>> earlier = records.correctedResults();
    List<ResultRecords.CurrentResult> urgent = new ArrayList<>();
    List<ResultRecords.CurrentResult> negatives = new ArrayList<>();
    for (ResultRecords.CurrentResult c : current) {
      (c.result().equals("negative") ? negatives : urgent).add(c);
    }
    int persons = feedPart(urgent, earlier, null);
    return persons + feedPart(negatives, earlier, uploadId);
  }

  /** One transaction: the persons' results to the health codes, and the upload marked fed if given. */
  private int feedPart(List<ResultRecords.CurrentResult> tubes, Map<String, List<String>> earlier,
      Long uploadId) {
    List<LabResultsRecorded.PersonResult> persons = personResults(tubes, earlier);
    Instant now = clock.instant();
    tx.executeWithoutResult(status -> {
      if (!persons.isEmpty()) {
        events.publishEvent(new LabResultsRecorded(now, persons));
      }
      if (uploadId != null) {
        records.markFed(uploadId, now);
      }
    });
    return persons.size();
  }

  /** Each member's share of its tube's result, in tube order and person order within a tube. */
  private List<LabResultsRecorded.PersonResult> personResults(List<ResultRecords.CurrentResult> tubes,
      Map<String, List<String>> earlier) {
    List<LabResultsRecorded.PersonResult> persons = new ArrayList<>();
    Map<String, List<ResultRecords.Member>> members = members(tubes);
    for (ResultRecords.CurrentResult t : tubes) {
      List<String> before = earlier.getOrDefault(t.barcode(), List.of());
      LabResultsRecorded.Outcome outcome = outcome(t, before);
      if (outcome == null) {
        continue;
      }
      for (ResultRecords.Member m : members.getOrDefault(t.barcode(), List.of())) {
        persons.add(new LabResultsRecorded.PersonResult(m.personId(), t.barcode(), t.poolSize(), outcome,
            m.sampledAt(), !before.isEmpty()));
      }
    }
    return persons;
  }

  /**
   * What a tube's current result says about its members, given its earlier results; null when it says
   * nothing (invalid, and never a final result before).
   */
  static LabResultsRecorded.Outcome outcome(ResultRecords.CurrentResult t, List<String> earlier) {
    return switch (t.result()) {
      case "negative" -> LabResultsRecorded.Outcome.NEGATIVE;
      case "positive" -> t.poolSize() > 1 ? LabResultsRecorded.Outcome.POOL_POSITIVE
          : LabResultsRecorded.Outcome.POSITIVE;
      default -> earlier.stream().anyMatch(r -> !r.equals("invalid")) ? LabResultsRecorded.Outcome.WITHDRAWN
          : null;
    };
  }

  /**
   * The members of {@code tubes}: a pool's from its campaign's round when the round is current and
   * holds exactly the tube's samples (reading a city's 5,000,000 members from the tables took 6 s), the
   * rest from the tables. A resulted tube takes no more samples, so its members are final.
   */
  private Map<String, List<ResultRecords.Member>> members(List<ResultRecords.CurrentResult> tubes) {
    Map<String, List<ResultRecords.Member>> found = new java.util.HashMap<>();
    java.util.SortedSet<String> campaigns = new java.util.TreeSet<>();
    tubes.forEach(t -> campaigns.add(t.campaignId()));
    List<String> fromTables = new ArrayList<>();
    try (RoundSnapshots.Locks held = rounds.lockAll(campaigns)) {
      for (ResultRecords.CurrentResult t : tubes) {
        List<ResultRecords.Member> in = fromRound(t);
        if (in == null) {
          fromTables.add(t.barcode());
        } else {
          found.put(t.barcode(), in);
        }
      }
    }
    found.putAll(records.members(fromTables, false));
    return found;
  }

  /**
   * A pool's members from its campaign's round, or null when the round is not built or has not the tube's
   * stored sample count (a visitor sampled outside the round). Pools hold screening samples only.
   */
  private List<ResultRecords.Member> fromRound(ResultRecords.CurrentResult t) {
    SamplingRound round = t.poolSize() == 1 ? null : rounds.current(t.campaignId());
    if (round == null) {
      return null;
    }
    List<ResultRecords.Member> in = new ArrayList<>(t.poolSize());
    round.forEachSampleIn(t.barcode(), (person, tube, at, result) -> in.add(
        new ResultRecords.Member(person, "screen", at, null, null, null)));
    if (in.size() != t.samples()) {
      return null;
    }
    in.sort(ResultRecords.BY_PERSON);
    return in;
  }
}
