package org.cordon.server.tracing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.person.Person;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.GridCell;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.core.tracing.ContactTrack;
import org.cordon.server.security.Jurisdiction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The reads of the case page: a case with its person, one person's stays (venue scans, rides, dwells)
 * in a time window, the stored contacts of a case as graph rows.
 *
 * <p>Stays are read from the store, one person (or two, for evidence) at a time. The presence tables'
 * keys lead with the time, so every query bounds the time to the window (plus {@link #LOOK_BACK} for
 * stays that began before it): the database reads the window's part of the key, not the whole table.
 */
@Repository
class CasePageQueries {

  /**
   * How long before a window a stay may have begun and still be found: a stay longer than this that
   * began before the window is not shown. Scans, rides and dwells are hours long.
   */
  static final Duration LOOK_BACK = Duration.ofDays(2);

  /** A case with its person and the record of its confirmation. */
  record CaseFacts(long caseId, Person person, OffsetDateTime onset, OffsetDateTime isolated,
      String confirmedBy, OffsetDateTime confirmedAt) {
  }

  /** A stored contact row with what the graph shows of its person. */
  record GraphRow(long personId, String name, String homeDivision, String category,
      long sourcePersonId, String via, String place, String placeName, OffsetDateTime firstExposure,
      OffsetDateTime lastExposure) {
  }

  /** A person the graph names without a contact row of its own (the source of a secondary contact). */
  record NodePerson(long personId, String name, String homeDivision, boolean isCase) {
  }

  private final JdbcTemplate jdbc;

  CasePageQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Case {@code caseId} if its person lives in {@code scope}. */
  Optional<CaseFacts> caseIn(long caseId, Jurisdiction scope) {
    return jdbc.query("select c.case_id, p.person_id, p.household_id, p.home_division, p.id_number, "
            + "p.name, p.phone, c.onset_time, c.isolated_time, c.confirmed_by, c.confirmed_at "
            + "from case_report c join person p on p.person_id = c.person_id where c.case_id = ? and "
            + Jurisdiction.predicate("p.home_division"),
        (rs, n) -> new CaseFacts(rs.getLong(1), person(rs, 2), rs.getObject(8, OffsetDateTime.class),
            rs.getObject(9, OffsetDateTime.class), rs.getString(10),
            rs.getObject(11, OffsetDateTime.class)), caseId, scope.likePattern())
        .stream().findFirst();
  }

  /** Stored contacts of the case per category code, every category present. */
  Map<String, Long> contactCounts(long caseId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ContactCategory c : ContactCategory.values()) {
      counts.put(c.code(), 0L);
    }
    jdbc.query("select category, count(*) from traced_contact where case_id = ? group by category",
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        }, caseId);
    return counts;
  }

  /** The stored contact row of {@code personId} in case {@code caseId}, with its person. */
  Optional<GraphRow> contact(long caseId, long personId) {
    return jdbc.query(GRAPH_SELECT + "where t.case_id = ? and t.person_id = ?", CasePageQueries::graphRow,
        caseId, personId).stream().findFirst();
  }

  /** Up to {@code limit} contacts of one category, earliest first exposure first. */
  List<GraphRow> contacts(long caseId, ContactCategory category, int limit) {
    return jdbc.query(GRAPH_SELECT + "where t.case_id = ? and t.category = ? "
            + "order by t.first_exposure, t.person_id limit ?", CasePageQueries::graphRow, caseId,
        category.code(), limit);
  }

  private static final String GRAPH_SELECT = "select t.person_id, p.name, p.home_division, t.category, "
      + "t.source_person_id, t.via, t.place, v.name, t.first_exposure, t.last_exposure "
      + "from traced_contact t left join person p on p.person_id = t.person_id "
      + "left join venue v on t.via = 'venue' and v.venue_id = t.place ";

  private static GraphRow graphRow(ResultSet rs, int n) throws SQLException {
    return new GraphRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8),
        rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class));
  }

  /** The persons {@code ids} (unknown ones left out), with whether each has a case. */
  List<NodePerson> persons(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    return jdbc.query("select p.person_id, p.name, p.home_division, c.case_id from person p "
            + "left join case_report c on c.person_id = p.person_id where p.person_id in (" + marks + ")",
        (rs, n) -> {
          long id = rs.getLong(1);
          String name = rs.getString(2);
          String home = rs.getString(3);
          rs.getLong(4);
          return new NodePerson(id, name, home, !rs.wasNull());
        }, ids.toArray());
  }

  /**
   * The stays of person {@code personId} that overlap {@code [from, to)}, in time order (then track and
   * place), at most {@code limit} of them; {@code track} and {@code place} narrow them to one place.
   */
  List<Stay> stays(long personId, Instant from, Instant to, ContactTrack track, String place,
      int limit) {
    List<Stay> out = new ArrayList<>();
    OffsetDateTime lo = utc(from.minus(LOOK_BACK));
    OffsetDateTime hi = utc(to);
    if (track == null || track == ContactTrack.VENUE) {
      jdbc.query("select s.venue_id, v.name, v.kind, v.contact_class, v.lat, v.lon, v.dwell_minutes, "
              + "s.scan_time, s.exit_time from venue_scan s join venue v on v.venue_id = s.venue_id "
              + "where s.scan_time >= ? and s.scan_time < ? and s.person_id = ?"
              + (place == null ? "" : " and s.venue_id = ?") + " order by s.scan_time limit ?",
          rs -> {
            OffsetDateTime start = rs.getObject(8, OffsetDateTime.class);
            OffsetDateTime exit = rs.getObject(9, OffsetDateTime.class);
            OffsetDateTime end = exit != null ? exit : start.plusMinutes(rs.getInt(7));
            out.add(new Stay("venue", rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), nullableDouble(rs, 5), nullableDouble(rs, 6), start, end, exit == null,
                null));
          }, params(lo, hi, personId, place, limit));
    }
    if (track == null || track == ContactTrack.TRIP) {
      jdbc.query("select trip_id, seat_row, board_time, alight_time from trip_ride "
              + "where board_time >= ? and board_time < ? and person_id = ?"
              + (place == null ? "" : " and trip_id = ?") + " order by board_time limit ?",
          rs -> {
            int seat = rs.getInt(2);
            Integer seatRow = rs.wasNull() ? null : seat;
            out.add(new Stay("trip", rs.getString(1), null, null, null, null, null,
                rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class), false,
                seatRow));
          }, params(lo, hi, personId, place, limit));
    }
    if (track == null || track == ContactTrack.CELL) {
      Map<String, GeoPoint> centres = new HashMap<>();
      jdbc.query("select cell_id, start_time, end_time from dwell "
              + "where start_time >= ? and start_time < ? and person_id = ?"
              + (place == null ? "" : " and cell_id = ?") + " order by start_time limit ?",
          rs -> {
            String cell = rs.getString(1);
            GeoPoint centre = centres.computeIfAbsent(cell, CasePageQueries::centre);
            out.add(new Stay("cell", cell, null, null, null, centre == null ? null : centre.lat(),
                centre == null ? null : centre.lon(), rs.getObject(2, OffsetDateTime.class),
                rs.getObject(3, OffsetDateTime.class), false, null));
          }, params(lo, hi, personId, place, limit));
    }
    // stays that began within LOOK_BACK before the window but ended before it are not in it
    out.removeIf(s -> !s.end().toInstant().isAfter(from));
    out.sort(Comparator.comparing((Stay s) -> s.start().toInstant()).thenComparing(Stay::track)
        .thenComparing(Stay::place));
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }

  private static Object[] params(OffsetDateTime lo, OffsetDateTime hi, long personId, String place,
      int limit) {
    return place == null ? new Object[] {lo, hi, personId, limit}
        : new Object[] {lo, hi, personId, place, limit};
  }

  /** The centre of a grid cell, or null for an id that is not one (dwells store any cell id). */
  private static GeoPoint centre(String cellId) {
    try {
      return GridCell.parse(cellId).centre();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static Person person(ResultSet rs, int from) throws SQLException {
    return new Person(rs.getLong(from), rs.getLong(from + 1), new DivisionCode(rs.getString(from + 2)),
        IdentityNumber.of(rs.getString(from + 3)), rs.getString(from + 4), rs.getString(from + 5), null);
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
