package org.cordon.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cordon.core.exchange.CsvReader;
import org.cordon.core.exchange.CsvRecord;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.place.Ids;
import org.cordon.core.testing.SamplingRound;
import org.cordon.server.security.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers samples against tube barcodes, one from a collector's scanner or thousands from a CSV
 * upload, with the same checks: the campaign and the site exist and are the caller's (a site device
 * only for its own site), the person exists, one screening sample per person per campaign (a recalled
 * person gets one single-tube retest), a tube stays in its campaign and site and never holds more
 * samples than its pool size, a closed or resulted tube takes no more. A batch is stored whole or not at
 * all.
 *
 * <p>Fast path: a batch is checked against its campaigns' in-memory rounds ({@link RoundSnapshots}),
 * which know every targeted person's samples and every sampled tube; the database is asked only about
 * what a round cannot know (persons outside its population, open recall tasks of persons sampled
 * before, barcodes the round has not seen, identity numbers). The accepted rows are stored (on
 * PostgreSQL by COPY, {@link PgSampleCopy}) and, after the commit, applied to the rounds in place.
 * Registrations of one campaign are serialized by its round's lock, held from the check to the apply;
 * a stored tube is updated only while it is still open, without a result and with room (another
 * writer, such as a lab result, may have changed it since the round saw it). A batch any row of which
 * fails in memory, or whose store meets such a change or an existing key, is rolled back and checked
 * again against the tables (the exact path, with its tubes locked {@code for update}): that gives every
 * refusal its line and reason, and if the tables accept what memory refused, the batch is stored and
 * the rounds are rebuilt.
 */
@Service
class SampleRegistration {

  /** The CSV columns of a sample upload, in this order; {@code sampled_at} may be empty (now). */
  static final List<String> CSV_COLUMNS = List.of("campaign", "site", "tube", "person_id",
      "sampled_at");

  /** A sample to register; {@code line} is its CSV line (1 for a single request). */
  record SampleRow(long line, String campaignId, String siteId, String tube, Long personId,
      String idNumber, Instant sampledAt, Integer poolSize) {
  }

  /** A row that cannot be registered, with the status a single request would get. */
  record Rejection(long line, HttpStatus status, String reason) {
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SampleRegistration.class);

  /** From this many rows an upload logs where its time went. */
  private static final int LOGGED_FROM = 10_000;

  /** Steps of a batch timed for the log line, in nanoseconds (see {@link #upload}). */
  private static final int STEPS = 4;

  private final CampaignManagement campaigns;
  private final CampaignRecords campaignRecords;
  private final SampleRecords records;
  private final RoundSnapshots rounds;
  private final RoundChecks roundChecks;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SampleRegistration(CampaignManagement campaigns, CampaignRecords campaignRecords,
      SampleRecords records, RoundSnapshots rounds, RoundChecks roundChecks,
      PlatformTransactionManager transactions, ApplicationEventPublisher events,
      ObjectProvider<Clock> clock) {
    this.campaigns = campaigns;
    this.campaignRecords = campaignRecords;
    this.records = records;
    this.rounds = rounds;
    this.roundChecks = roundChecks;
    this.tx = new TransactionTemplate(transactions);
    this.events = events;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Registers one sample.
   *
   * @throws TestingProblem 400 bad field, 403 a device at another site, 404 unknown campaign, site or
   *     person, 409 person already sampled, tube full, closed, resulted or of another campaign or site
   */
  SampleReceipt register(Caller caller, SampleRequest r) {
    if (r == null) {
      throw TestingProblem.badRequest("a sample needs a body");
    }
    Instant at = r.sampledAt() == null || r.sampledAt().isBlank() ? clock.instant()
        : IsoTime.parse("sampledAt", r.sampledAt().strip());
    SampleRow row = new SampleRow(1, r.campaignId(), r.siteId(), r.tube(), r.personId(), r.idNumber(),
        at, r.poolSize());
    List<SampleReceipt> receipts = new ArrayList<>();
    List<Rejection> rejected = registerAll(caller, List.of(row), receipts, new long[STEPS]);
    if (!rejected.isEmpty()) {
      throw new TestingProblem(rejected.get(0).status(), rejected.get(0).reason());
    }
    return receipts.get(0);
  }

  /**
   * Issues empty tubes to a site (all or none).
   *
   * @throws TestingProblem 400 bad barcode or pool size, 404 unknown campaign or site, 409 a barcode
   *     exists already
   */
  int issue(Caller caller, TubeIssue r) {
    if (r == null || r.barcodes() == null || r.barcodes().isEmpty()) {
      throw TestingProblem.badRequest("barcodes is required");
    }
    CampaignView campaign = campaigns.require(caller, r.campaignId());
    SiteView site = campaignRecords.site(r.siteId() == null ? "" : r.siteId().strip())
        .filter(s -> caller.scope().contains(s.division()))
        .orElseThrow(() -> TestingProblem.notFound("no sampling site " + r.siteId()
            + " in your jurisdiction"));
    if (!caller.mayScanAt(site.siteId())) {
      throw new TestingProblem(HttpStatus.FORBIDDEN, "this device is bound to site " + caller.venueId()
          + ", not " + site.siteId());
    }
    int pool = campaigns.poolSize(r.poolSize(), campaign.poolSize());
    List<String> barcodes = new ArrayList<>(new java.util.LinkedHashSet<>(r.barcodes().stream()
        .map(b -> Ids.requireToken("barcodes", b == null ? null : b.strip(), 64)).toList()));
    return tx.execute(status -> {
      Map<String, SampleRecords.Tube> existing = records.lockTubes(barcodes);
      if (!existing.isEmpty()) {
        throw TestingProblem.conflict("tubes exist already: " + existing.keySet());
      }
      records.issue(barcodes, campaign.campaignId(), site.siteId(), pool, clock.instant());
      return barcodes.size();
    });
  }

  /** Registers the samples of a CSV upload (header {@link #CSV_COLUMNS}), all or none. */
  BatchReport upload(Caller caller, InputStream csv) throws IOException {
    long started = System.nanoTime();
    List<SampleRow> rows = new ArrayList<>();
    List<BatchReport.RowError> errors = new ArrayList<>();
    long lines = readCsv(csv, rows, errors);
    if (!errors.isEmpty()) {
      return new BatchReport(lines, 0, 0, capped(errors), false);
    }
    long read = System.nanoTime();
    // waiting for the rounds' locks, checking, storing (the transaction with its commit), applying
    long[] steps = new long[STEPS];
    List<Rejection> rejected = registerAll(caller, rows, new ArrayList<>(), steps);
    if (rows.size() >= LOGGED_FROM) {
      long done = System.nanoTime();
      LOG.info("samples: {} rows in {} ms: reading the upload {} ms, waiting for the round {} ms, checking {} ms, "
          + "storing {} ms, applying to the round {} ms{}", rows.size(), (done - started) / 1_000_000,
          (read - started) / 1_000_000, steps[0] / 1_000_000, steps[1] / 1_000_000, steps[2] / 1_000_000,
          steps[3] / 1_000_000, rejected.isEmpty() ? "" : " (refused)");
    }
    if (!rejected.isEmpty()) {
      return new BatchReport(lines, 0, 0, capped(rejected.stream()
          .map(x -> new BatchReport.RowError(x.line(), x.reason())).toList()), false);
    }
    records.sampleRowsStored(rows.size());
    return new BatchReport(lines, rows.size(), 0, List.of(), true);
  }

  static List<BatchReport.RowError> capped(List<BatchReport.RowError> errors) {
    return errors.size() <= BatchReport.MAX_ERRORS ? errors
        : List.copyOf(errors.subList(0, BatchReport.MAX_ERRORS));
  }

  private long readCsv(InputStream in, List<SampleRow> rows, List<BatchReport.RowError> errors) {
    CsvReader reader = new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    CsvRecord header = reader.next();
    if (header == null) {
      throw TestingProblem.badRequest("the upload is empty; expected the header line "
          + String.join(",", CSV_COLUMNS));
    }
    List<String> names = new ArrayList<>();
    for (String f : header.fields()) {
      names.add(f.strip().replace("\uFEFF", ""));
    }
    if (!names.equals(CSV_COLUMNS)) {
      throw TestingProblem.badRequest("line 1: header " + names + " is not "
          + String.join(",", CSV_COLUMNS));
    }
    long lines = 0;
    Instant now = clock.instant();
    for (CsvRecord rec = reader.next(); rec != null; rec = reader.next()) {
      lines++;
      try {
        if (rec.error() != null) {
          throw new IllegalArgumentException(rec.error());
        }
        String[] f = rec.fields();
        if (f.length != CSV_COLUMNS.size()) {
          throw new IllegalArgumentException("expected " + CSV_COLUMNS.size() + " fields, got "
              + f.length);
        }
        long person;
        try {
          person = Long.parseLong(f[3].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("person_id '" + f[3] + "' is not a number");
        }
        Instant at = f[4].isBlank() ? now : IsoTime.parse("sampled_at", f[4].strip());
        rows.add(new SampleRow(rec.line(), f[0].strip(), f[1].strip(), f[2].strip(), person, null, at,
            null));
      } catch (IllegalArgumentException e) {
        errors.add(new BatchReport.RowError(rec.line(), e.getMessage()));
      }
    }
    return lines;
  }

  /**
   * Checks and stores {@code rows}, all or none, under the locks of their campaigns' rounds (taken in
   * campaign id order, so two batches of the same campaigns cannot wait for each other); returns the
   * rejections (nothing stored when there are any) and fills {@code receipts} otherwise.
   */
  private List<Rejection> registerAll(Caller caller, List<SampleRow> rows, List<SampleReceipt> receipts,
      long[] steps) {
    java.util.SortedSet<String> ids = new TreeSet<>();
    for (SampleRow r : rows) {
      if (r.campaignId() != null && !r.campaignId().isBlank()) {
        ids.add(r.campaignId().strip());
      }
    }
    long t0 = System.nanoTime();
    try (RoundSnapshots.Locks held = rounds.lockAll(ids)) {
      steps[0] = System.nanoTime() - t0;
      List<SampleReceipt> fast = new ArrayList<>();
      if (fast(caller, rows, ids, fast, steps)) {
        receipts.addAll(fast);
        return List.of();
      }
      return exact(caller, rows, ids, receipts);
    }
  }

  /**
   * The fast path: checks the batch against the rounds and stores it if every row passes. Returns
   * false, with nothing stored and memory unchanged, when a row fails or the store meets a change the
   * rounds did not know of: the exact path then decides.
   */
  private boolean fast(Caller caller, List<SampleRow> rows, Set<String> ids,
      List<SampleReceipt> receipts, long[] steps) {
    long t0 = System.nanoTime();
    Map<String, SamplingRound> byCampaign = new HashMap<>();
    SampleBatch known = new SampleBatch();
    try {
      for (String id : ids) {
        CampaignView c = campaigns.require(caller, id);
        known.campaignById.put(id, c);
        byCampaign.put(id, rounds.round(c));
      }
    } catch (TestingProblem | IllegalArgumentException e) {
      return false;
    }
    known.byNumber = byIdNumber(rows);
    Set<String> fromRound = roundChecks.know(rows, byCampaign, known);
    if (!checkRows(caller, rows, known, receipts).isEmpty()) {
      return false;
    }
    long t1 = System.nanoTime();
    steps[1] = t1 - t0;
    try {
      boolean stored = Boolean.TRUE.equals(tx.execute(status -> {
        if (!store(caller, known)) {
          status.setRollbackOnly();
          return false;
        }
        return true;
      }));
      if (!stored) {
        return false;
      }
    } catch (DataIntegrityViolationException e) {
      // a new tube's barcode or a sample's key exists already: the exact path names the row
      return false;
    }
    long t2 = System.nanoTime();
    steps[2] = t2 - t1;
    roundChecks.apply(byCampaign, known, fromRound);
    steps[3] = System.nanoTime() - t2;
    return true;
  }

  private Map<String, Long> byIdNumber(List<SampleRow> rows) {
    Set<String> idNumbers = new HashSet<>();
    for (SampleRow r : rows) {
      if (r.personId() == null && r.idNumber() != null) {
        idNumbers.add(r.idNumber().strip().toUpperCase(java.util.Locale.ROOT));
      }
    }
    return idNumbers.isEmpty() ? Map.of() : records.byIdNumber(idNumbers);
  }

  /**
   * The exact path: checks {@code rows} in order against the tables and each other and, if all pass,
   * stores them and drops the rounds (memory refused what the tables accept, so it is behind).
   */
  private List<Rejection> exact(Caller caller, List<SampleRow> rows, Set<String> ids,
      List<SampleReceipt> receipts) {
    List<Rejection> rejected = tx.execute(status -> {
      List<Rejection> bad = check(caller, rows, receipts);
      if (!bad.isEmpty()) {
        status.setRollbackOnly();
      }
      return bad;
    });
    if (rejected.isEmpty()) {
      ids.forEach(id -> events.publishEvent(new TestingDataChanged(id)));
    }
    return rejected;
  }

  /**
   * Checks {@code rows} in order against the store and each other and, if all pass, writes them. Runs
   * inside the caller's transaction; returns the rejections (nothing written when there are any).
   */
  private List<Rejection> check(Caller caller, List<SampleRow> rows, List<SampleReceipt> receipts) {
    SampleBatch known = new SampleBatch();
    Set<Long> personIds = new HashSet<>();
    Set<String> barcodes = new HashSet<>();
    for (SampleRow r : rows) {
      if (r.personId() != null) {
        personIds.add(r.personId());
      }
      if (r.tube() != null) {
        barcodes.add(r.tube().strip());
      }
    }
    known.byNumber = byIdNumber(rows);
    personIds.addAll(known.byNumber.values());
    known.homes.putAll(records.homes(personIds));
    records.samplesOf(known.homes.keySet(),
        (person, s) -> known.sampled.add(s[0] + "|" + person + "|" + s[1]));
    known.recalls.addAll(records.openRecalls(known.homes.keySet()));
    known.tubes.putAll(records.lockTubes(barcodes));
    List<Rejection> bad = checkRows(caller, rows, known, receipts);
    if (bad.isEmpty() && !store(caller, known)) {
      // the tubes are locked and persons are never deleted: the tables changed under their checks
      throw new IllegalStateException("the store refused samples its checks had accepted");
    }
    return bad;
  }

  /** Checks the rows in order against {@code known}, which records the accepted ones. */
  private List<Rejection> checkRows(Caller caller, List<SampleRow> rows, SampleBatch known,
      List<SampleReceipt> receipts) {
    List<Rejection> bad = new ArrayList<>();
    for (SampleRow r : rows) {
      try {
        SampleRecords.NewSample s = checkRow(caller, r, known.campaignById, known.siteById,
            known.byNumber, known.homes, known.sampled, known.recalls, known.tubes, known.firstSample);
        known.accepted.add(s);
        SampleRecords.Tube t = known.tubes.get(s.tube());
        receipts.add(new SampleReceipt(s.campaignId(), s.personId(), s.tube(), s.purpose(), t.samples,
            t.poolSize, t.closedAt != null));
      } catch (TestingProblem e) {
        bad.add(new Rejection(r.line(), e.status(), e.getMessage()));
      } catch (IllegalArgumentException e) {
        bad.add(new Rejection(r.line(), HttpStatus.BAD_REQUEST, e.getMessage()));
      }
    }
    return bad;
  }

  /**
   * Stores the accepted rows; false when a stored tube no longer takes them, or a sample's person or
   * tube is missing (roll back then).
   */
  private boolean store(Caller caller, SampleBatch known) {
    Map<String, Instant> lastSample = new HashMap<>();
    for (SampleRecords.NewSample s : known.accepted) {
      lastSample.put(s.tube(), s.sampledAt());
    }
    if (!records.saveTubes(known.tubes.values(), known.firstSample, lastSample, caller.name())) {
      return false;
    }
    if (!records.insertSamples(known.accepted)) {
      return false;
    }
    records.closeMissedTasks(known.accepted, clock.instant());
    return true;
  }

  private SampleRecords.NewSample checkRow(Caller caller, SampleRow r,
      Map<String, CampaignView> campaignById, Map<String, SiteView> siteById, Map<String, Long> byNumber,
      Map<Long, String> homes, Set<String> sampled, Set<String> recalls,
      Map<String, SampleRecords.Tube> tubes, Map<String, Instant> firstSample) {
    if (r.campaignId() == null || r.campaignId().isBlank()) {
      throw TestingProblem.badRequest("campaign is required");
    }
    CampaignView campaign = campaignById.computeIfAbsent(r.campaignId().strip(),
        id -> campaigns.require(caller, id));
    if (r.siteId() == null || r.siteId().isBlank()) {
      throw TestingProblem.badRequest("site is required");
    }
    SiteView site = siteById.computeIfAbsent(r.siteId().strip(), id -> campaignRecords.site(id)
        .filter(s -> caller.scope().contains(s.division()))
        .orElseThrow(() -> TestingProblem.notFound("no sampling site " + id + " in your jurisdiction")));
    if (!caller.mayScanAt(site.siteId())) {
      throw new TestingProblem(HttpStatus.FORBIDDEN, "this device is bound to site " + caller.venueId()
          + ", not " + site.siteId());
    }
    if (!site.active()) {
      throw TestingProblem.conflict("sampling site " + site.siteId() + " is closed down");
    }
    String barcode = Ids.requireToken("tube", r.tube() == null ? null : r.tube().strip(), 64);
    Long person = r.personId();
    if (person == null && r.idNumber() != null) {
      person = byNumber.get(r.idNumber().strip().toUpperCase(java.util.Locale.ROOT));
      if (person == null) {
        throw TestingProblem.notFound("no person with identity number " + r.idNumber());
      }
    }
    if (person == null) {
      throw TestingProblem.badRequest("personId or idNumber is required");
    }
    if (!homes.containsKey(person)) {
      throw TestingProblem.notFound("no person " + person);
    }
    String key = campaign.campaignId() + "|" + person;
    String purpose = "screen";
    if (sampled.contains(key + "|screen")) {
      if (!recalls.contains(key)) {
        throw TestingProblem.conflict("person " + person + " was already sampled in campaign "
            + campaign.campaignId());
      }
      if (sampled.contains(key + "|retest")) {
        throw TestingProblem.conflict("person " + person + " was already retested in campaign "
            + campaign.campaignId());
      }
      purpose = "retest";
    } else if (r.sampledAt().isBefore(campaign.startsAt().toInstant())
        || r.sampledAt().isAfter(campaign.endsAt().toInstant())) {
      throw TestingProblem.conflict("sampled at " + IsoTime.format(r.sampledAt())
          + ", outside campaign " + campaign.campaignId() + " (" + campaign.startsAt() + " to "
          + campaign.endsAt() + ")");
    }
    SampleRecords.Tube tube = tubes.get(barcode);
    if (tube == null) {
      int pool = purpose.equals("retest") ? 1 : campaigns.poolSize(r.poolSize(), campaign.poolSize());
      tube = new SampleRecords.Tube(barcode, campaign.campaignId(), site.siteId(), pool, 0, null, null,
          false);
      tubes.put(barcode, tube);
    }
    if (!tube.campaignId.equals(campaign.campaignId()) || !tube.siteId.equals(site.siteId())) {
      throw TestingProblem.conflict("tube " + barcode + " belongs to campaign " + tube.campaignId
          + " at site " + tube.siteId);
    }
    if (tube.result != null) {
      throw TestingProblem.conflict("tube " + barcode + " has a result already");
    }
    if (tube.samples >= tube.poolSize) {
      throw TestingProblem.conflict("tube " + barcode + " is full: pool size " + tube.poolSize
          + ", holds " + tube.samples + " samples");
    }
    if (tube.closedAt != null) {
      throw TestingProblem.conflict("tube " + barcode + " is closed");
    }
    if (purpose.equals("retest") && tube.poolSize != 1) {
      throw TestingProblem.conflict("person " + person + " is recalled: the retest goes into a "
          + "single tube, but tube " + barcode + " is a pool of " + tube.poolSize);
    }
    tube.samples++;
    tube.changed = true;
    firstSample.merge(barcode, r.sampledAt(), (a, b) -> a.isBefore(b) ? a : b);
    if (tube.samples == tube.poolSize) {
      tube.closedAt = r.sampledAt();
    }
    sampled.add(key + "|" + purpose);
    return new SampleRecords.NewSample(campaign.campaignId(), person, purpose, barcode, site.siteId(),
        r.sampledAt(), caller.name());
  }
}
