package org.cordon.server.checkpoint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The venue checkpoint API for venue devices. The check reads its body and writes its answer itself
 * ({@link CheckJson}): at tens of thousands of checks a second the message converters and data binding
 * were the larger part of the request's CPU. Refusals go through the exception handlers below as
 * problem details, each audited.
 */
@RestController
@RequestMapping("/api/checkpoint")
@Tag(name = "checkpoint", description = "测温、扫码、戴口罩: a venue device checks a shown health code")
public class CheckpointController {

  private final Checkpoint checkpoint;
  private final CheckpointAdmission admission;
  private final CheckpointProperties properties;
  private final AuditLog audit;
  /** The problem answered when admission is full (RFC 9457, as the other refusals). */
  private final byte[] saturated;

  CheckpointController(Checkpoint checkpoint, CheckpointAdmission admission,
      CheckpointProperties properties, AuditLog audit) {
    this.checkpoint = checkpoint;
    this.admission = admission;
    this.properties = properties;
    this.audit = audit;
    this.saturated = CheckJson.problem(HttpStatus.SERVICE_UNAVAILABLE, "the checkpoint is saturated; retry "
        + "after " + properties.retryAfterSeconds() + " s", "/api/checkpoint/check", "saturated");
  }

  @PostMapping("/check")
  @Operation(summary = "Check a scanned code at the device's venue; allow or deny with the reason",
      description = "Body {token, temperature, masked, staff?, venueId?}. 200 {allowed, reason, ...} once "
          + "the entry is durable (an allowed one is also a venue scan). Bad input is 4xx with a 'reason' "
          + "(malformed, truncated, bad_request 400; forged, wrong_key, expired, not_yet_valid, "
          + "unknown_person 422; replayed 409; unknown_venue 404; wrong_venue 403) and an audit row, "
          + "nothing recorded. 503 with Retry-After when the checkpoint is saturated or the entry could "
          + "not be made durable.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = CheckRequest.class))),
      responses = @ApiResponse(responseCode = "200", description = "the answer, once durable",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = CheckAnswer.class))))
  public void check(Caller caller, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!admission.tryEnter()) {
      // in a morning peak most answers are this one: written as ready bytes, no exception, no mapper
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(properties.retryAfterSeconds()));
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setContentLength(saturated.length);
      response.getOutputStream().write(saturated);
      return;
    }
    byte[] answer;
    try {
      answer = CheckJson.write(checkpoint.check(caller, CheckJson.read(request.getInputStream())));
    } finally {
      admission.release();
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(answer.length);
    response.getOutputStream().write(answer);
  }

  @ExceptionHandler(CheckRefused.class)
  ResponseEntity<ProblemDetail> refused(CheckRefused e, HttpServletRequest request) {
    audit.record(Caller.of(SecurityContextHolder.getContext().getAuthentication()),
        AuditLog.CHECKPOINT_REFUSED, e.personId(), e.reason(), request);
    return ResponseEntity.status(e.status()).body(problem(e.status(), e.getMessage(), e.reason(), request));
  }

  @ExceptionHandler(CheckpointUnavailable.class)
  ResponseEntity<ProblemDetail> unavailable(CheckpointUnavailable e, HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(properties.retryAfterSeconds()))
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), "saturated", request));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badBody(IllegalArgumentException e, HttpServletRequest request) {
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, e.getMessage(), "bad_request",
        request));
  }

  private static ProblemDetail problem(HttpStatus status, String detail, String reason,
      HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setInstance(URI.create(request.getRequestURI()));
    p.setProperty("reason", reason);
    return p;
  }
}
