package org.cordon.server.followup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Follow-up tasks of traced contacts, for the communities they live in. */
@RestController
@RequestMapping("/api/tasks")
@Tag(name = "tasks", description = "Follow-up tasks (随访/管控) of traced contacts: list by division, "
    + "status and category; move on open → contacted → isolated → closed (audited)")
public class TaskController {

  /** Body of a status change. */
  public record StatusChange(String status, String note) {
  }

  private final FollowUpManagement management;

  TaskController(FollowUpManagement management) {
    this.management = management;
  }

  @GetMapping
  @Operation(summary = "Tasks assigned in a division of the caller's jurisdiction",
      description = "division defaults to the caller's jurisdiction (403 outside it); status: open, "
          + "contacted, isolated, closed; category: close, secondary, key, companion. Open tasks first, "
          + "oldest first. Identity numbers and phones masked per role as in /api/persons.")
  public TaskPage list(@RequestParam(required = false) String division,
      @RequestParam(required = false) String status, @RequestParam(required = false) String category,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
      Caller caller) {
    return management.list(caller, division, status, category, new Paging(page, size));
  }

  @PostMapping("/{id}/status")
  @Operation(summary = "Move a task on, with a note (required to close)",
      description = "Body {status, note}. open → contacted | isolated | closed; contacted → isolated | "
          + "closed; isolated → closed. 409 with the allowed moves otherwise; 404 for a task unknown or "
          + "outside the jurisdiction. Every call writes an audit row (task.status).")
  public TaskView move(@PathVariable long id, @RequestBody(required = false) StatusChange change,
      Caller caller, HttpServletRequest request) {
    if (change == null || change.status() == null) {
      throw new TaskProblem(HttpStatus.BAD_REQUEST, "status is required");
    }
    return management.move(caller, id, change.status(), change.note(), request);
  }

  @ExceptionHandler(TaskProblem.class)
  ResponseEntity<ProblemDetail> problem(TaskProblem e, HttpServletRequest request) {
    return problem(e.status(), e.getMessage(), request);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badInput(IllegalArgumentException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail,
      HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(status).body(p);
  }
}
