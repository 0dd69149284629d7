package org.cordon.server.testing;

import org.cordon.server.intake.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Tables {@code tube} and {@code sample}, read and written in batches. */
@Repository
class SampleRecords {

  /** Ids per {@code in (...)} list. */
  private static final int CHUNK = 500;

  /** A tube as stored; mutable while a batch is checked against it. */
  static final class Tube {
    final String barcode;
    final String campaignId;
    final String siteId;
    final int poolSize;
    /** The samples it held before the batch: the stored update adds only the batch's own. */
    final int samplesBefore;
    int samples;
    Instant closedAt;
    final String result;
    final boolean stored;
    boolean changed;

    Tube(String barcode, String campaignId, String siteId, int poolSize, int samples, Instant closedAt,
        String result, boolean stored) {
      this.barcode = barcode;
      this.campaignId = campaignId;
      this.siteId = siteId;
      this.poolSize = poolSize;
      this.samplesBefore = samples;
      this.samples = samples;
      this.closedAt = closedAt;
      this.result = result;
      this.stored = stored;
    }
  }

  /** A sample to insert. */
  record NewSample(String campaignId, long personId, String purpose, String tube, String siteId,
      Instant sampledAt, String collectedBy) {
  }

  /** The fewest new samples that refresh the planner statistics ({@link #sampleRowsStored}). */
  static final int ANALYZE_AFTER_ROWS = 1_000;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SampleRecords.class);

  private final JdbcTemplate jdbc;
  private final Database database;
  /** Samples in the table at the last refresh of its statistics (-1: not read yet), and since. */
  private long analyzedAt = -1;
  private long storedSince;
  /** Whether a refresh runs (on its own thread). */
  private boolean refreshing;

  SampleRecords(JdbcTemplate jdbc, Database database) {
    this.jdbc = jdbc;
    this.database = database;
  }

  /** Runs {@code sql}, whose {@code (?*)} stands for an {@code in} list, once per chunk of {@code ids}. */
  <T> void inChunks(String sql, Collection<T> ids, RowHandler handler) {
    inChunks(jdbc, sql, ids, handler);
  }

  /**
   * Counts {@code stored} new samples and, once the samples stored since the last refresh are at least
   * as many as the table held then (and {@link #ANALYZE_AFTER_ROWS} or more), refreshes PostgreSQL's
   * planner statistics of the sample and tube tables. A round starts on empty tables, and until
   * autovacuum analyzes them the planner takes every {@code in (...)} lookup of the next upload for a
   * sequential scan (45 ms instead of 5 ms per 500 ids on 100k rows, and growing with the table).
   * Statistics at least half the table's size keep those lookups on their indexes; refreshing after
   * every upload instead cost 0.1-0.3 s an upload at 400k samples on a loaded machine ({@code analyze} reads
   * 30,000 random rows of each table) for nothing: so a refresh comes each time the table has doubled,
   * fewer than 10 for a round of 5M in uploads of 20,000. The refresh runs on a thread of its own
   * (one at a time; a refresh due while one runs is left to the next doubling): the upload that
   * triggered it answered 100-500 ms later at 5M, and the next uploads, still planned with the older
   * statistics, are at least half the table's size behind. H2 needs no such help.
   */
  void sampleRowsStored(int stored) {
    if (!postgres()) {
      return;
    }
    synchronized (this) {
      if (analyzedAt < 0) {
        // a restart on a filled table: start from what the last analyze (or vacuum) counted
        Long counted = jdbc.queryForObject("select greatest(reltuples::bigint, 0) from pg_class "
            + "where oid = 'sample'::regclass", Long.class);
        analyzedAt = counted == null ? 0 : counted;
      }
      storedSince += stored;
      if (storedSince < Math.max(ANALYZE_AFTER_ROWS, analyzedAt)) {
        return;
      }
      if (refreshing) {
        return;
      }
      analyzedAt += storedSince;
      storedSince = 0;
      refreshing = true;
    }
    Thread refresh = new Thread(() -> {
      try {
        analyze("sample, tube");
      } catch (RuntimeException e) {
        LOG.warn("refreshing the statistics of sample and tube failed: {}", e.toString());
      } finally {
        synchronized (this) {
          refreshing = false;
        }
      }
    }, "sample-statistics");
    refresh.setDaemon(true);
    refresh.start();
  }

  /** PostgreSQL's {@code analyze} of {@code tables} (trusted names); nothing on H2. */
  void analyze(String tables) {
    if (postgres()) {
      jdbc.execute("analyze " + tables);
    }
  }

  /** Whether the store is PostgreSQL. */
  boolean postgres() {
    return database == Database.POSTGRESQL;
  }

  /** {@link #inChunks(String, Collection, RowHandler)} on {@code jdbc}. */
  static <T> void inChunks(JdbcTemplate jdbc, String sql, Collection<T> ids, RowHandler handler) {
    List<T> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<T> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      jdbc.query(sql.replace("(?*)", "(" + marks + ")"), rs -> {
        handler.row(rs);
      }, chunk.toArray());
    }
  }

  /** Ids per {@code = any(?)} array on PostgreSQL ({@link #anyChunks}). */
  private static final int ARRAY_CHUNK = 10_000;

  /**
   * Runs a query over {@code ids} in chunks: on PostgreSQL {@code pgSql}, whose one {@code ?} takes a
   * chunk of 10,000 as an array of {@code arrayType} ({@code t.barcode = any(?)}), else {@code sql} with
   * its {@code (?*)} as in {@link #inChunks}. Large sets (a results upload of 500,000 tubes) take 50
   * round trips instead of 1,000. Rows come back in PostgreSQL's binary format (a server-prepared
   * statement from the first execution): reading the 5,000,000 members of a city's tubes, parsing
   * times and numbers from text took three times as long as the query.
   */
  static <T> void anyChunks(JdbcTemplate jdbc, boolean postgres, String sql, String pgSql,
      String arrayType, Collection<T> ids, RowHandler handler) {
    if (!postgres) {
      inChunks(jdbc, sql, ids, handler);
      return;
    }
    List<T> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += ARRAY_CHUNK) {
      Object[] chunk = all.subList(from, Math.min(all.size(), from + ARRAY_CHUNK)).toArray();
      jdbc.query(c -> {
        java.sql.PreparedStatement ps = binary(c, pgSql);
        ps.setArray(1, c.createArrayOf(arrayType, chunk));
        return ps;
      }, handler::row);
    }
  }

  /** A PostgreSQL statement whose rows come in the binary format (server-prepared from the first run). */
  static java.sql.PreparedStatement binary(java.sql.Connection c, String sql) throws java.sql.SQLException {
    java.sql.PreparedStatement ps = c.prepareStatement(sql);
    ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
    return ps;
  }

  /** A result-set callback that may throw. */
  @FunctionalInterface
  interface RowHandler {
    void row(java.sql.ResultSet rs) throws java.sql.SQLException;
  }

  /** Stored persons among {@code ids}: id → home division. */
  Map<Long, String> homes(Collection<Long> ids) {
    Map<Long, String> homes = new HashMap<>();
    inChunks("select person_id, home_division from person where person_id in (?*)", ids,
        rs -> homes.put(rs.getLong(1), rs.getString(2)));
    return homes;
  }

  /** Person ids of identity numbers among {@code numbers}. */
  Map<String, Long> byIdNumber(Collection<String> numbers) {
    Map<String, Long> ids = new HashMap<>();
    inChunks("select id_number, person_id from person where id_number in (?*)", numbers,
        rs -> ids.put(rs.getString(1), rs.getLong(2)));
    return ids;
  }

  /** For each of {@code persons}, its stored samples: consumer gets (person, campaign/purpose/tube). */
  void samplesOf(Collection<Long> persons, BiConsumer<Long, String[]> sink) {
    inChunks("select person_id, campaign_id, purpose, tube_barcode from sample where person_id in (?*)",
        persons, rs -> sink.accept(rs.getLong(1),
            new String[] {rs.getString(2), rs.getString(3), rs.getString(4)}));
  }

  /** Open recall tasks of {@code persons} as {@code campaign|person} keys. */
  List<String> openRecalls(Collection<Long> persons) {
    List<String> keys = new ArrayList<>();
    inChunks("select campaign_id, person_id from testing_task where kind = 'recall' and status = 'open' "
        + "and person_id in (?*)", persons, rs -> keys.add(rs.getString(1) + "|" + rs.getLong(2)));
    return keys;
  }

  /**
   * The stored tubes among {@code barcodes}, locked until the transaction ends. On PostgreSQL 10,000
   * barcodes a query ({@link #anyChunks}): the 2,000 new barcodes of an upload of 20,000 samples are
   * one statement instead of four of 500 placeholders, each parsed and planned anew.
   */
  Map<String, Tube> lockTubes(Collection<String> barcodes) {
    Map<String, Tube> tubes = new HashMap<>();
    String select = "select barcode, campaign_id, site_id, pool_size, samples, closed_at, result "
        + "from tube where barcode ";
    anyChunks(jdbc, postgres(), select + "in (?*) for update", select + "= any(?) for update",
        "varchar", barcodes, rs -> {
          java.time.OffsetDateTime closed = rs.getObject(6, java.time.OffsetDateTime.class);
          tubes.put(rs.getString(1), new Tube(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getInt(4), rs.getInt(5), closed == null ? null : closed.toInstant(), rs.getString(7),
              true));
        });
    return tubes;
  }

  /**
   * Inserts new tubes and adds the batch's samples to stored ones; {@code firstSample} and
   * {@code lastSample} are the batch's earliest and latest sample time per tube. A stored tube is
   * updated only if it is still open, without a result, and has room for the batch's samples: a batch
   * checked against memory may have missed a change another writer committed, or samples the round does
   * not count. A new tube that exists already fails on the primary key.
   *
   * @return false when a stored tube did not take its samples (the caller rolls back)
   */
  boolean saveTubes(Collection<Tube> tubes, Map<String, Instant> firstSample,
      Map<String, Instant> lastSample, String by) {
    List<Tube> fresh = tubes.stream().filter(t -> !t.stored).toList();
    List<Tube> changed = tubes.stream().filter(t -> t.stored && t.changed).toList();
    if (postgres()) {
      PgSampleCopy.insertTubes(jdbc, fresh, firstSample, by);
    } else {
      jdbc.batchUpdate("insert into tube (barcode, campaign_id, site_id, pool_size, samples, opened_at, "
          + "first_sample_at, closed_at, closed_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", fresh, 1000,
          (ps, t) -> {
            ps.setString(1, t.barcode);
            ps.setString(2, t.campaignId);
            ps.setString(3, t.siteId);
            ps.setInt(4, t.poolSize);
            ps.setInt(5, t.samples);
            ps.setObject(6, CampaignRecords.utc(firstSample.get(t.barcode)));
            ps.setObject(7, CampaignRecords.utc(firstSample.get(t.barcode)));
            ps.setObject(8, CampaignRecords.utc(t.closedAt));
            ps.setString(9, t.closedAt == null ? null : by);
          });
    }
    // a few tubes per batch (those it continues): one statement each
    int[][] counts = jdbc.batchUpdate("update tube set samples = samples + ?, "
        + "closed_at = case when samples + ? = pool_size then ? else closed_at end, "
        + "closed_by = case when samples + ? = pool_size then coalesce(closed_by, ?) else closed_by end, "
        + "first_sample_at = coalesce(first_sample_at, ?) "
        + "where barcode = ? and closed_at is null and result is null and samples + ? <= pool_size",
        changed, 1000, (ps, t) -> {
          int added = t.samples - t.samplesBefore;
          Instant closedAt = t.closedAt != null ? t.closedAt : lastSample.get(t.barcode);
          ps.setInt(1, added);
          ps.setInt(2, added);
          ps.setObject(3, CampaignRecords.utc(closedAt));
          ps.setInt(4, added);
          ps.setString(5, by);
          ps.setObject(6, CampaignRecords.utc(firstSample.get(t.barcode)));
          ps.setString(7, t.barcode);
          ps.setInt(8, added);
        });
    for (int[] chunk : counts) {
      for (int n : chunk) {
        if (n == 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Inserts the samples whose person exists and whose tube exists with the same campaign and site (the
   * table has no foreign keys, V11: this is their check); on PostgreSQL two lookups and a COPY, on H2
   * a JDBC batch.
   *
   * @return false when a row was left out (the caller rolls back)
   */
  boolean insertSamples(List<NewSample> samples) {
    if (postgres()) {
      return PgSampleCopy.insertSamples(jdbc, samples);
    }
    int[][] counts = jdbc.batchUpdate("insert into sample (campaign_id, person_id, purpose, "
        + "tube_barcode, site_id, sampled_at, collected_by) select t.campaign_id, p.person_id, ?, "
        + "t.barcode, t.site_id, ?, ? from tube t join person p on p.person_id = ? "
        + "where t.barcode = ? and t.campaign_id = ? and t.site_id = ?", samples, 1000, (ps, s) -> {
          ps.setString(1, s.purpose());
          ps.setObject(2, CampaignRecords.utc(s.sampledAt()));
          ps.setString(3, s.collectedBy());
          ps.setLong(4, s.personId());
          ps.setString(5, s.tube());
          ps.setString(6, s.campaignId());
          ps.setString(7, s.siteId());
        });
    for (int[] chunk : counts) {
      for (int n : chunk) {
        if (n != 1) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Marks the open 'missed' tasks of the sampled persons done: one statement per campaign, and none when
   * the campaign has no open missed task (the usual case while a round is running).
   */
  void closeMissedTasks(List<NewSample> samples, Instant now) {
    for (String campaign : samples.stream().map(NewSample::campaignId).distinct().toList()) {
      jdbc.update("update testing_task set status = 'done', outcome = 'sampled', closed_at = ? "
          + "where campaign_id = ? and kind = 'missed' and status = 'open' and person_id in "
          + "(select s.person_id from sample s where s.campaign_id = ? and s.purpose = 'screen')",
          CampaignRecords.utc(now), campaign, campaign);
    }
  }

  /** Inserts empty tubes (issued, not yet sampled). */
  void issue(List<String> barcodes, String campaignId, String siteId, int poolSize, Instant now) {
    jdbc.batchUpdate("insert into tube (barcode, campaign_id, site_id, pool_size, samples, opened_at) "
        + "values (?, ?, ?, ?, 0, ?)", barcodes, 1000, (ps, b) -> {
          ps.setString(1, b);
          ps.setString(2, campaignId);
          ps.setString(3, siteId);
          ps.setInt(4, poolSize);
          ps.setObject(5, CampaignRecords.utc(now));
        });
  }

  /** Closes tube {@code barcode} if open; returns whether it changed. */
  boolean close(String barcode, Instant at, String by) {
    return jdbc.update("update tube set closed_at = ?, closed_by = ? where barcode = ? "
        + "and closed_at is null", CampaignRecords.utc(at), by, barcode) == 1;
  }

  /** Marks tube {@code barcode} received by the lab if it was not yet. */
  boolean receive(String barcode, Instant at) {
    return jdbc.update("update tube set received_at = ?, closed_at = coalesce(closed_at, ?) "
        + "where barcode = ? and received_at is null", CampaignRecords.utc(at), CampaignRecords.utc(at),
        barcode) == 1;
  }

  /** Campaign, site and sample count of a tube, if it exists: {@code [campaign, site, division]}. */
  java.util.Optional<String[]> tubeInfo(String barcode) {
    return jdbc.query("select t.campaign_id, t.site_id, s.division, t.samples from tube t "
        + "join sampling_site s on s.site_id = t.site_id where t.barcode = ?",
        (rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
            Integer.toString(rs.getInt(4))}, barcode).stream().findFirst();
  }
}
