package org.cordon.server.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table {@code tube_result}, the current result on {@code tube}, and the recall tasks results open. */
@Repository
class ResultRecords {

  /** A tube locked for a result: where it is, how full, and its current result. */
  record LockedTube(String barcode, String campaignId, String siteDivision, int poolSize, int samples,
      Instant firstSample, String result, Instant resultTime, Long resultId) {
  }

  /** A sample in a resulted tube, with what the recall needs of its person. */
  record Member(long personId, String purpose, Instant sampledAt, String homeDivision, Double lat,
      Double lon) {
  }

  /** Uploads of at least this many results refresh the planner's statistics of tube_result. */
  private static final int ANALYZE_ROWS = 1000;
  private final JdbcTemplate jdbc;
  private final SampleRecords statistics;

  ResultRecords(JdbcTemplate jdbc, SampleRecords statistics) {
    this.statistics = statistics;
    this.jdbc = jdbc;
  }

  /** The stored tubes among {@code barcodes}, locked until the transaction ends. */
  Map<String, LockedTube> lock(Collection<String> barcodes) {
    Map<String, LockedTube> tubes = new HashMap<>();
    SampleRecords.inChunks(jdbc, "select t.barcode, t.campaign_id, s.division, t.pool_size, t.samples, "
        + "t.first_sample_at, t.result, t.result_time, t.result_id from tube t "
        + "join sampling_site s on s.site_id = t.site_id where t.barcode in (?*) for update", barcodes,
        rs -> {
          OffsetDateTime first = rs.getObject(6, OffsetDateTime.class);
          OffsetDateTime time = rs.getObject(8, OffsetDateTime.class);
          long id = rs.getLong(9);
          tubes.put(rs.getString(1), new LockedTube(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getInt(4), rs.getInt(5), first == null ? null : first.toInstant(), rs.getString(7),
              time == null ? null : time.toInstant(), rs.wasNull() ? null : id));
        });
    return tubes;
  }

  /**
   * Stores result versions (at most one per tube) and makes each its tube's current result; the
   * version it replaces gets {@code superseded_by}.
   */
  void store(List<LabResult> results, String source, String by, Instant now) {
    jdbc.batchUpdate("insert into tube_result (tube_barcode, result, result_time, lab, source, "
        + "recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?)", results, 1000, (ps, r) -> {
          ps.setString(1, r.tube());
          ps.setString(2, r.result());
          ps.setObject(3, CampaignRecords.utc(r.resultTime()));
          ps.setString(4, r.lab());
          ps.setString(5, source);
          ps.setString(6, by);
          ps.setObject(7, CampaignRecords.utc(now));
        });
    if (results.size() >= ANALYZE_ROWS) {
      // the next two statements look up tube_result by tube once per result; planned against the
      // statistics of a table that was empty or small, each became a sequential scan of the growing
      // table (40,000 results: 88 s instead of a few). analyze in this transaction sees its rows.
      statistics.analyze("tube_result");
    }
    jdbc.batchUpdate("update tube set result = ?, result_time = ?, closed_at = coalesce(closed_at, ?), "
        + "result_id = (select max(r.result_id) from tube_result r where r.tube_barcode = ?) "
        + "where barcode = ?", results, 1000, (ps, r) -> {
          ps.setString(1, r.result());
          ps.setObject(2, CampaignRecords.utc(r.resultTime()));
          ps.setObject(3, CampaignRecords.utc(r.resultTime()));
          ps.setString(4, r.tube());
          ps.setString(5, r.tube());
        });
    jdbc.batchUpdate("update tube_result set superseded_by = (select t.result_id from tube t where "
        + "t.barcode = ?) where tube_barcode = ? and superseded_by is null and result_id <> (select "
        + "t.result_id from tube t where t.barcode = ?)", results, 1000, (ps, r) -> {
          ps.setString(1, r.tube());
          ps.setString(2, r.tube());
          ps.setString(3, r.tube());
        });
  }

  /** The samples in {@code tubes}, by tube, in person order. */
  Map<String, List<Member>> members(Collection<String> tubes) {
    Map<String, List<Member>> byTube = new HashMap<>();
    SampleRecords.inChunks(jdbc, "select s.tube_barcode, s.person_id, s.purpose, s.sampled_at, "
        + "p.home_division, p.lat, p.lon from sample s join person p on p.person_id = s.person_id "
        + "where s.tube_barcode in (?*) order by s.person_id", tubes, rs -> {
          double lat = rs.getDouble(6);
          Double la = rs.wasNull() ? null : lat;
          double lon = rs.getDouble(7);
          Double lo = rs.wasNull() ? null : lon;
          byTube.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Member(rs.getLong(2),
              rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), la,
              lo));
        });
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
