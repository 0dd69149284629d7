package org.cordon.server.person;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.cordon.core.person.Person;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.cordon.server.security.DivisionNames;
import org.cordon.server.security.Paging;
import org.cordon.server.security.Permission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Persons for the console, within the caller's jurisdiction, masked per role. */
@RestController
@RequestMapping("/api/persons")
@Tag(name = "persons", description = "Persons in the caller's jurisdiction (masked per role; "
    + "detail reads audited)")
public class PersonController {

  private final PersonQueries persons;
  private final AuditLog audit;
  private final DivisionNames names;

  public PersonController(PersonQueries persons, AuditLog audit, DivisionNames names) {
    this.persons = persons;
    this.audit = audit;
    this.names = names;
  }

  @GetMapping
  @Operation(summary = "A page of persons under a division (default: the caller's jurisdiction)",
      description = "q matches a name substring or a person id; for roles that see full identity "
          + "numbers also a whole identity number. 403 if the division is outside the jurisdiction.")
  public PersonPage list(@RequestParam(required = false) String division,
      @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size, Caller caller) {
    Paging paging = new Paging(page, size);
    DivisionCode under = division == null || division.isBlank() ? caller.jurisdiction()
        : caller.scope().require(DivisionCode.of(division));
    boolean fullId = caller.may(Permission.SEE_FULL_IDENTITY_NUMBER);
    boolean fullPhone = caller.may(Permission.SEE_FULL_PHONE);
    PersonQueries.Search search = new PersonQueries.Search(under, q, fullId);
    List<PersonView> items = persons.page(caller.scope(), search, paging).stream()
        .map(p -> PersonView.of(p, names.nameOf(p.homeDivision()), fullId, fullPhone))
        .toList();
    return new PersonPage(items, paging.page(), paging.size(),
        persons.count(caller.scope(), search));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One person's details; every call is written to the audit log",
      description = "404 both for unknown persons and for persons outside the jurisdiction.")
  public ResponseEntity<?> get(@PathVariable long id, Caller caller, HttpServletRequest request) {
    Optional<Person> person = persons.find(caller.scope(), id);
    // Audit first: if the record cannot be written, nothing is shown.
    audit.personRead(caller, id, person.isPresent(), request);
    if (person.isEmpty()) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
          "no person " + id + " in your jurisdiction " + caller.jurisdiction());
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
    Person p = person.get();
    return ResponseEntity.ok(PersonView.of(p, names.nameOf(p.homeDivision()),
        caller.may(Permission.SEE_FULL_IDENTITY_NUMBER), caller.may(Permission.SEE_FULL_PHONE)));
  }
}
