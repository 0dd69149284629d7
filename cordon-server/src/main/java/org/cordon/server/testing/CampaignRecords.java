package org.cordon.server.testing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code testing_campaign} with its targets ({@code testing_campaign_division}, {@code _group},
 * {@code _person}) and {@code sampling_site}.
 */
@Repository
class CampaignRecords {

  private static final String CAMPAIGN_COLUMNS =
      "campaign_id, name, kind, pool_size, starts_at, ends_at, created_by, scope_division";
  private static final String SITE_COLUMNS = "site_id, name, division, lat, lon, opens, closes, active";

  private final JdbcTemplate jdbc;

  CampaignRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  boolean campaignExists(String campaignId) {
    return !jdbc.queryForList("select 1 from testing_campaign where campaign_id = ?", Integer.class,
        campaignId).isEmpty();
  }

  void insertCampaign(CampaignView c, Instant now) {
    jdbc.update("insert into testing_campaign (" + CAMPAIGN_COLUMNS + ", created_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", c.campaignId(), c.name(), c.kind(), c.poolSize(),
        c.startsAt(), c.endsAt(), c.createdBy(), c.scopeDivision(), utc(now));
    jdbc.batchUpdate("insert into testing_campaign_division (campaign_id, division) values (?, ?)",
        c.divisions(), 100, (ps, d) -> {
          ps.setString(1, c.campaignId());
          ps.setString(2, d);
        });
    jdbc.batchUpdate("insert into testing_campaign_group (campaign_id, group_name) values (?, ?)",
        c.groups(), 100, (ps, g) -> {
          ps.setString(1, c.campaignId());
          ps.setString(2, g);
        });
    jdbc.batchUpdate("insert into testing_campaign_person (campaign_id, person_id) values (?, ?)",
        c.persons(), 1000, (ps, p) -> {
          ps.setString(1, c.campaignId());
          ps.setLong(2, p);
        });
  }

  Optional<CampaignView> campaign(String campaignId) {
    List<CampaignView> found = campaigns("where campaign_id = ?", campaignId);
    return found.stream().findFirst();
  }

  /** Every campaign, newest start first, with its targets. */
  List<CampaignView> campaigns() {
    return campaigns("", new Object[0]);
  }

  private List<CampaignView> campaigns(String where, Object... params) {
    Map<String, List<String>> divisions = new LinkedHashMap<>();
    Map<String, List<String>> groups = new LinkedHashMap<>();
    Map<String, List<Long>> persons = new LinkedHashMap<>();
    List<Object[]> rows = new ArrayList<>();
    jdbc.query("select " + CAMPAIGN_COLUMNS + " from testing_campaign " + where
        + " order by starts_at desc, campaign_id", rs -> {
          rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
              rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
              rs.getString(7), rs.getString(8)});
          divisions.put(rs.getString(1), new ArrayList<>());
          groups.put(rs.getString(1), new ArrayList<>());
          persons.put(rs.getString(1), new ArrayList<>());
        }, params);
    if (rows.isEmpty()) {
      return List.of();
    }
    jdbc.query("select campaign_id, division from testing_campaign_division order by division",
        (RowCallbackHandler) rs -> add(divisions, rs.getString(1), rs.getString(2)));
    jdbc.query("select campaign_id, group_name from testing_campaign_group order by group_name",
        (RowCallbackHandler) rs -> add(groups, rs.getString(1), rs.getString(2)));
    jdbc.query("select campaign_id, person_id from testing_campaign_person order by person_id",
        (RowCallbackHandler) rs -> add(persons, rs.getString(1), rs.getLong(2)));
    return rows.stream().map(r -> new CampaignView((String) r[0], (String) r[1], (String) r[2],
        (Integer) r[3], (OffsetDateTime) r[4], (OffsetDateTime) r[5],
        List.copyOf(divisions.get((String) r[0])), List.copyOf(groups.get((String) r[0])),
        List.copyOf(persons.get((String) r[0])), (String) r[7], (String) r[6])).toList();
  }

  private static <T> void add(Map<String, List<T>> byCampaign, String campaignId, T value) {
    List<T> list = byCampaign.get(campaignId);
    if (list != null) {
      list.add(value);
    }
  }

  /** Inserts or replaces a site (sites are never deleted: samples name them). */
  void upsertSite(SiteView s, String by) {
    int updated = jdbc.update("update sampling_site set name = ?, division = ?, lat = ?, lon = ?, "
            + "opens = ?, closes = ?, active = ? where site_id = ?", s.name(), s.division(), s.lat(),
        s.lon(), s.opens(), s.closes(), s.active(), s.siteId());
    if (updated == 0) {
      jdbc.update("insert into sampling_site (" + SITE_COLUMNS + ", created_by) "
              + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", s.siteId(), s.name(), s.division(), s.lat(),
          s.lon(), s.opens(), s.closes(), s.active(), by);
    }
  }

  Optional<SiteView> site(String siteId) {
    return jdbc.query("select " + SITE_COLUMNS + " from sampling_site where site_id = ?",
        CampaignRecords::site, siteId).stream().findFirst();
  }

  /** Sites whose division starts with {@code likePattern}'s prefix, by id. */
  List<SiteView> sites(String likePattern) {
    return jdbc.query("select " + SITE_COLUMNS + " from sampling_site where division like ? "
        + "order by site_id", CampaignRecords::site, likePattern);
  }

  /** Every active site (candidates for a recall visit). */
  List<SiteView> activeSites() {
    return jdbc.query("select " + SITE_COLUMNS + " from sampling_site where active = true "
        + "order by site_id", CampaignRecords::site);
  }

  private static SiteView site(ResultSet rs, int n) throws SQLException {
    return new SiteView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
        rs.getDouble(5), rs.getObject(6, LocalTime.class), rs.getObject(7, LocalTime.class),
        rs.getBoolean(8));
  }

  static OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }
}
