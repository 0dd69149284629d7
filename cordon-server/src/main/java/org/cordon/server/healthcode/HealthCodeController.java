package org.cordon.server.healthcode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.healthcode.CodeChange;
import org.cordon.core.healthcode.Fact;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Health codes: read one person's code, record facts by hand, stream changes. */
@RestController
@RequestMapping("/api/health-codes")
@Tag(name = "health codes", description = "Green/yellow/red codes with their reasons; facts by hand; "
    + "Server-Sent Events of changes; the public key that verifies QR tokens")
public class HealthCodeController {

  private final HealthCodeManagement codes;
  private final HealthCodeStore store;
  private final AuditLog audit;
  private final CodeTokens tokens;

  HealthCodeController(HealthCodeManagement codes, HealthCodeStore store, AuditLog audit,
      CodeTokens tokens) {
    this.tokens = tokens;
    this.codes = codes;
    this.store = store;
    this.audit = audit;
  }

  @GetMapping("/public-key")
  @Operation(summary = "The Ed25519 public key QR tokens are signed with (no sign-in needed)",
      description = "Venue scanners verify tokens offline with it; the online check's current colour "
          + "wins when it differs from the colour in the token.")
  public Map<String, Object> publicKey() {
    return tokens.publicKey();
  }

  @GetMapping("/{personId}")
  @Operation(summary = "A person's code: colour, reasons, since, until, what to do to turn green",
      description = "Console roles: persons living in their jurisdiction (404 otherwise). A resident: "
          + "only their own code; another person's is 403. Every call is written to the audit log.")
  public CodeView code(@PathVariable long personId, Caller caller, HttpServletRequest request) {
    if (caller.role() == Role.RESIDENT) {
      if (Residents.personOf(caller) != personId) {
        audit.record(caller, AuditLog.HEALTH_CODE_READ, personId, "denied", request);
        throw new HealthCodeProblem(HttpStatus.FORBIDDEN, "a resident may read only their own health code");
      }
    } else {
      String home = store.home(personId);
      if (home == null || !caller.scope().contains(home)) {
        audit.record(caller, AuditLog.HEALTH_CODE_READ, personId, "not_found", request);
        throw new HealthCodeProblem(HttpStatus.NOT_FOUND, "no person " + personId
            + " in your jurisdiction " + caller.jurisdiction());
      }
    }
    audit.record(caller, AuditLog.HEALTH_CODE_READ, personId, "found", request);
    return CodeView.of(codes.code(personId));
  }

  @PostMapping("/facts")
  @Operation(summary = "Record a fact: test result, isolation start or end, arrival, zone, key group",
      description = "Body {personId, kind, at, ...} (see FactRequest). Stored, applied at once; the answer "
          + "is the person's code after it and the changes it caused. 400 for a bad field, 404 for a "
          + "person unknown or outside the caller's jurisdiction.")
  public ResponseEntity<Map<String, Object>> record(@RequestBody(required = false) FactRequest body,
      Caller caller) {
    if (body == null || body.personId() == null) {
      throw new HealthCodeProblem(HttpStatus.BAD_REQUEST, "personId is required");
    }
    if (body.at() == null || body.at().isBlank()) {
      throw new HealthCodeProblem(HttpStatus.BAD_REQUEST, "at is required (ISO-8601 with offset)");
    }
    if (FactCodec.LAB_ONLY.contains(body.kind())) {
      throw new HealthCodeProblem(HttpStatus.BAD_REQUEST, "kind '" + body.kind() + "' is recorded from "
          + "lab results (POST /api/testing/results, /api/fhir/Bundle), not over this endpoint");
    }
    long personId = body.personId();
    Instant at = IsoTime.parse("at", body.at());
    Fact fact = FactCodec.decode(personId, body.kind(), at, body.detail());
    String home = store.home(personId);
    if (home == null || !caller.scope().contains(home)) {
      throw new HealthCodeProblem(HttpStatus.NOT_FOUND, "no person " + personId
          + " in your jurisdiction " + caller.jurisdiction());
    }
    List<CodeChange> changes = codes.record(List.of(fact), caller.name());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("kind", FactCodec.encode(fact).kind());
    answer.put("changes", changes.stream().map(c -> Map.of("personId", c.personId(),
        "from", c.from().code(), "to", c.to().code(), "at", IsoTime.format(c.at()))).toList());
    answer.put("code", CodeView.of(codes.code(personId)));
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(summary = "Server-Sent Events of code changes",
      description = "A resident: their own code (the current one first). Console roles: the changes of "
          + "persons living in ?division= (default: the caller's jurisdiction). Events are named 'code'.")
  public SseEmitter stream(@RequestParam(required = false) String division, Caller caller) {
    if (caller.role() == Role.RESIDENT) {
      return codes.stream(Residents.personOf(caller));
    }
    DivisionCode root = division == null || division.isBlank() ? caller.jurisdiction()
        : caller.scope().require(new DivisionCode(division.strip()));
    return codes.streamDivision(new org.cordon.server.security.Jurisdiction(root));
  }
}
