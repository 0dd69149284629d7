package org.cordon.server.tracing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.cordon.core.person.Person;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.core.tracing.ContactTrack;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Paging;
import org.cordon.server.security.Permission;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
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

/** Confirmed cases and their traced contacts. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = "cases", description = "Confirm a case (traces its contacts and stores them with their "
    + "evidence), list cases, read a case's contacts (masked per role; every read audited)")
public class CaseController {

  private final CaseConfirmation confirmation;
  private final CaseRecords records;
  private final AuditLog audit;

  CaseController(CaseConfirmation confirmation, CaseRecords records, AuditLog audit) {
    this.confirmation = confirmation;
    this.records = records;
    this.audit = audit;
  }

  @PostMapping
  @Operation(summary = "Confirm a case of a person in the caller's jurisdiction and trace its contacts",
      description = "Body {personId, onsetTime, isolatedTime?}, times ISO-8601 with offset. 201 with the "
          + "case id and the number of contacts per category; 400 for bad times, 404 for a person "
          + "unknown or outside the jurisdiction, 409 for a person who already has a case.")
  public ResponseEntity<ConfirmedCase> confirm(@RequestBody(required = false) CaseRequest request,
      Caller caller) {
    ConfirmedCase confirmed = confirmation.confirm(caller, request);
    return ResponseEntity.created(URI.create("/api/cases/" + confirmed.caseId())).body(confirmed);
  }

  @GetMapping
  @Operation(summary = "Cases of persons living in the caller's jurisdiction, newest first")
  public List<CaseSummary> list(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size, Caller caller) {
    return records.list(caller.scope(), new Paging(page, size));
  }

  @GetMapping("/{id}/contacts")
  @Operation(summary = "The stored contacts of a case who live in the caller's jurisdiction",
      description = "Filters, all optional: category (close, secondary, key or companion), via "
          + "(household, venue, trip or cell), division (home division under it; 403 outside the "
          + "jurisdiction), q (name substring or person id; a whole identity number for roles that see "
          + "them). Most severe category first, then by person id. Every call is written to the audit "
          + "log; 404 for an unknown case.")
  public List<ContactView> contacts(@PathVariable long id,
      @RequestParam(required = false) String category, @RequestParam(required = false) String via,
      @RequestParam(required = false) String division, @RequestParam(required = false) String q,
      Caller caller, HttpServletRequest request) {
    return visibleContacts(id, filter(category, via, division, q, caller), caller, request);
  }

  @GetMapping("/{id}/contacts.csv")
  @Operation(summary = "The same rows as the contacts list, as a CSV download",
      description = "UTF-8 with a byte order mark, RFC 4180, header person_id,name,home_division,"
          + "id_number,phone,category,source_person_id,via,place,first_exposure,last_exposure; times "
          + "ISO-8601 at +08:00. Same filters, scoping, masking and audit as the JSON list.")
  public void contactsCsv(@PathVariable long id, @RequestParam(required = false) String category,
      @RequestParam(required = false) String via, @RequestParam(required = false) String division,
      @RequestParam(required = false) String q, Caller caller, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    download(ContactExport.CSV, id, filter(category, via, division, q, caller), caller, request,
        response);
  }

  @GetMapping("/{id}/contacts.xlsx")
  @Operation(summary = "The same rows as the contacts list, as an Excel (xlsx) download",
      description = "One sheet, bold frozen header row with the CSV's column names. Same scoping, "
          + "filters, masking and audit as the JSON list.")
  public void contactsXlsx(@PathVariable long id, @RequestParam(required = false) String category,
      @RequestParam(required = false) String via, @RequestParam(required = false) String division,
      @RequestParam(required = false) String q, Caller caller, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    download(ContactExport.XLSX, id, filter(category, via, division, q, caller), caller, request,
        response);
  }

  private void download(ContactExport format, long id, CaseRecords.ContactFilter filter, Caller caller,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    // Everything that can refuse (bad category, unknown case, audit) happens before the first byte.
    List<ContactView> rows = visibleContacts(id, filter, caller, request);
    response.setContentType(format.contentType());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        "attachment; filename=\"" + format.fileName(id) + "\"");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    format.write(rows, response.getOutputStream());
  }

  private List<ContactView> visibleContacts(long id, CaseRecords.ContactFilter filter, Caller caller,
      HttpServletRequest request) {
    CaseRecords.CaseRow found = records.find(id).orElse(null);
    // Audit first: if the record cannot be written, nothing is shown.
    audit.caseContactsRead(caller, found == null ? null : found.personId(), found != null, request);
    if (found == null) {
      throw new CaseProblem(HttpStatus.NOT_FOUND, "no case " + id);
    }
    boolean fullId = caller.may(Permission.SEE_FULL_IDENTITY_NUMBER);
    boolean fullPhone = caller.may(Permission.SEE_FULL_PHONE);
    return records.contacts(id, caller.scope(), filter).stream().map(r -> {
      Person p = r.person();
      return new ContactView(p.personId(), p.name(), p.homeDivision().value(),
          fullId ? p.idNumber().value() : p.idNumber().masked(), !fullId,
          fullPhone ? p.phone() : p.maskedPhone(), !fullPhone, r.category(), r.sourcePersonId(),
          r.via(), r.place(), r.firstExposure(), r.lastExposure());
    }).toList();
  }

  /** The contact filter of the request; everything that can be refused is refused here, before the audit. */
  private static CaseRecords.ContactFilter filter(String category, String via, String division,
      String q, Caller caller) {
    DivisionCode under = division == null || division.isBlank() ? null
        : caller.scope().require(DivisionCode.of(division.strip()));
    return new CaseRecords.ContactFilter(category(category), track(via), under,
        q == null || q.isBlank() ? null : q.strip(), caller.may(Permission.SEE_FULL_IDENTITY_NUMBER));
  }

  private static ContactTrack track(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    for (ContactTrack t : ContactTrack.values()) {
      if (t.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new CaseProblem(HttpStatus.BAD_REQUEST, "unknown via '" + code
        + "'; expected household, venue, trip or cell");
  }

  private static ContactCategory category(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    for (ContactCategory c : ContactCategory.values()) {
      if (c.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new CaseProblem(HttpStatus.BAD_REQUEST, "unknown category '" + code
        + "'; expected close, secondary, key or companion");
  }

  @ExceptionHandler(CaseProblem.class)
  ResponseEntity<ProblemDetail> problem(CaseProblem e, HttpServletRequest request) {
    return problem(e.status(), e.getMessage(), request);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badInput(IllegalArgumentException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<ProblemDetail> raced(DuplicateKeyException e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, "this person's case was confirmed at the same time by another "
        + "request", request);
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail,
      HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(status).body(p);
  }
}
