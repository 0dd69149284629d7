package org.cordon.server.testing;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
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

  private final JdbcTemplate jdbc;

  ResultRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<LockedTube> lock(String barcode) {
    return jdbc.query("select t.barcode, t.campaign_id, s.division, t.pool_size, t.samples, "
        + "t.first_sample_at, t.result, t.result_time, t.result_id from tube t "
        + "join sampling_site s on s.site_id = t.site_id where t.barcode = ? for update", (rs, n) -> {
          OffsetDateTime first = rs.getObject(6, OffsetDateTime.class);
          OffsetDateTime time = rs.getObject(8, OffsetDateTime.class);
          long id = rs.getLong(9);
          return new LockedTube(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
              rs.getInt(5), first == null ? null : first.toInstant(), rs.getString(7),
              time == null ? null : time.toInstant(), rs.wasNull() ? null : id);
        }, barcode).stream().findFirst();
  }

  /** Stores a result version and makes it the tube's current one; returns its id. */
  long store(LabResult r, String source, String by, Instant now, Long supersedes) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement("insert into tube_result (tube_barcode, result, "
          + "result_time, lab, source, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?)",
          new String[] {"result_id"});
      ps.setString(1, r.tube());
      ps.setString(2, r.result());
      ps.setObject(3, CampaignRecords.utc(r.resultTime()));
      ps.setString(4, r.lab());
      ps.setString(5, source);
      ps.setString(6, by);
      ps.setObject(7, CampaignRecords.utc(now));
      return ps;
    }, key);
    long id = key.getKeyAs(Long.class);
    if (supersedes != null) {
      jdbc.update("update tube_result set superseded_by = ? where result_id = ?", id, supersedes);
    }
    jdbc.update("update tube set result = ?, result_time = ?, result_id = ?, "
        + "closed_at = coalesce(closed_at, ?) where barcode = ?", r.result(),
        CampaignRecords.utc(r.resultTime()), id, CampaignRecords.utc(r.resultTime()), r.tube());
    return id;
  }

  List<Member> members(String barcode) {
    return jdbc.query("select s.person_id, s.purpose, s.sampled_at, p.home_division, p.lat, p.lon "
        + "from sample s join person p on p.person_id = s.person_id where s.tube_barcode = ? "
        + "order by s.person_id", (rs, n) -> {
          double lat = rs.getDouble(5);
          Double la = rs.wasNull() ? null : lat;
          double lon = rs.getDouble(6);
          Double lo = rs.wasNull() ? null : lon;
          return new Member(rs.getLong(1), rs.getString(2),
              rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), la, lo);
        }, barcode);
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

  /** Cancels the open recalls a pool result opened, after that result was corrected away. */
  int cancelRecalls(String tube, Instant now) {
    return jdbc.update("update testing_task set status = 'cancelled', outcome = 'corrected', "
        + "closed_at = ? where kind = 'recall' and tube_barcode = ? and status = 'open'",
        CampaignRecords.utc(now), tube);
  }

  /** Closes (or updates, after a correction) the recall of {@code person} with the retest's result. */
  void closeRecall(String campaignId, long person, String outcome, Instant now) {
    jdbc.update("update testing_task set status = 'done', outcome = ?, closed_at = ? "
        + "where campaign_id = ? and person_id = ? and kind = 'recall' and status <> 'cancelled'",
        outcome, CampaignRecords.utc(now), campaignId, person);
  }
}
