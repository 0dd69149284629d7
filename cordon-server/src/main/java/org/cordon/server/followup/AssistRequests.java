package org.cordon.server.followup;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cordon.server.security.Jurisdiction;
import org.cordon.server.security.Paging;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Table {@code assist_request}. Outgoing rows are scoped by the home division of the case's person
 * (the investigating side), incoming rows by the contact's home division (the following-up side).
 */
@Repository
class AssistRequests {

  /** A stored request with the local person it names. */
  record Row(long requestId, String direction, Long caseId, long personId, Long taskId,
      AssistRecord record, OffsetDateTime createdAt) {
  }

  private static final String SELECT = "select a.request_id, a.direction, a.case_id, a.person_id, "
      + "t.task_id, a.source_instance, a.source_case, a.id_number, a.name, a.phone, a.home_division, "
      + "a.category, a.via, a.place, a.first_exposure, a.last_exposure, a.created_at from assist_request a "
      + "left join follow_up_task t on t.assist_request_id = a.request_id ";
  private static final String OUTGOING_SCOPE = "join case_report c on c.case_id = a.case_id "
      + "join person cp on cp.person_id = c.person_id where a.direction = 'outgoing' and "
      + Jurisdiction.predicate("cp.home_division");
  private static final String INCOMING_SCOPE = "where a.direction = 'incoming' and "
      + Jurisdiction.predicate("a.home_division");

  private final JdbcTemplate jdbc;

  AssistRequests(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts outgoing requests of case {@code caseId}, in the caller's transaction. */
  void insertOutgoing(long caseId, List<Long> personIds, List<AssistRecord> records, String createdBy,
      Instant at) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      rows.add(i);
    }
    jdbc.batchUpdate(insert(), rows, 1000, (ps, i) -> bind(ps, "outgoing", caseId, personIds.get(i),
        records.get(i), createdBy, at));
  }

  /** Inserts one incoming request and returns its id. */
  long insertIncoming(long personId, AssistRecord record, String createdBy, Instant at) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement(insert(), new String[] {"request_id"});
      bind(ps, "incoming", null, personId, record, createdBy, at);
      return ps;
    }, key);
    return key.getKeyAs(Long.class);
  }

  /** The incoming request this record was already taken in as, if any. */
  Optional<Long> incoming(AssistRecord r) {
    return jdbc.query("select request_id from assist_request where direction = 'incoming' and "
            + "source_instance = ? and source_case = ? and id_number = ?", (rs, n) -> rs.getLong(1),
        r.instance(), r.sourceCase(), r.idNumber()).stream().findFirst();
  }

  /** Requests of one direction visible in {@code scope}, newest first. */
  List<Row> list(String direction, Jurisdiction scope, Paging paging) {
    return jdbc.query(SELECT + ("outgoing".equals(direction) ? OUTGOING_SCOPE : INCOMING_SCOPE)
            + " order by a.request_id desc limit ? offset ?", AssistRequests::row, scope.likePattern(),
        paging.size(), paging.offset());
  }

  long count(String direction, Jurisdiction scope) {
    Long n = jdbc.queryForObject("select count(*) from assist_request a "
        + ("outgoing".equals(direction) ? OUTGOING_SCOPE : INCOMING_SCOPE), Long.class,
        scope.likePattern());
    return n == null ? 0 : n;
  }

  /** Outgoing requests visible in {@code scope} created at or after {@code since}, oldest first. */
  List<Row> outgoingSince(Jurisdiction scope, Instant since) {
    return jdbc.query(SELECT + OUTGOING_SCOPE + " and a.created_at >= ? order by a.request_id",
        AssistRequests::row, scope.likePattern(), FollowUpTasks.utc(since));
  }

  private static String insert() {
    return "insert into assist_request (direction, source_instance, source_case, case_id, person_id, "
        + "id_number, name, phone, home_division, category, via, place, first_exposure, last_exposure, "
        + "created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  private static void bind(PreparedStatement ps, String direction, Long caseId, long personId,
      AssistRecord r, String createdBy, Instant at) throws SQLException {
    ps.setString(1, direction);
    ps.setString(2, r.instance());
    ps.setString(3, r.sourceCase());
    ps.setObject(4, caseId);
    ps.setLong(5, personId);
    ps.setString(6, r.idNumber());
    ps.setString(7, r.name());
    ps.setString(8, r.phone());
    ps.setString(9, r.homeDivision());
    ps.setString(10, r.category());
    ps.setString(11, r.via());
    ps.setString(12, r.place());
    ps.setObject(13, FollowUpTasks.utc(r.firstExposure()));
    ps.setObject(14, FollowUpTasks.utc(r.lastExposure()));
    ps.setObject(15, FollowUpTasks.utc(at));
    ps.setString(16, createdBy);
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    long caseId = rs.getLong(3);
    Long caseOrNull = rs.wasNull() ? null : caseId;
    long task = rs.getLong(5);
    Long taskOrNull = rs.wasNull() ? null : task;
    AssistRecord r = new AssistRecord(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
        rs.getObject(15, OffsetDateTime.class).toInstant(),
        rs.getObject(16, OffsetDateTime.class).toInstant());
    return new Row(rs.getLong(1), rs.getString(2), caseOrNull, rs.getLong(4), taskOrNull, r,
        rs.getObject(17, OffsetDateTime.class));
  }
}
