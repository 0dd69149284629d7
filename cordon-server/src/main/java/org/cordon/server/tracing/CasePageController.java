package org.cordon.server.tracing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The case page: a case's facts, its itinerary, its transmission graph and the evidence of a link. A
 * case whose person lives outside the caller's jurisdiction answers 404 like an unknown one; every
 * read is audited before it answers.
 */
@RestController
@RequestMapping("/api/cases/{id}")
@Tag(name = "cases", description = "Confirm a case (traces its contacts and stores them with their "
    + "evidence), list cases, read a case's contacts (masked per role; every read audited)")
public class CasePageController {

  /** Close and secondary contacts shown in a graph at most, each. */
  static final int SEVERE_CAP = 2_000;
  /** Key persons and companions shown in a graph by default, and at most, each. */
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;

  private final CasePage page;
  private final AuditLog audit;

  CasePageController(CasePage page, AuditLog audit) {
    this.page = page;
    this.audit = audit;
  }

  @GetMapping
  @Operation(summary = "A case: its person (masked per role), onset, isolation, windows, contact counts",
      description = "404 for a case unknown or outside the jurisdiction. Audited (case.read).")
  public CaseDetail detail(@PathVariable long id, Caller caller, HttpServletRequest request) {
    CasePageQueries.CaseFacts c = caseFor(id, caller);
    audit.caseRead(caller, c == null ? null : c.person().personId(), c != null, request);
    return page.detail(found(id, c), caller);
  }

  @GetMapping("/itinerary")
  @Operation(summary = "The case's venue scans, rides and grid-cell dwells in its companion window",
      description = "Window [onset − companion-window-days, isolated or now), time order, each with the "
          + "place's name, kind, contact class and position (venue, or cell centre). Audited "
          + "(case.read).")
  public CaseItinerary itinerary(@PathVariable long id, Caller caller, HttpServletRequest request) {
    CasePageQueries.CaseFacts c = caseFor(id, caller);
    audit.caseRead(caller, c == null ? null : c.person().personId(), c != null, request);
    return page.itinerary(found(id, c));
  }

  @GetMapping("/graph")
  @Operation(summary = "The transmission graph: case → contacts → secondary contacts",
      description = "All close and secondary contacts (up to 2,000 each), key persons and companions "
          + "up to limit each (default 100, at most 1,000), earliest exposure first; total and shown "
          + "count per category. Contacts living outside the jurisdiction are withheld (no name). "
          + "Audited (case.contacts.read).")
  public CaseGraph graph(@PathVariable long id,
      @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit, Caller caller,
      HttpServletRequest request) {
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new CaseProblem(HttpStatus.BAD_REQUEST, "limit must be 0.." + MAX_LIMIT + ", got " + limit);
    }
    CasePageQueries.CaseFacts c = caseFor(id, caller);
    audit.caseContactsRead(caller, c == null ? null : c.person().personId(), c != null, request);
    return page.graph(found(id, c), caller, limit, SEVERE_CAP);
  }

  @GetMapping("/contacts/{personId}/evidence")
  @Operation(summary = "The evidence of a contact's link: both persons' stays at the place, and overlaps",
      description = "404 for a case unknown or outside the jurisdiction, or a person who is not a "
          + "stored contact of it living in the jurisdiction. Audited (case.evidence.read, the "
          + "contact).")
  public LinkEvidence evidence(@PathVariable long id, @PathVariable long personId, Caller caller,
      HttpServletRequest request) {
    CasePageQueries.CaseFacts c = caseFor(id, caller);
    LinkEvidence evidence = c == null ? null : page.evidence(c, personId, caller).orElse(null);
    audit.contactEvidenceRead(caller, personId, evidence != null, request);
    found(id, c);
    if (evidence == null) {
      throw new CaseProblem(HttpStatus.NOT_FOUND, "person " + personId + " is not a contact of case "
          + id + " in your jurisdiction " + caller.jurisdiction());
    }
    return evidence;
  }

  private CasePageQueries.CaseFacts caseFor(long id, Caller caller) {
    if (id <= 0) {
      throw new CaseProblem(HttpStatus.BAD_REQUEST, "case id must be positive, got " + id);
    }
    return page.find(id, caller).orElse(null);
  }

  /** {@code c}, or a 404 that does not tell an unknown case from one outside the jurisdiction. */
  private static CasePageQueries.CaseFacts found(long id, CasePageQueries.CaseFacts c) {
    if (c == null) {
      throw new CaseProblem(HttpStatus.NOT_FOUND, "no case " + id);
    }
    return c;
  }

  @ExceptionHandler(CaseProblem.class)
  ResponseEntity<ProblemDetail> problem(CaseProblem e, HttpServletRequest request) {
    return problem(e.status(), e.getMessage(), request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e,
      HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has an invalid value '"
        + e.getValue() + "'", request);
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail,
      HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(status).body(p);
  }
}
