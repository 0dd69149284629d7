package org.cordon.server.checkpoint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The venue checkpoint API for venue devices. */
@RestController
@RequestMapping("/api/checkpoint")
@Tag(name = "checkpoint", description = "测温、扫码、戴口罩: a venue device checks a shown health code")
public class CheckpointController {

  private final Checkpoint checkpoint;
  private final CheckpointAdmission admission;
  private final CheckpointProperties properties;
  private final AuditLog audit;

  CheckpointController(Checkpoint checkpoint, CheckpointAdmission admission,
      CheckpointProperties properties, AuditLog audit) {
    this.checkpoint = checkpoint;
    this.admission = admission;
    this.properties = properties;
    this.audit = audit;
  }

  @PostMapping("/check")
  @Operation(summary = "Check a scanned code at the device's venue; allow or deny with the reason",
      description = "Body {token, temperature, masked, staff?, venueId?}. 200 {allowed, reason, ...} once "
          + "the entry is durable (an allowed one is also a venue scan). Bad input is 4xx with a 'reason' "
          + "(malformed, truncated 400; forged, wrong_key, expired, not_yet_valid 422; replayed 409; "
          + "unknown_venue 404; wrong_venue 403) and an audit row, nothing recorded. 503 with "
          + "Retry-After when the checkpoint is saturated or the entry could not be made durable.")
  public ResponseEntity<?> check(@RequestBody(required = false) CheckRequest body, Caller caller,
      HttpServletRequest request) {
    if (!admission.tryEnter()) {
      return unavailable("the checkpoint is saturated; retry after " + properties.retryAfterSeconds()
          + " s", request);
    }
    try {
      return ResponseEntity.ok(checkpoint.check(caller, body));
    } catch (CheckRefused e) {
      audit.record(caller, AuditLog.CHECKPOINT_REFUSED, e.personId(), e.reason(), request);
      ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
      p.setInstance(URI.create(request.getRequestURI()));
      p.setProperty("reason", e.reason());
      return ResponseEntity.status(e.status()).body(p);
    } catch (CheckpointUnavailable e) {
      return unavailable(e.getMessage(), request);
    } finally {
      admission.release();
    }
  }

  private ResponseEntity<ProblemDetail> unavailable(String detail, HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
    p.setInstance(URI.create(request.getRequestURI()));
    p.setProperty("reason", "saturated");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(properties.retryAfterSeconds())).body(p);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badBody(IllegalArgumentException e, HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setInstance(URI.create(request.getRequestURI()));
    p.setProperty("reason", "bad_request");
    return ResponseEntity.badRequest().body(p);
  }
}
