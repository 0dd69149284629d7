package org.cordon.server.tracing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.person.Person;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.core.tracing.ContactTrack;
import org.cordon.core.tracing.TracedContact;
import org.cordon.server.person.PersonQueries;
import org.cordon.server.security.Jurisdiction;
import org.cordon.server.security.Paging;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Tables {@code case_report} and {@code traced_contact}, and the person rows they name. */
@Repository
class CaseRecords {

  /** A stored case. */
  record CaseRow(long caseId, long personId, OffsetDateTime onset, OffsetDateTime isolated) {
  }

  /** A stored contact joined with its person; {@code person} is null if the row names no stored person. */
  record ContactRow(Person person, String category, long sourcePersonId, String via, String place,
      OffsetDateTime firstExposure, OffsetDateTime lastExposure) {
  }

  private final JdbcTemplate jdbc;

  CaseRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Home division of person {@code id}, empty when there is no such person. */
  Optional<String> homeOf(long personId) {
    return jdbc.query("select home_division from person where person_id = ?",
        (rs, n) -> rs.getString(1), personId).stream().findFirst();
  }

  /** The case of person {@code id}, if one is confirmed. */
  Optional<Long> caseOf(long personId) {
    return jdbc.query("select case_id from case_report where person_id = ?",
        (rs, n) -> rs.getLong(1), personId).stream().findFirst();
  }

  /** Persons with a confirmed case. */
  Set<Long> casePersons() {
    Set<Long> ids = new HashSet<>();
    jdbc.query("select person_id from case_report", rs -> {
      ids.add(rs.getLong(1));
    });
    return ids;
  }

  /** Inserts a case and returns its id; call inside the transaction that stores its contacts. */
  long insertCase(long personId, Instant onset, Instant isolated, String confirmedBy,
      Instant confirmedAt) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement("insert into case_report (person_id, onset_time, "
          + "isolated_time, confirmed_by, confirmed_at) values (?, ?, ?, ?, ?)", new String[] {"case_id"});
      ps.setLong(1, personId);
      ps.setObject(2, utc(onset));
      ps.setObject(3, isolated == null ? null : utc(isolated));
      ps.setString(4, confirmedBy);
      ps.setObject(5, utc(confirmedAt));
      return ps;
    }, key);
    return key.getKeyAs(Long.class);
  }

  void insertContacts(long caseId, List<TracedContact> contacts) {
    jdbc.batchUpdate("insert into traced_contact (case_id, person_id, category, source_person_id, via, "
            + "place, first_exposure, last_exposure) values (?, ?, ?, ?, ?, ?, ?, ?)", contacts, 1000,
        (ps, c) -> {
          ps.setLong(1, caseId);
          ps.setLong(2, c.personId());
          ps.setString(3, c.category().code());
          ps.setLong(4, c.sourcePersonId());
          ps.setString(5, c.track().code());
          ps.setString(6, c.place());
          ps.setObject(7, utc(c.firstExposure()));
          ps.setObject(8, utc(c.lastExposure()));
        });
  }

  Optional<CaseRow> find(long caseId) {
    return jdbc.query("select case_id, person_id, onset_time, isolated_time from case_report "
        + "where case_id = ?", (rs, n) -> new CaseRow(rs.getLong(1), rs.getLong(2),
            rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class)), caseId)
        .stream().findFirst();
  }

  /** Cases of persons living in {@code scope}, newest first, with their contact counts. */
  List<CaseSummary> list(Jurisdiction scope, Paging paging) {
    List<CaseSummary> rows = jdbc.query("select c.case_id, c.person_id, p.name, p.home_division, "
            + "c.onset_time, c.isolated_time, c.confirmed_by, c.confirmed_at from case_report c "
            + "join person p on p.person_id = c.person_id where "
            + Jurisdiction.predicate("p.home_division")
            + " order by c.case_id desc limit ? offset ?",
        (rs, n) -> new CaseSummary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
            rs.getString(7), rs.getObject(8, OffsetDateTime.class), new LinkedHashMap<>()),
        scope.likePattern(), paging.size(), paging.offset());
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, Map<String, Long>> counts = new LinkedHashMap<>();
    for (CaseSummary s : rows) {
      for (ContactCategory c : ContactCategory.values()) {
        s.contacts().put(c.code(), 0L);
      }
      counts.put(s.caseId(), s.contacts());
    }
    String marks = String.join(", ", Collections.nCopies(rows.size(), "?"));
    jdbc.query("select case_id, category, count(*) from traced_contact where case_id in (" + marks
        + ") group by case_id, category", rs -> {
          counts.get(rs.getLong(1)).put(rs.getString(2), rs.getLong(3));
        }, counts.keySet().toArray());
    return rows;
  }

  /**
   * Which contacts of a case to list; every field is optional (null: no filter).
   *
   * @param via the track: household, venue, trip or cell
   * @param division only contacts living under this division (the caller has checked it lies in the
   *     jurisdiction)
   * @param text a name substring or a person id; with {@code byIdentityNumber} also a whole identity
   *     number
   */
  record ContactFilter(ContactCategory category, ContactTrack via, DivisionCode division, String text,
      boolean byIdentityNumber) {

    static final ContactFilter ALL = new ContactFilter(null, null, null, null, false);
  }

  /**
   * Contacts of case {@code caseId} living in {@code scope} that pass {@code filter}, most severe
   * category first, then by person id.
   */
  List<ContactRow> contacts(long caseId, Jurisdiction scope, ContactFilter filter) {
    List<Object> params = new ArrayList<>(List.of(caseId, scope.likePattern()));
    StringBuilder where = new StringBuilder();
    if (filter.category() != null) {
      where.append(" and t.category = ?");
      params.add(filter.category().code());
    }
    if (filter.via() != null) {
      where.append(" and t.via = ?");
      params.add(filter.via().code());
    }
    if (filter.division() != null) {
      where.append(" and ").append(Jurisdiction.predicate("p.home_division"));
      params.add(new Jurisdiction(filter.division()).likePattern());
    }
    String text = filter.text() == null ? "" : filter.text().strip();
    if (!text.isEmpty()) {
      where.append(" and ").append(PersonQueries.textMatch("p.", text, filter.byIdentityNumber(),
          params));
    }
    List<ContactRow> rows = jdbc.query("select p.person_id, p.household_id, p.home_division, "
            + "p.id_number, p.name, p.phone, t.category, t.source_person_id, t.via, t.place, "
            + "t.first_exposure, t.last_exposure from traced_contact t "
            + "join person p on p.person_id = t.person_id where t.case_id = ? and "
            + Jurisdiction.predicate("p.home_division") + where,
        CaseRecords::contact, params.toArray());
    List<ContactRow> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> {
      int c = Integer.compare(ContactCategory.valueOf(a.category().toUpperCase(java.util.Locale.ROOT))
          .ordinal(), ContactCategory.valueOf(b.category().toUpperCase(java.util.Locale.ROOT)).ordinal());
      return c != 0 ? c : Long.compare(a.person().personId(), b.person().personId());
    });
    return sorted;
  }

  private static ContactRow contact(ResultSet rs, int n) throws SQLException {
    Person p = new Person(rs.getLong(1), rs.getLong(2), new DivisionCode(rs.getString(3)),
        IdentityNumber.of(rs.getString(4)), rs.getString(5), rs.getString(6), null);
    return new ContactRow(p, rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10),
        rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class));
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
