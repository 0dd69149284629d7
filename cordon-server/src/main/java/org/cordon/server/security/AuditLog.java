package org.cordon.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit log in table {@code audit_log}. Controllers that hand out one person's details call
 * {@link #personRead} before they answer, so a failed write means no data leaves the server.
 */
@Repository
public class AuditLog {

  /** Action of a read of one person's details. */
  public static final String PERSON_READ = "person.read";
  /** Action of a read of a case's contact list; the person is the case's. */
  public static final String CASE_CONTACTS_READ = "case.contacts.read";
  /** Action of a read of a case's details or itinerary; the person is the case's. */
  public static final String CASE_READ = "case.read";
  /** Action of a read of the evidence of a contact's link; the person is the contact. */
  public static final String CASE_EVIDENCE_READ = "case.evidence.read";
  /** Action of a change of a follow-up task's status; the person is the task's. */
  public static final String TASK_STATUS = "task.status";
  /** Action of an assist request file leaving the server; one row per person in it. */
  public static final String ASSIST_EXPORT = "assist.export";
  /** Action of an assist request file taken in; one row per person it names. */
  public static final String ASSIST_IMPORT = "assist.import";

  /** Action of a read of one person's health code; outcome {@code found}, {@code not_found} or {@code denied}. */
  public static final String HEALTH_CODE_READ = "health_code.read";
  /**
   * Action of a switch of the health-code policy; outcome {@code switched}, {@code unchanged} (already
   * active), {@code unknown} (no such policy) or {@code denied}. No person.
   */
  public static final String HEALTH_CODE_POLICY = "health_code.policy";
  /**
   * Action of a check at a venue door refused for bad input; the outcome names what was wrong
   * ({@code forged}, {@code expired}, {@code replayed}, {@code wrong_venue}, ...).
   */
  public static final String CHECKPOINT_REFUSED = "checkpoint.refused";

  /** Action of a read of a testing list that names persons (missed persons, recalls, tasks). */
  public static final String TESTING_LIST_READ = "testing.list.read";

  private final JdbcClient jdbc;
  private final org.springframework.jdbc.core.JdbcTemplate batch;
  private final Clock clock;

  public AuditLog(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch,
      SecurityClock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.clock = clock.clock();
  }

  /**
   * Records that {@code caller} asked for person {@code personId}'s details through {@code request};
   * {@code found} is false when the person is unknown or outside the caller's jurisdiction.
   */
  public void personRead(Caller caller, long personId, boolean found, HttpServletRequest request) {
    write(caller, PERSON_READ, personId, found, request);
  }

  /**
   * Records that {@code caller} asked for the contacts of the case of person {@code casePersonId}
   * (null, with {@code found} false, when the case is unknown).
   */
  public void caseContactsRead(Caller caller, Long casePersonId, boolean found,
      HttpServletRequest request) {
    write(caller, CASE_CONTACTS_READ, casePersonId, found, request);
  }

  /**
   * Records that {@code caller} asked for the details or the itinerary of the case of person
   * {@code casePersonId} (null, with {@code found} false, when the case is unknown or outside the
   * jurisdiction).
   */
  public void caseRead(Caller caller, Long casePersonId, boolean found, HttpServletRequest request) {
    write(caller, CASE_READ, casePersonId, found, request);
  }

  /**
   * Records that {@code caller} asked for the evidence of contact {@code contactPersonId}'s link to a
   * case; {@code found} is false when the case or the contact is unknown or outside the jurisdiction.
   */
  public void contactEvidenceRead(Caller caller, long contactPersonId, boolean found,
      HttpServletRequest request) {
    write(caller, CASE_EVIDENCE_READ, contactPersonId, found, request);
  }

  /** Records that {@code caller} read a testing list naming persons (the endpoint says which). */
  public void testingListRead(Caller caller, HttpServletRequest request) {
    write(caller, TESTING_LIST_READ, null, true, request);
  }

  /**
   * Records {@code action} by {@code caller} about {@code personId} (null when unknown) with an
   * {@code outcome} of at most 16 characters, e.g. {@code denied} for a resident asking for another
   * person's code.
   */
  public void record(Caller caller, String action, Long personId, String outcome,
      HttpServletRequest request) {
    record(caller, action, personId, outcome, endpoint(request), request.getRemoteAddr());
  }

  /**
   * As {@link #record(Caller, String, Long, String, HttpServletRequest)} for a call that did not come
   * through the servlet container (the venue devices' listener): {@code endpoint} is "METHOD /path".
   */
  public void record(Caller caller, String action, Long personId, String outcome, String endpoint,
      String clientIp) {
    if (outcome == null || outcome.isEmpty() || outcome.length() > 16) {
      throw new IllegalArgumentException("audit outcome must be 1..16 characters: " + outcome);
    }
    insert(caller, action, personId, outcome,
        endpoint.length() > 200 ? endpoint.substring(0, 200) : endpoint, clientIp);
  }

  /**
   * Records that {@code caller} did {@code action} (one of the constants here) on person
   * {@code personId} through {@code request}; {@code found} false when the target was not there.
   */
  public void record(Caller caller, String action, Long personId, boolean found,
      HttpServletRequest request) {
    write(caller, action, personId, found, request);
  }

  /** As {@link #record} for each of {@code personIds}, in one batch. */
  public void recordAll(Caller caller, String action, java.util.Collection<Long> personIds,
      HttpServletRequest request) {
    String endpoint = endpoint(request);
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Object[]> rows = new ArrayList<>(personIds.size());
    for (Long id : personIds) {
      rows.add(new Object[] {now, caller.name(), caller.role().name(), caller.jurisdiction().value(),
          action, id, "found", endpoint, request.getRemoteAddr()});
    }
    if (!rows.isEmpty()) {
      batch.batchUpdate("insert into audit_log (at, username, role, jurisdiction, action, person_id, "
          + "outcome, endpoint, client_ip) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }
  }

  private static String endpoint(HttpServletRequest request) {
    String endpoint = request.getMethod() + " " + request.getRequestURI()
        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    return endpoint.length() > 200 ? endpoint.substring(0, 200) : endpoint;
  }

  private void write(Caller caller, String action, Long personId, boolean found,
      HttpServletRequest request) {
    insert(caller, action, personId, found ? "found" : "not_found", endpoint(request),
        request.getRemoteAddr());
  }

  private void insert(Caller caller, String action, Long personId, String outcome, String endpoint,
      String clientIp) {
    jdbc.sql("insert into audit_log (at, username, role, jurisdiction, action, person_id, outcome, "
            + "endpoint, client_ip) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(OffsetDateTime.now(clock), caller.name(), caller.role().name(),
            caller.jurisdiction().value(), action, personId, outcome, endpoint, clientIp)
        .update();
  }

  /**
   * Entries by readers inside {@code scope}, newest first, optionally only about {@code personId} and
   * only by {@code username}.
   */
  public List<AuditEntry> search(Jurisdiction scope, Long personId, String username, long offset,
      int limit) {
    StringBuilder sql = new StringBuilder("select audit_id, at, username, role, jurisdiction, action, "
        + "person_id, outcome, endpoint, client_ip from audit_log where ")
        .append(Jurisdiction.predicate("jurisdiction"));
    List<Object> params = new ArrayList<>();
    params.add(scope.likePattern());
    if (personId != null) {
      sql.append(" and person_id = ?");
      params.add(personId);
    }
    if (username != null) {
      sql.append(" and username = ?");
      params.add(username);
    }
    sql.append(" order by audit_id desc limit ? offset ?");
    params.add(limit);
    params.add(offset);
    return jdbc.sql(sql.toString()).params(params).query(AuditLog::row).list();
  }

  private static AuditEntry row(ResultSet rs, int n) throws SQLException {
    long person = rs.getLong(7);
    return new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
        Role.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
        rs.wasNull() ? null : person, rs.getString(8), rs.getString(9), rs.getString(10));
  }
}
