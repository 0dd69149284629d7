package org.cordon.server.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.exchange.IsoTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A tube's results (the current one on {@code tube}, those it corrected in {@code tube_result_history},
 * every version in the view {@code tube_result}), the uploads that stored them, and the recall tasks
 * results open.
 */
@Repository
class ResultRecords {

  /** A tube locked for a result: where it is, how full, and its current result. */
  record LockedTube(String barcode, String campaignId, String siteDivision, int poolSize, int samples,
      Instant firstSample, String result, Instant resultTime, Long resultId) {
  }

  /**
   * A sample in a resulted tube, with what the recall needs of its person ({@code homeDivision} null
   * when read without it, {@link #members(Collection, boolean)}).
   */
  record Member(long personId, String purpose, Instant sampledAt, String homeDivision, Double lat,
      Double lon) {
  }

  private final JdbcTemplate jdbc;
  private final SampleRecords statistics;

  ResultRecords(JdbcTemplate jdbc, SampleRecords statistics) {
    this.statistics = statistics;
    this.jdbc = jdbc;
  }

  /**
   * From this many results an upload is staged on PostgreSQL: copied into a temporary table (dropped at
   * the commit) and joined, so the planner can match a round's 500,000 tubes by one hash join instead
   * of a probe each, and the rows travel in COPY's binary format instead of as text arrays.
   */
  static final int STAGED_FROM = 10_000;
  private volatile int stagedFrom = STAGED_FROM;

  /** Stages uploads from {@code results} on (tests take the staged path with a few tubes); the previous. */
  int stageFrom(int results) {
    int previous = stagedFrom;
    stagedFrom = results;
    return previous;
  }

  /** The stored tubes of an upload, locked, by barcode; {@code staged}: its results wait in staged_result. */
  record LockedBatch(Map<String, LockedTube> tubes, boolean staged) {
  }

  /** The advisory lock every results upload on PostgreSQL holds to its commit: one upload at a time. */
  private static final long UPLOADS_KEY = 0x63_6f_72_64_6f_6e_05L;   // "cordon", issue 5

  /**
   * The stored tubes of {@code results} (one result per tube), locked until the transaction ends. On
   * PostgreSQL every upload first takes the results uploads' advisory lock, so no two store results at
   * once; from {@link #STAGED_FROM} results the results are copied into {@code staged_result}, which the
   * read joins and {@link #store} takes them from, and the tubes are read without row locks: their
   * result can change only by an upload, which waits, and their samples only grow, which the store
   * checks (500,000 row locks cost 0.3 s of writes: 0.72 s for the read with them, 0.38 s without).
   */
  LockedBatch lock(List<LabResult> results) {
    if (statistics.postgres()) {
      jdbc.query("select pg_advisory_xact_lock(?)", rs -> { }, UPLOADS_KEY);
    }
    Map<String, LockedTube> tubes = new HashMap<>();
    String select = "select t.barcode, t.campaign_id, s.division, t.pool_size, t.samples, "
        + "t.first_sample_at, t.result, t.result_time, t.result_id from tube t "
        + "join sampling_site s on s.site_id = t.site_id ";
    SampleRecords.RowHandler row = rs -> {
      OffsetDateTime first = rs.getObject(6, OffsetDateTime.class);
      OffsetDateTime time = rs.getObject(8, OffsetDateTime.class);
      long id = rs.getLong(9);
      tubes.put(rs.getString(1), new LockedTube(rs.getString(1), rs.getString(2), rs.getString(3),
          rs.getInt(4), rs.getInt(5), first == null ? null : first.toInstant(), rs.getString(7),
          time == null ? null : time.toInstant(), rs.wasNull() ? null : id));
    };
    if (statistics.postgres() && results.size() >= stagedFrom) {
      stage(results);
      jdbc.query(c -> SampleRecords.binary(c, select + "join staged_result u on u.t = t.barcode"), row::row);
      return new LockedBatch(tubes, true);
    }
    SampleRecords.anyChunks(jdbc, statistics.postgres(), select + "where t.barcode in (?*) for update",
        select + "where t.barcode = any(?) for update of t", "varchar",
        results.stream().map(LabResult::tube).toList(), row);
    return new LockedBatch(tubes, false);
  }

  /**
   * Creates the temporary table {@code staged_result}, dropped at the commit, and copies {@code results}
   * into it (t tube, r result, a result time, l lab); then its statistics for the planner. The rest of
   * the transaction runs without JIT and with 64 MB of memory per hash (PostgreSQL's default of 4 MB
   * spilled the join of 500,000 tubes to disk in 16 batches).
   */
  private void stage(List<LabResult> results) {
    PgSampleCopy.CopyRows rows = new PgSampleCopy.CopyRows(results.size() * 48);
    results.forEach(r -> rows.tuple(4).text(r.tube()).text(r.result()).time(r.resultTime()).text(r.lab()));
    byte[] data = rows.end();
    jdbc.execute((java.sql.Connection c) -> {
      try (java.sql.Statement s = c.createStatement()) {
        // the joins over a round's 500,000 rows: hashed in memory, and not compiled first (JIT)
        s.execute(PgSampleCopy.NO_JIT);
        s.execute("set local work_mem = '64MB'");
        s.execute("create temporary table staged_result (t varchar(64) not null, r varchar(10) not null, "
            + "a timestamptz not null, l varchar(100)) on commit drop");
      }
      long copied = PgSampleCopy.copy(c, "copy staged_result from stdin (format binary)", data);
      if (copied != results.size()) {
        throw new IllegalStateException("staged " + copied + " of " + results.size() + " results");
      }
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("analyze staged_result");
      }
      return null;
    });
  }

  /**
   * Makes each of {@code results} (at most one per tube; {@code tubes} are their tubes, locked, in the
   * same order) its tube's current result, with a new id from {@code result_version}; a result it
   * corrects moves to {@code tube_result_history} first, keeping its id, with {@code superseded_by} the
   * new one (V20). On PostgreSQL one statement over arrays, or over the staged rows of a large upload
   * (500,000 results: one round trip instead of 1,000 JDBC batches); corrections, few, in batches.
   *
   * @return the lowest and highest id a new result may have (for the upload's row: {@link #recordUpload})
   */
  long[] store(List<LabResult> results, List<LockedTube> tubes, LockedBatch batch, String source, String by,
      Instant now) {
    List<String> corrected = new ArrayList<>();
    List<Long> replaced = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      if (tubes.get(i).resultId() != null) {
        corrected.add(results.get(i).tube());
        replaced.add(tubes.get(i).resultId());
      }
    }
    jdbc.batchUpdate("insert into tube_result_history (result_id, tube_barcode, result, result_time, lab, source, "
        + "recorded_by, recorded_at) select result_id, barcode, result, result_time, result_lab, result_source, "
        + "result_recorded_by, result_recorded_at from tube where barcode = ?", corrected, 1000,
        (ps, tube) -> ps.setString(1, tube));
    long[] ids = !statistics.postgres() ? storeEach(results, source, by, now)
        : batch.staged() ? storeStaged(results, batch, source, by, now) : storePg(results, source, by, now);
    List<Object[]> supersede = new ArrayList<>(corrected.size());
    for (int i = 0; i < corrected.size(); i++) {
      supersede.add(new Object[] {corrected.get(i), replaced.get(i)});
    }
    jdbc.batchUpdate("update tube_result_history set superseded_by = (select t.result_id from tube t where "
        + "t.barcode = ?) where result_id = ?", supersede);
    return ids;
  }

  private static final String EPOCH = "timestamptz 'epoch' + %s * interval '1 microsecond'";

  /** The tubes' new current results ({@code u}: t tube, r result, a result time, l lab), and their ids. */
  private static final String SET_CURRENT = "update tube t set result = u.r, result_time = u.a, "
      + "closed_at = coalesce(t.closed_at, u.a), result_id = nextval('result_version'), result_lab = u.l, "
      + "result_source = ?, result_recorded_by = ?, result_recorded_at = ? from %s where t.barcode = u.t "
      + "returning t.result_id, t.samples";

  /** What {@link #setCurrent} stored: the lowest and highest new id, and the updated tubes' samples summed. */
  private record Current(long firstId, long lastId, long samples) {
  }

  /**
   * {@link #SET_CURRENT} over {@code from}, whose parameters after the first three are {@code arrays}
   * (each its element type and values). All {@code n} or thrown.
   */
  private Current setCurrent(String from, int n, String source, String by, Instant now, List<Object[]> arrays) {
    long[] stored = jdbc.execute((java.sql.Connection c) -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement("with w as (" + SET_CURRENT.formatted(from)
          + ") select min(result_id), max(result_id), count(*), coalesce(sum(samples), 0) from w")) {
        ps.setString(1, source);
        ps.setString(2, by);
        ps.setObject(3, CampaignRecords.utc(now));
        int p = 4;
        for (Object[] a : arrays) {
          ps.setArray(p++, c.createArrayOf((String) a[0], (Object[]) a[1]));
        }
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
      }
    });
    if (stored == null || stored[2] != n) {
      throw new IllegalStateException("stored " + (stored == null ? null : stored[2]) + " of " + n + " tube results");
    }
    return new Current(stored[0], stored[1], stored[3]);
  }

  /** The tubes' current results from arrays: one statement (PostgreSQL, a small upload). */
  private long[] storePg(List<LabResult> results, String source, String by, Instant now) {
    int n = results.size();
    String[] tubes = new String[n];
    String[] values = new String[n];
    Long[] times = new Long[n];
    String[] labs = new String[n];
    for (int i = 0; i < n; i++) {
      LabResult r = results.get(i);
      tubes[i] = r.tube();
      values[i] = r.result();
      times[i] = IsoTime.epochMicros(r.resultTime());
      labs[i] = r.lab();
    }
    Current stored = setCurrent("(select x.t, x.r, " + EPOCH.formatted("x.a") + " as a, x.l from "
        + "unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[]) as x(t, r, a, l)) u", n, source, by, now,
        List.of(new Object[] {"varchar", tubes}, new Object[] {"varchar", values}, new Object[] {"int8", times},
            new Object[] {"varchar", labs}));
    return new long[] {stored.firstId(), stored.lastId()};
  }

  /**
   * {@link #storePg} of a large upload, over its staged results ({@link #lock}) less those of its tubes
   * that are not among {@code results} (the tube already had that result: nothing to store).
   */
  private long[] storeStaged(List<LabResult> results, LockedBatch batch, String source, String by, Instant now) {
    if (results.size() < batch.tubes().size()) {
      java.util.Set<String> unchanged = new java.util.HashSet<>(batch.tubes().keySet());
      results.forEach(r -> unchanged.remove(r.tube()));
      jdbc.execute((java.sql.Connection c) -> {
        try (java.sql.PreparedStatement ps = c.prepareStatement("delete from staged_result where t = any(?)")) {
          ps.setArray(1, c.createArrayOf("varchar", unchanged.toArray()));
          return ps.executeUpdate();
        }
      });
    }
    Current stored = setCurrent("staged_result u", results.size(), source, by, now, List.of());
    long read = 0;
    for (LabResult r : results) {
      read += batch.tubes().get(r.tube()).samples();
    }
    if (stored.samples() != read) {
      // the tubes were read without row locks: a registration added samples to one since (counts only grow)
      throw TestingProblem.conflict("samples were registered into some of these tubes while their results "
          + "were stored; nothing was stored, send the upload again");
    }
    return new long[] {stored.firstId(), stored.lastId()};
  }

  /**
   * The tubes' current results in JDBC batches (H2).
   *
   * @return the lowest and highest id the tubes now have
   */
  private long[] storeEach(List<LabResult> results, String source, String by, Instant now) {
    jdbc.batchUpdate("update tube set result = ?, result_time = ?, closed_at = coalesce(closed_at, ?), "
        + "result_id = next value for result_version, result_lab = ?, result_source = ?, result_recorded_by = ?, "
        + "result_recorded_at = ? where barcode = ?", results, 1000, (ps, r) -> {
          ps.setString(1, r.result());
          ps.setObject(2, CampaignRecords.utc(r.resultTime()));
          ps.setObject(3, CampaignRecords.utc(r.resultTime()));
          ps.setString(4, r.lab());
          ps.setString(5, source);
          ps.setString(6, by);
          ps.setObject(7, CampaignRecords.utc(now));
          ps.setString(8, r.tube());
        });
    long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
    SampleRecords.inChunks(jdbc, "select result_id from tube where barcode in (?*)",
        results.stream().map(LabResult::tube).toList(), rs -> {
          range[0] = Math.min(range[0], rs.getLong(1));
          range[1] = Math.max(range[1], rs.getLong(1));
        });
    return range;
  }

  /** Records an upload whose results have ids {@code ids[0]..ids[1]}, not yet fed to the health codes. */
  long recordUpload(long[] ids, int results, Instant now) {
    org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(c -> {
      java.sql.PreparedStatement ps = c.prepareStatement("insert into lab_result_upload (first_result_id, "
          + "last_result_id, results, recorded_at) values (?, ?, ?, ?)", new String[] {"upload_id"});
      ps.setLong(1, ids[0]);
      ps.setLong(2, ids[1]);
      ps.setInt(3, results);
      ps.setObject(4, CampaignRecords.utc(now));
      return ps;
    }, key);
    return key.getKey().longValue();
  }

  /** An upload the health codes have not taken yet: its id and the ids of its results. */
  record UnfedUpload(long uploadId, long firstResultId, long lastResultId) {
  }

  /** The uploads not yet fed to the health codes, oldest first. */
  List<UnfedUpload> unfedUploads() {
    return jdbc.query("select upload_id, first_result_id, last_result_id from lab_result_upload "
        + "where fed_at is null order by upload_id", (rs, i) -> new UnfedUpload(rs.getLong(1), rs.getLong(2),
        rs.getLong(3)));
  }

  /** The tubes whose current result has an id in {@code first..last} (corrected since: fed by the later upload). */
  List<String> tubesWithResults(long first, long last) {
    return jdbc.queryForList("select barcode from tube where result_id between ? and ?",
        String.class, first, last);
  }

  /** Marks {@code uploadId} as taken by the health codes. */
  void markFed(long uploadId, Instant now) {
    jdbc.update("update lab_result_upload set fed_at = ? where upload_id = ?", CampaignRecords.utc(now),
        uploadId);
  }

  /** A tube's current result, as the lab-result feed reads it. */
  record CurrentResult(String barcode, String campaignId, int poolSize, int samples, String result) {
  }

  /** The current result of each of {@code tubes} that has one, in the order given. */
  List<CurrentResult> currentResults(List<String> tubes) {
    Map<String, CurrentResult> found = new HashMap<>();
    String select = "select barcode, campaign_id, pool_size, samples, result from tube where result is not null "
        + "and ";
    SampleRecords.anyChunks(jdbc, statistics.postgres(), select + "barcode in (?*)", select + "barcode = any(?)",
        "varchar", tubes, rs -> found.put(rs.getString(1), new CurrentResult(rs.getString(1), rs.getString(2),
            rs.getInt(3), rs.getInt(4), rs.getString(5))));
    List<CurrentResult> inOrder = new ArrayList<>(found.size());
    for (String t : tubes) {
      CurrentResult r = found.remove(t);
      if (r != null) {
        inOrder.add(r);
      }
    }
    return inOrder;
  }

  /**
   * The earlier (corrected) results of every tube a lab ever corrected: tube → those results. Read whole:
   * corrections are few, and the history holds them alone (V20).
   */
  Map<String, List<String>> correctedResults() {
    Map<String, List<String>> earlier = new HashMap<>();
    jdbc.query("select tube_barcode, result from tube_result_history", rs -> {
      earlier.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
    });
    return earlier;
  }

  /** Members in person order, as a tube's members are listed. */
  static final java.util.Comparator<Member> BY_PERSON = java.util.Comparator.comparingLong(
      Member::personId);

  /** The samples in {@code tubes}, by tube, in person order; their persons' homes if asked. */
  Map<String, List<Member>> members(Collection<String> tubes, boolean withHomes) {
    Map<String, List<Member>> byTube = new HashMap<>();
    String select = withHomes ? "select s.tube_barcode, s.person_id, s.purpose, s.sampled_at, "
        + "p.home_division, p.lat, p.lon from sample s join person p on p.person_id = s.person_id where "
        : "select s.tube_barcode, s.person_id, s.purpose, s.sampled_at, null, null, null from sample s "
        + "where ";
    // sorted here, per tube: PostgreSQL sorting each chunk's 100,000 rows spilled to disk
    SampleRecords.anyChunks(jdbc, statistics.postgres(), select + "s.tube_barcode in (?*)",
        select + "s.tube_barcode = any(?)", "varchar", tubes, rs -> {
          double lat = rs.getDouble(6);
          Double la = rs.wasNull() ? null : lat;
          double lon = rs.getDouble(7);
          Double lo = rs.wasNull() ? null : lon;
          byTube.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Member(rs.getLong(2),
              rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), la,
              lo));
        });
    byTube.values().forEach(in -> in.sort(BY_PERSON));
    return byTube;
  }

  /**
   * Opens (or re-opens, after a cancelled one) the recall of {@code person}; false if one is already
   * open or done.
   */
  boolean openRecall(String campaignId, long person, String community, String siteId, String tube,
      Instant now, String by) {
    int reopened = jdbc.update("update testing_task set status = 'open', outcome = null, "
        + "closed_at = null, site_id = ?, tube_barcode = ?, created_at = ?, created_by = ? "
        + "where campaign_id = ? and person_id = ? and kind = 'recall' and status = 'cancelled'",
        siteId, tube, CampaignRecords.utc(now), by, campaignId, person);
    if (reopened == 1) {
      return true;
    }
    if (!jdbc.queryForList("select 1 from testing_task where campaign_id = ? and person_id = ? "
        + "and kind = 'recall'", Integer.class, campaignId, person).isEmpty()) {
      return false;
    }
    jdbc.update("insert into testing_task (campaign_id, person_id, kind, community, site_id, "
        + "tube_barcode, status, created_at, created_by) values (?, ?, 'recall', ?, ?, ?, 'open', ?, ?)",
        campaignId, person, community, siteId, tube, CampaignRecords.utc(now), by);
    return true;
  }

  /** A recall to open: the person, their community and nearest site, and the positive pool. */
  record RecallRequest(String campaignId, long personId, String community, String siteId, String tube) {
  }

  /**
   * Opens the recalls of {@code requests} ({@link #openRecall} each): on PostgreSQL one statement over
   * arrays (reopen the cancelled, insert where none exists), so a round's hundreds of positive pools are
   * one round trip instead of three queries per member.
   *
   * @return the requests whose recall was opened or reopened, as {@code campaignId + ' ' + personId}
   */
  java.util.Set<String> openRecalls(List<RecallRequest> requests, Instant now, String by) {
    java.util.Set<String> opened = new java.util.HashSet<>();
    if (!statistics.postgres()) {
      for (RecallRequest r : requests) {
        if (openRecall(r.campaignId(), r.personId(), r.community(), r.siteId(), r.tube(), now, by)) {
          opened.add(r.campaignId() + ' ' + r.personId());
        }
      }
      return opened;
    }
    int n = requests.size();
    String[] campaigns = new String[n];
    Long[] persons = new Long[n];
    String[] communities = new String[n];
    String[] sites = new String[n];
    String[] tubes = new String[n];
    for (int i = 0; i < n; i++) {
      RecallRequest r = requests.get(i);
      campaigns[i] = r.campaignId();
      persons[i] = r.personId();
      communities[i] = r.community();
      sites[i] = r.siteId();
      tubes[i] = r.tube();
    }
    jdbc.execute((java.sql.Connection c) -> {
      // one snapshot: the insert does not see the reopened rows, and skips them by their old state
      try (java.sql.PreparedStatement ps = c.prepareStatement("with u as (select * from unnest(?::varchar[], "
          + "?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[]) as u(c, p, m, s, t)), r as (update "
          + "testing_task k set status = 'open', outcome = null, closed_at = null, site_id = u.s, "
          + "tube_barcode = u.t, created_at = ?, created_by = ? from u where k.campaign_id = u.c and "
          + "k.person_id = u.p and k.kind = 'recall' and k.status = 'cancelled' returning k.campaign_id, "
          + "k.person_id), i as (insert into testing_task (campaign_id, person_id, kind, community, site_id, "
          + "tube_barcode, status, created_at, created_by) select u.c, u.p, 'recall', u.m, u.s, u.t, 'open', "
          + "?, ? from u where not exists (select 1 from testing_task k where k.campaign_id = u.c and "
          + "k.person_id = u.p and k.kind = 'recall') returning campaign_id, person_id) "
          + "select campaign_id, person_id from r union all select campaign_id, person_id from i")) {
        ps.setArray(1, c.createArrayOf("varchar", campaigns));
        ps.setArray(2, c.createArrayOf("int8", persons));
        ps.setArray(3, c.createArrayOf("varchar", communities));
        ps.setArray(4, c.createArrayOf("varchar", sites));
        ps.setArray(5, c.createArrayOf("varchar", tubes));
        ps.setObject(6, CampaignRecords.utc(now));
        ps.setString(7, by);
        ps.setObject(8, CampaignRecords.utc(now));
        ps.setString(9, by);
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            opened.add(rs.getString(1) + ' ' + rs.getLong(2));
          }
        }
      }
      return null;
    });
    return opened;
  }

  /** Cancels the open recalls pool results opened, after those results were corrected away. */
  void cancelRecalls(List<String> tubes, Instant now) {
    jdbc.batchUpdate("update testing_task set status = 'cancelled', outcome = 'corrected', "
        + "closed_at = ? where kind = 'recall' and tube_barcode = ? and status = 'open'", tubes, 1000,
        (ps, tube) -> {
          ps.setObject(1, CampaignRecords.utc(now));
          ps.setString(2, tube);
        });
  }

  /** Closes (or updates, after a correction) the recall of {@code person} with the retest's result. */
  void closeRecall(String campaignId, long person, String outcome, Instant now) {
    jdbc.update("update testing_task set status = 'done', outcome = ?, closed_at = ? "
        + "where campaign_id = ? and person_id = ? and kind = 'recall' and status <> 'cancelled'",
        outcome, CampaignRecords.utc(now), campaignId, person);
  }
}
