package org.cordon.server.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.person.Person;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.security.Jurisdiction;
import org.cordon.server.security.Paging;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Tables {@code follow_up_task} and {@code follow_up_step}. */
@Repository
class FollowUpTasks {

  /** A new task: for a contact of a local case ({@code caseId}) or of an assist request. */
  record NewTask(Long caseId, Long assistRequestId, long personId, String category, String division) {
  }

  /** A stored task with its person. */
  record TaskRow(long taskId, Long caseId, Long assistRequestId, Person person, String category,
      String division, FollowUpStatus status, String note, OffsetDateTime createdAt,
      OffsetDateTime updatedAt, String updatedBy) {
  }

  private static final String SELECT = "select t.task_id, t.case_id, t.assist_request_id, p.person_id, "
      + "p.household_id, p.home_division, p.id_number, p.name, p.phone, t.category, t.division, "
      + "t.status, t.note, t.created_at, t.updated_at, t.updated_by from follow_up_task t "
      + "join person p on p.person_id = t.person_id";

  private final JdbcTemplate jdbc;

  FollowUpTasks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts open tasks in the caller's transaction. */
  void insert(List<NewTask> tasks, String createdBy, Instant at) {
    OffsetDateTime now = utc(at);
    jdbc.batchUpdate("insert into follow_up_task (case_id, assist_request_id, person_id, category, "
            + "division, status, created_at, updated_at, updated_by) values (?, ?, ?, ?, ?, 'open', ?, ?, ?)",
        tasks, 1000, (ps, t) -> {
          ps.setObject(1, t.caseId());
          ps.setObject(2, t.assistRequestId());
          ps.setLong(3, t.personId());
          ps.setString(4, t.category());
          ps.setString(5, t.division());
          ps.setObject(6, now);
          ps.setObject(7, now);
          ps.setString(8, createdBy);
        });
  }

  /** Tasks assigned inside {@code division} (a prefix of the task's division), filtered, newest case first. */
  TaskPageRows page(String divisionPrefix, FollowUpStatus status, String category, Paging paging) {
    StringBuilder where = new StringBuilder(" where " + Jurisdiction.predicate("t.division"));
    List<Object> params = new ArrayList<>(List.of(divisionPrefix + "%"));
    if (status != null) {
      where.append(" and t.status = ?");
      params.add(status.code());
    }
    if (category != null) {
      where.append(" and t.category = ?");
      params.add(category);
    }
    Long total = jdbc.queryForObject("select count(*) from follow_up_task t" + where, Long.class,
        params.toArray());
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(paging.size());
    pageParams.add(paging.offset());
    // open work first, then the oldest task first within a state
    List<TaskRow> rows = jdbc.query(SELECT + where + " order by case t.status when 'open' then 0 "
        + "when 'contacted' then 1 when 'isolated' then 2 else 3 end, t.task_id limit ? offset ?",
        FollowUpTasks::row, pageParams.toArray());
    return new TaskPageRows(rows, total == null ? 0 : total);
  }

  /** Rows of one page and the count of all matches. */
  record TaskPageRows(List<TaskRow> rows, long total) {
  }

  Optional<TaskRow> find(long taskId) {
    return jdbc.query(SELECT + " where t.task_id = ?", FollowUpTasks::row, taskId).stream().findFirst();
  }

  /**
   * Moves a task from {@code from} to {@code to} and records the step; false (nothing written) if the
   * task is no longer in {@code from}.
   */
  boolean move(long taskId, FollowUpStatus from, FollowUpStatus to, String note, String username,
      Instant at) {
    OffsetDateTime now = utc(at);
    int n = jdbc.update("update follow_up_task set status = ?, note = ?, updated_at = ?, updated_by = ? "
        + "where task_id = ? and status = ?", to.code(), note, now, username, taskId, from.code());
    if (n == 0) {
      return false;
    }
    jdbc.update("insert into follow_up_step (task_id, at, username, from_status, to_status, note) "
        + "values (?, ?, ?, ?, ?, ?)", taskId, now, username, from.code(), to.code(), note);
    return true;
  }

  /** Whether a task exists for this assist request already. */
  Optional<Long> forAssistRequest(long requestId) {
    return jdbc.query("select task_id from follow_up_task where assist_request_id = ?",
        (rs, n) -> rs.getLong(1), requestId).stream().findFirst();
  }

  private static TaskRow row(ResultSet rs, int n) throws SQLException {
    long caseId = rs.getLong(2);
    Long caseOrNull = rs.wasNull() ? null : caseId;
    long request = rs.getLong(3);
    Long requestOrNull = rs.wasNull() ? null : request;
    Person p = new Person(rs.getLong(4), rs.getLong(5), new DivisionCode(rs.getString(6)),
        IdentityNumber.of(rs.getString(7)), rs.getString(8), rs.getString(9), null);
    return new TaskRow(rs.getLong(1), caseOrNull, requestOrNull, p, rs.getString(10), rs.getString(11),
        FollowUpStatus.of(rs.getString(12)), rs.getString(13), rs.getObject(14, OffsetDateTime.class),
        rs.getObject(15, OffsetDateTime.class), rs.getString(16));
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
