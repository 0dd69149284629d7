package org.cordon.server.testing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.person.Person;
import org.cordon.core.place.Division;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.testing.CoverageReport;
import org.cordon.core.testing.SamplingRound;
import org.cordon.server.security.Jurisdiction;
import org.cordon.server.security.Paging;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The read side of testing: coverage (from the campaign's in-memory round), and turnaround, missed
 * persons and tasks straight from the tables.
 */
@Repository
class TestingBoards {

  private final JdbcTemplate jdbc;
  private final DivisionTree tree;

  TestingBoards(JdbcTemplate jdbc, DivisionTree tree) {
    this.jdbc = jdbc;
    this.tree = tree;
  }

  /**
   * SQL restricting person {@code p} to the campaign's targets (residents of its divisions, current
   * members of its key groups, its explicit persons), and its parameters; RoundSnapshots builds the
   * round's population with the same predicate, so the lists and the coverage agree.
   */
  static String targeted(CampaignView c, List<Object> params) {
    List<String> ors = new ArrayList<>();
    for (String d : c.divisions()) {
      ors.add("p.home_division like ?");
      params.add(d + "%");
    }
    if (!c.groups().isEmpty()) {
      ors.add("p.person_id in (select m.person_id from key_group_member m join testing_campaign_group g "
          + "on g.group_name = m.group_name where g.campaign_id = ?)");
      params.add(c.campaignId());
    }
    if (!c.persons().isEmpty()) {
      ors.add("p.person_id in (select t.person_id from testing_campaign_person t where t.campaign_id = ?)");
      params.add(c.campaignId());
    }
    return ors.isEmpty() ? "(1 = 0)" : "(" + String.join(" or ", ors) + ")";
  }

  /** Coverage in {@code division} and its children (see {@link CoverageView}), from the round. */
  CoverageView coverage(CampaignView c, DivisionCode division, SamplingRound round) {
    CoverageReport report = round.coverage();
    String name = tree.find(division).map(Division::name).orElse(division.value());
    List<CoverageView.Counts> children = division.level() >= 5 || tree.find(division).isEmpty()
        ? List.of()
        : report.children(division).stream().map(d -> CoverageView.Counts.of(d.division().value(),
            d.name(), d.counts())).toList();
    return new CoverageView(c.campaignId(), CoverageView.Counts.of(division.value(), name,
        report.of(division)), children);
  }

  /** Targeted residents of {@code division} not screened in {@code c}, by person id. */
  List<MissedPerson> missed(CampaignView c, DivisionCode division, Paging paging, boolean fullId,
      boolean fullPhone) {
    List<Object> params = new ArrayList<>();
    params.add(c.campaignId());
    params.add(c.campaignId());
    params.add(division.value() + "%");
    String where = targeted(c, params);
    params.add(paging.size());
    params.add(paging.offset());
    return jdbc.query("select p.person_id, p.name, p.home_division, p.id_number, p.phone, "
        + "k.status from person p "
        + "left join testing_task k on k.person_id = p.person_id and k.campaign_id = ? "
        + "and k.kind = 'missed' where not exists (select 1 from sample s where s.person_id = "
        + "p.person_id and s.campaign_id = ? and s.purpose = 'screen') and p.home_division like ? and "
        + where + " order by p.person_id limit ? offset ?", (rs, n) -> {
              Person p = person(rs.getLong(1), rs.getString(3), rs.getString(4), rs.getString(2),
                  rs.getString(5));
              return new MissedPerson(p.personId(), p.name(), p.homeDivision().value(),
                  idNumber(p, fullId), phone(p, fullPhone), "open".equals(rs.getString(6)));
            }, params.toArray());
  }

  /** Creates a 'missed' task for every missed resident of {@code division} without one; the count. */
  int pushMissed(CampaignView c, DivisionCode division, String by, Instant now) {
    List<Object> params = new ArrayList<>();
    params.add(c.campaignId());
    params.add(CampaignRecords.utc(now));
    params.add(by);
    params.add(c.campaignId());
    params.add(c.campaignId());
    params.add(division.value() + "%");
    String where = targeted(c, params);
    return jdbc.update("insert into testing_task (campaign_id, person_id, kind, community, status, "
        + "created_at, created_by) select ?, p.person_id, 'missed', p.home_division, 'open', ?, ? "
        + "from person p where not exists (select 1 from testing_task k where k.person_id = p.person_id "
        + "and k.campaign_id = ? and k.kind = 'missed') and not exists (select 1 from sample s where "
        + "s.person_id = p.person_id and s.campaign_id = ? and s.purpose = 'screen') "
        + "and p.home_division like ? and " + where, params.toArray());
  }

  /** Tasks of persons living in {@code scope}, newest first, optionally filtered. */
  List<TaskView> tasks(Jurisdiction scope, String kind, String campaignId, String status,
      DivisionCode community, Paging paging, boolean fullId, boolean fullPhone) {
    StringBuilder sql = new StringBuilder("select k.task_id, k.campaign_id, k.kind, k.person_id, "
        + "p.name, k.community, p.id_number, p.phone, k.site_id, s.name, k.tube_barcode, k.status, "
        + "k.outcome, k.created_at, k.closed_at from testing_task k "
        + "join person p on p.person_id = k.person_id "
        + "left join sampling_site s on s.site_id = k.site_id where "
        + Jurisdiction.predicate("k.community"));
    List<Object> params = new ArrayList<>(List.of(scope.likePattern()));
    if (kind != null) {
      sql.append(" and k.kind = ?");
      params.add(kind);
    }
    if (campaignId != null) {
      sql.append(" and k.campaign_id = ?");
      params.add(campaignId);
    }
    if (status != null) {
      sql.append(" and k.status = ?");
      params.add(status);
    }
    if (community != null) {
      sql.append(" and k.community like ?");
      params.add(community.value() + "%");
    }
    sql.append(" order by k.task_id desc limit ? offset ?");
    params.add(paging.size());
    params.add(paging.offset());
    return jdbc.query(sql.toString(), (rs, n) -> {
      Person p = person(rs.getLong(4), rs.getString(6), rs.getString(7), rs.getString(5),
          rs.getString(8));
      return new TaskView(rs.getLong(1), rs.getString(2), rs.getString(3), p.personId(), p.name(),
          rs.getString(6), idNumber(p, fullId), phone(p, fullPhone), rs.getString(9),
          rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
          rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class));
    }, params.toArray());
  }

  /** The turnaround board of {@code c} for tubes sampled at sites in {@code scope}. */
  TurnaroundView turnaround(CampaignView c, Jurisdiction scope, int limitHours, Instant now,
      Paging paging) {
    OffsetDateTime deadline = CampaignRecords.utc(now.minus(Duration.ofHours(limitHours)));
    String from = " from tube t join sampling_site s on s.site_id = t.site_id where t.campaign_id = ? "
        + "and " + Jurisdiction.predicate("s.division");
    long[] n = jdbc.query("select sum(case when t.closed_at is null then 1 else 0 end), "
        + "sum(case when t.closed_at is not null then 1 else 0 end), "
        + "sum(case when t.received_at is not null then 1 else 0 end), "
        + "sum(case when t.result is not null then 1 else 0 end), "
        + "sum(case when t.result is null and t.first_sample_at < ? then 1 else 0 end)" + from,
        rs -> {
          rs.next();
          return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
        }, deadline, c.campaignId(), scope.likePattern());
    String columns = "select t.barcode, t.site_id, t.pool_size, t.samples, t.first_sample_at, "
        + "t.closed_at, t.received_at, t.result_time, t.result";
    List<TurnaroundView.TubeRow> rows = new ArrayList<>(jdbc.query(columns + from
        + " and t.result is null and t.first_sample_at < ? order by t.first_sample_at, t.barcode "
        + "limit ? offset ?", (rs, i) -> tube(rs, now, limitHours), c.campaignId(),
        scope.likePattern(), deadline, paging.size(), paging.offset()));
    if (rows.size() < paging.size()) {
      long skip = Math.max(0, paging.offset() - n[4]);
      rows.addAll(jdbc.query(columns + from + " and not (t.result is null and t.first_sample_at < ?) "
          + "and t.first_sample_at is not null order by t.first_sample_at desc, t.barcode limit ? "
          + "offset ?", (rs, i) -> tube(rs, now, limitHours), c.campaignId(), scope.likePattern(),
          deadline, paging.size() - rows.size(), skip));
    }
    return new TurnaroundView(c.campaignId(), limitHours, n[0], n[1], n[2], n[3], n[4],
        Collections.unmodifiableList(rows));
  }

  private static TurnaroundView.TubeRow tube(ResultSet rs, Instant now, int limitHours)
      throws SQLException {
    OffsetDateTime sampled = rs.getObject(5, OffsetDateTime.class);
    OffsetDateTime resulted = rs.getObject(8, OffsetDateTime.class);
    Instant end = resulted == null ? now : resulted.toInstant();
    double hours = sampled == null ? 0
        : Math.round(Duration.between(sampled.toInstant(), end).toMinutes() / 6.0) / 10.0;
    boolean alarm = resulted == null && sampled != null
        && sampled.toInstant().isBefore(now.minus(Duration.ofHours(limitHours)));
    return new TurnaroundView.TubeRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
        sampled, rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class), resulted,
        rs.getString(9), hours, alarm);
  }

  /** The person of a list row, so lists mask exactly as the persons API does. */
  static Person person(long id, String home, String idNumber, String name, String phone) {
    return new Person(id, id, new DivisionCode(home), IdentityNumber.of(idNumber), name, phone, null);
  }

  static String idNumber(Person p, boolean full) {
    return full ? p.idNumber().value() : p.idNumber().masked();
  }

  static String phone(Person p, boolean full) {
    return full ? p.phone() : p.maskedPhone();
  }
}
