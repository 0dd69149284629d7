package org.cordon.server.testing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cordon.core.testing.TestMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Tables {@code key_group_member} and {@code antigen_test} (V8), and the PCR samples of members. */
@Repository
class KeyGroupRecords {

  /** A stored membership with the person's row (for masking and scoping). */
  record Member(long personId, String group, String workplaceId, String workplaceName, Instant since,
      String registeredBy, String name, String homeDivision, String idNumber, String phone) {
  }

  /** A membership to store. */
  record NewMember(long personId, String group, String workplaceId, String workplaceName, Instant since) {
  }

  /** Receives a member's test. */
  @FunctionalInterface
  interface TestSink {
    void test(long personId, TestMethod method, Instant at);
  }

  private static final String MEMBER_COLUMNS = "m.person_id, m.group_name, m.workplace_id, "
      + "m.workplace_name, m.since, m.registered_by, p.name, p.home_division, p.id_number, p.phone";

  private final JdbcTemplate jdbc;

  KeyGroupRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The stored membership of {@code personId} in {@code group}, if any. */
  Optional<Member> member(long personId, String group) {
    return jdbc.query("select " + MEMBER_COLUMNS + " from key_group_member m join person p on "
        + "p.person_id = m.person_id where m.person_id = ? and m.group_name = ?", KeyGroupRecords::member,
        personId, group).stream().findFirst();
  }

  /** Stored memberships among {@code personIds}, as {@code person|group} keys. */
  List<String> existing(Collection<Long> personIds) {
    List<String> keys = new ArrayList<>();
    SampleRecords.inChunks(jdbc, "select person_id, group_name from key_group_member where person_id in (?*)",
        personIds, rs -> keys.add(rs.getLong(1) + "|" + rs.getString(2)));
    return keys;
  }

  void insert(List<NewMember> members, String by, Instant now) {
    jdbc.batchUpdate("insert into key_group_member (person_id, group_name, workplace_id, workplace_name, "
        + "since, registered_by, registered_at) values (?, ?, ?, ?, ?, ?, ?)", members, 500, (ps, m) -> {
          ps.setLong(1, m.personId());
          ps.setString(2, m.group());
          ps.setString(3, m.workplaceId());
          ps.setString(4, m.workplaceName());
          ps.setObject(5, CampaignRecords.utc(m.since()));
          ps.setString(6, by);
          ps.setObject(7, CampaignRecords.utc(now));
        });
  }

  /** Moves an existing member to another workplace (their membership and its start stay). */
  void updateWorkplaces(List<NewMember> members) {
    jdbc.batchUpdate("update key_group_member set workplace_id = ?, workplace_name = ? where person_id = ? "
        + "and group_name = ?", members, 500, (ps, m) -> {
          ps.setString(1, m.workplaceId());
          ps.setString(2, m.workplaceName());
          ps.setLong(3, m.personId());
          ps.setString(4, m.group());
        });
  }

  /** Deletes the memberships of a person (in {@code group}, or all when null); the groups removed. */
  List<String> delete(long personId, String group) {
    List<String> groups = group == null
        ? jdbc.queryForList("select group_name from key_group_member where person_id = ? order by group_name",
            String.class, personId)
        : jdbc.queryForList("select group_name from key_group_member where person_id = ? and group_name = ?",
            String.class, personId, group);
    for (String g : groups) {
      jdbc.update("delete from key_group_member where person_id = ? and group_name = ?", personId, g);
    }
    return groups;
  }

  /**
   * Members living under {@code likePattern} (a jurisdiction), optionally of one group and workplace,
   * by workplace, group and person.
   */
  List<Member> members(String likePattern, String group, String workplace) {
    StringBuilder sql = new StringBuilder("select " + MEMBER_COLUMNS + " from key_group_member m join "
        + "person p on p.person_id = m.person_id where p.home_division like ?");
    List<Object> params = new ArrayList<>(List.of(likePattern));
    if (group != null) {
      sql.append(" and m.group_name = ?");
      params.add(group);
    }
    if (workplace != null) {
      sql.append(" and m.workplace_id = ?");
      params.add(workplace);
    }
    sql.append(" order by m.workplace_id, m.group_name, m.person_id");
    return jdbc.query(sql.toString(), KeyGroupRecords::member, params.toArray());
  }

  /**
   * The tests of {@code persons} taken at or before {@code asOf}: every PCR sample (screening or retest,
   * of any campaign; counted when sampled, whatever the result) and every antigen test.
   */
  void tests(Collection<Long> persons, Instant asOf, TestSink sink) {
    OffsetDateTime until = CampaignRecords.utc(asOf);
    SampleRecords.inChunks(jdbc, "select person_id, sampled_at from sample where person_id in (?*)", persons,
        rs -> {
          Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
          if (!at.isAfter(until.toInstant())) {
            sink.test(rs.getLong(1), TestMethod.PCR, at);
          }
        });
    SampleRecords.inChunks(jdbc, "select person_id, tested_at from antigen_test where person_id in (?*)",
        persons, rs -> {
          Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
          if (!at.isAfter(until.toInstant())) {
            sink.test(rs.getLong(1), TestMethod.ANTIGEN, at);
          }
        });
  }

  /** Campaigns that target one of {@code groups}. */
  List<String> campaignsOf(Collection<String> groups) {
    List<String> ids = new ArrayList<>();
    SampleRecords.inChunks(jdbc, "select distinct campaign_id from testing_campaign_group where group_name in (?*)",
        groups, rs -> ids.add(rs.getString(1)));
    return ids;
  }

  /** Stores antigen tests: (person, tested at, result). */
  void insertAntigen(List<Object[]> tests, String by, Instant now) {
    jdbc.batchUpdate("insert into antigen_test (person_id, tested_at, result, recorded_by, recorded_at) "
        + "values (?, ?, ?, ?, ?)", tests, 500, (ps, t) -> {
          ps.setLong(1, (Long) t[0]);
          ps.setObject(2, CampaignRecords.utc((Instant) t[1]));
          ps.setString(3, (String) t[2]);
          ps.setString(4, by);
          ps.setObject(5, CampaignRecords.utc(now));
        });
  }

  /** Workplace id → name, from the register (the latest name given wins: any one will do). */
  Map<String, String> workplaceNames(List<Member> members) {
    Map<String, String> names = new HashMap<>();
    for (Member m : members) {
      if (m.workplaceId() != null && m.workplaceName() != null) {
        names.put(m.workplaceId(), m.workplaceName());
      }
    }
    return names;
  }

  private static Member member(ResultSet rs, int n) throws SQLException {
    return new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
        rs.getString(9), rs.getString(10));
  }
}
