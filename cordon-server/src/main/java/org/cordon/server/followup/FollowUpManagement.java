package org.cordon.server.followup;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cordon.core.tracing.TracedContact;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Paging;
import org.cordon.server.security.Permission;
import org.cordon.server.tracing.CaseTraced;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follow-up tasks: created for the contacts of a confirmed case (in the case's transaction), listed for
 * the communities, and moved on through {@link FollowUpStatus} with a note, every move audited.
 */
@Service
@EnableConfigurationProperties(DeploymentProperties.class)
public class FollowUpManagement {
  private static final int MAX_NOTE = 500;

  private final FollowUpTasks tasks;
  private final AssistRequests requests;
  private final DeploymentProperties deployment;
  private final JdbcTemplate jdbc;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Clock clock;

  FollowUpManagement(FollowUpTasks tasks, AssistRequests requests, DeploymentProperties deployment,
      JdbcTemplate jdbc, AuditLog audit, PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.tasks = tasks;
    this.requests = requests;
    this.deployment = deployment;
    this.jdbc = jdbc;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** Who lives where, for the contacts of one case. */
  private record Resident(String homeDivision, String idNumber, String name, String phone) {
  }

  /**
   * A task for every contact living in the deployment's jurisdiction, an outgoing assist request for
   * every other one. Runs inside the transaction that stores the contact list, so all or none is stored.
   */
  @EventListener
  void contactsTraced(CaseTraced event) {
    Map<Long, Resident> residents = residents(event.contacts());
    List<FollowUpTasks.NewTask> local = new ArrayList<>();
    List<Long> outsideIds = new ArrayList<>();
    List<AssistRecord> outside = new ArrayList<>();
    // pseudonymous: the other instance learns that contacts share a case, not which local case it is
    String sourceCase = "c-" + UUID.randomUUID();
    for (TracedContact c : event.contacts()) {
      Resident r = residents.get(c.personId());
      if (r == null) {
        continue; // not a stored person: nobody to follow up (tracing only lists stored persons)
      }
      if (deployment.covers(r.homeDivision())) {
        local.add(new FollowUpTasks.NewTask(event.caseId(), null, c.personId(), c.category().code(),
            r.homeDivision()));
      } else {
        outsideIds.add(c.personId());
        outside.add(new AssistRecord(deployment.instanceId(), sourceCase, r.idNumber(), r.name(),
            r.phone(), r.homeDivision(), c.category().code(), c.track().code(), c.place(),
            c.firstExposure(), c.lastExposure()));
      }
    }
    tasks.insert(local, event.confirmedBy(), event.confirmedAt());
    requests.insertOutgoing(event.caseId(), outsideIds, outside, event.confirmedBy(),
        event.confirmedAt());
  }

  private Map<Long, Resident> residents(List<TracedContact> contacts) {
    Map<Long, Resident> out = new HashMap<>();
    for (int from = 0; from < contacts.size(); from += 1000) {
      List<TracedContact> part = contacts.subList(from, Math.min(contacts.size(), from + 1000));
      String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
      jdbc.query("select person_id, home_division, id_number, name, phone from person where person_id in ("
          + marks + ")", rs -> {
            out.put(rs.getLong(1), new Resident(rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5)));
          }, part.stream().map(TracedContact::personId).toArray());
    }
    return out;
  }

  /** Tasks in {@code division} (default: the caller's jurisdiction), masked for the caller. */
  TaskPage list(Caller caller, String division, String status, String category, Paging paging) {
    String prefix = division == null || division.isBlank() ? caller.jurisdiction().value()
        : caller.scope().require(org.cordon.core.place.DivisionCode.of(division)).value();
    FollowUpStatus wanted = status == null || status.isBlank() ? null : FollowUpStatus.of(status);
    String cat = category == null || category.isBlank() ? null : category(category);
    FollowUpTasks.TaskPageRows rows = tasks.page(prefix, wanted, cat, paging);
    return new TaskPage(rows.rows().stream().map(r -> view(r, caller)).toList(), paging.page(),
        paging.size(), rows.total());
  }

  /**
   * Moves task {@code taskId} to {@code status}, with {@code note}. An audit row is written first, for
   * refused moves too; the move and its step row are one transaction.
   *
   * @throws TaskProblem 404 for a task unknown or outside the caller's jurisdiction, 400 for a bad
   *     status or note, 409 for a move the current state does not allow (with the moves it does)
   */
  TaskView move(Caller caller, long taskId, String status, String note, HttpServletRequest request) {
    FollowUpStatus to;
    try {
      to = FollowUpStatus.of(status);
    } catch (IllegalArgumentException e) {
      throw new TaskProblem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    String text = note == null || note.isBlank() ? null : note.strip();
    if (text != null && text.length() > MAX_NOTE) {
      throw new TaskProblem(HttpStatus.BAD_REQUEST, "note is longer than " + MAX_NOTE + " characters");
    }
    FollowUpTasks.TaskRow task = tasks.find(taskId)
        .filter(t -> caller.scope().contains(t.division())).orElse(null);
    // audited before anything is decided, and kept when the move is refused
    audit.record(caller, AuditLog.TASK_STATUS, task == null ? null : task.person().personId(),
        task != null, request);
    if (task == null) {
      throw new TaskProblem(HttpStatus.NOT_FOUND, "no task " + taskId + " in your jurisdiction "
          + caller.jurisdiction());
    }
    FollowUpStatus from = task.status();
    if (!from.next().contains(to)) {
      throw new TaskProblem(HttpStatus.CONFLICT, "task " + taskId + " is " + from.code()
          + (from.next().isEmpty() ? " and cannot change any more"
              : "; it can move to " + String.join(" or ", from.next().stream()
                  .map(FollowUpStatus::code).toList()) + " only, not " + to.code()));
    }
    if (to == FollowUpStatus.CLOSED && text == null) {
      throw new TaskProblem(HttpStatus.BAD_REQUEST, "closing a task needs a note saying why");
    }
    return tx.execute(s -> {
      if (!tasks.move(taskId, from, to, text, caller.name(), clock.instant())) {
        throw new TaskProblem(HttpStatus.CONFLICT, "task " + taskId + " was changed meanwhile; reload it");
      }
      return view(tasks.find(taskId).orElseThrow(), caller);
    });
  }

  private static TaskView view(FollowUpTasks.TaskRow r, Caller caller) {
    boolean fullId = caller.may(Permission.SEE_FULL_IDENTITY_NUMBER);
    boolean fullPhone = caller.may(Permission.SEE_FULL_PHONE);
    var p = r.person();
    return new TaskView(r.taskId(), r.caseId(), r.assistRequestId(), p.personId(), p.name(),
        r.division(), fullId ? p.idNumber().value() : p.idNumber().masked(), !fullId,
        fullPhone ? p.phone() : p.maskedPhone(), !fullPhone, r.category(), r.status().code(), r.note(),
        r.createdAt(), r.updatedAt(), r.updatedBy());
  }

  static String category(String code) {
    String c = code.strip().toLowerCase(java.util.Locale.ROOT);
    if (!List.of("close", "secondary", "key", "companion").contains(c)) {
      throw new IllegalArgumentException("unknown category '" + code
          + "'; expected close, secondary, key or companion");
    }
    return c;
  }
}
