package org.cordon.server.testing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cordon.core.exchange.IsoTime;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Permission;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The key-group register, antigen tests, and compliance with the policy's key-group schedules. */
@RestController
@RequestMapping("/api/testing")
@Tag(name = "testing")
public class KeyGroupController {

  private final KeyGroupRegister register;
  private final KeyGroupBoards boards;
  private final AntigenTests antigen;
  private final AuditLog audit;
  private final Clock clock;

  KeyGroupController(KeyGroupRegister register, KeyGroupBoards boards, AntigenTests antigen, AuditLog audit,
      ObjectProvider<Clock> clock) {
    this.register = register;
    this.boards = boards;
    this.antigen = antigen;
    this.audit = audit;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @PostMapping(path = "/key-groups/members", consumes = "application/json")
  @Operation(summary = "Register key-group members (JSON list), all or none",
      description = "Items {personId, group, workplaceId?, workplaceName?, since?}; group must have a "
          + "schedule in the testing policy. 201 {members, added, updated}; the first bad item named "
          + "(members[i]): 400 bad field or unknown group, 404 unknown person, 403 outside the "
          + "jurisdiction. A new membership is recorded as a key_group fact for the health codes.")
  public ResponseEntity<KeyGroupRegister.Registered> register(
      @RequestBody(required = false) List<KeyGroupMemberRequest> body, Caller caller) {
    return ResponseEntity.status(HttpStatus.CREATED).body(register.register(caller, body));
  }

  @PostMapping(path = "/key-groups/members", consumes = "text/csv")
  @Operation(summary = "Register key-group members from CSV, all or none",
      description = "Header person_id,group,workplace_id,workplace_name[,since]. 200 with the report when "
          + "stored (members registered already are duplicates, their workplace updated); 422 with every "
          + "bad line and nothing stored.")
  public ResponseEntity<BatchReport> upload(HttpServletRequest request, Caller caller) throws IOException {
    BatchReport report = register.upload(caller, request.getInputStream());
    return ResponseEntity.status(report.stored() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT)
        .body(report);
  }

  @GetMapping("/key-groups/members")
  @Operation(summary = "Key-group members living in the jurisdiction, by workplace; audited, masked")
  public List<KeyGroupMemberView> members(@RequestParam(required = false) String group,
      @RequestParam(required = false) String workplace, Caller caller, HttpServletRequest request) {
    audit.testingListRead(caller, request);
    return boards.members(caller, group, workplace, caller.may(Permission.SEE_FULL_IDENTITY_NUMBER),
        caller.may(Permission.SEE_FULL_PHONE));
  }

  @DeleteMapping("/key-groups/members/{personId}")
  @Operation(summary = "Remove a person from a key group (every group without ?group=)",
      description = "404 when the person is in no such group in the jurisdiction. The end of the "
          + "membership is recorded for the health codes.")
  public Map<String, Object> remove(@PathVariable long personId, @RequestParam(required = false) String group,
      Caller caller) {
    return Map.of("personId", personId, "removed", register.remove(caller, personId, group));
  }

  @GetMapping("/key-groups/compliance")
  @Operation(summary = "Compliance with the key-group schedules per workplace and person, and the overdue "
          + "list; audited, masked",
      description = "group, workplace: filters; asOf: ISO-8601 with offset, default now. Tests counted: "
          + "PCR samples of any campaign, antigen tests, each where the schedule asks for its method.")
  public KeyGroupComplianceView compliance(@RequestParam(required = false) String group,
      @RequestParam(required = false) String workplace, @RequestParam(required = false) String asOf,
      Caller caller, HttpServletRequest request) {
    Instant at = asOf == null || asOf.isBlank() ? clock.instant() : IsoTime.parse("asOf", asOf.strip());
    audit.testingListRead(caller, request);
    return boards.compliance(caller, group, workplace, at, caller.may(Permission.SEE_FULL_IDENTITY_NUMBER),
        caller.may(Permission.SEE_FULL_PHONE));
  }

  @PostMapping(path = "/antigen-tests", consumes = "application/json")
  @Operation(summary = "Record rapid antigen tests (self-reported or by a community worker), all or none",
      description = "Items {personId, testedAt, result}. 201 {recorded}; the first bad item named "
          + "(tests[i]): 400, 404 unknown person, 403 outside the jurisdiction.")
  public ResponseEntity<Map<String, Object>> antigen(
      @RequestBody(required = false) List<AntigenTestRequest> body, Caller caller) {
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("recorded", antigen.record(caller, body)));
  }
}
