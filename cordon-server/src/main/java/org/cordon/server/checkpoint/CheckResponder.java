package org.cordon.server.checkpoint;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns a device's check body into the HTTP answer: admission, the body read with {@link CheckJson},
 * the {@link Checkpoint} check, and every outcome as ready bytes (the answer, a refusal as a problem
 * with its reason, 503 with Retry-After when saturated or not durable in time). Both listeners use it:
 * the servlet endpoint ({@link CheckpointController}) and the venue devices' own ({@link DeviceListener}),
 * so the two answer byte for byte alike.
 */
@Component
class CheckResponder {

  static final String PATH = "/api/checkpoint/check";
  static final String ENDPOINT = "POST " + PATH;
  private static final Logger LOG = LoggerFactory.getLogger(CheckResponder.class);

  private final Checkpoint checkpoint;
  private final CheckpointAdmission admission;
  private final AuditLog audit;
  private final int retryAfterSeconds;
  /** The answer when admission is full: in a morning peak most answers are this one. */
  private final CheckReply saturated;

  CheckResponder(Checkpoint checkpoint, CheckpointAdmission admission, CheckpointProperties properties,
      AuditLog audit) {
    this.checkpoint = checkpoint;
    this.admission = admission;
    this.audit = audit;
    this.retryAfterSeconds = properties.retryAfterSeconds();
    this.saturated = unavailable("the checkpoint is saturated; retry after " + retryAfterSeconds + " s");
  }

  /**
   * Answers the check {@code body} sent by {@code caller}. The future completes once the entry is
   * durable (or at once for a refusal) and never fails: an unexpected error is a 500 answer.
   */
  CompletableFuture<CheckReply> answer(Caller caller, byte[] body) {
    if (!admission.tryEnter()) {
      return CompletableFuture.completedFuture(saturated);
    }
    CompletableFuture<CheckAnswer> pending;
    try {
      pending = checkpoint.check(caller, CheckJson.read(body));
    } catch (RuntimeException e) {
      admission.release();
      return CompletableFuture.completedFuture(failed(e));
    }
    return pending.handle((answer, failure) -> {
      admission.release();
      return failure == null
          ? new CheckReply(200, CheckReply.JSON, CheckJson.write(answer), null, null)
          : failed(failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure);
    });
  }

  /**
   * Writes the audit row of a refused check (nothing for any other answer); the caller does it before
   * sending the answer, off any event loop: it is a database write.
   */
  void audit(Caller caller, CheckReply reply, String clientIp) {
    CheckRefused r = reply.refusal();
    if (r != null) {
      audit.record(caller, AuditLog.CHECKPOINT_REFUSED, r.personId(), r.reason(), ENDPOINT, clientIp);
    }
  }

  /** The 503 with Retry-After of a full checkpoint (admission, or a listener's own bounded work). */
  CheckReply saturated() {
    return saturated;
  }

  /** A problem answer (RFC 9457) with a reason, for refusals made before the check (authentication). */
  static CheckReply problem(HttpStatus status, String detail, String reason) {
    return new CheckReply(status.value(), CheckReply.PROBLEM, CheckJson.problem(status, detail, PATH, reason),
        null, null);
  }

  private CheckReply failed(Throwable failure) {
    if (failure instanceof CheckRefused r) {
      return new CheckReply(r.status().value(), CheckReply.PROBLEM,
          CheckJson.problem(r.status(), r.getMessage(), PATH, r.reason()), null, r);
    }
    if (failure instanceof CheckpointUnavailable u) {
      return unavailable(u.getMessage());
    }
    LOG.error("a checkpoint check failed unexpectedly", failure);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "the check failed on the server; nothing was recorded, "
        + "check again", "internal");
  }

  private CheckReply unavailable(String detail) {
    return new CheckReply(503, CheckReply.PROBLEM, CheckJson.problem(HttpStatus.SERVICE_UNAVAILABLE, detail,
        PATH, "saturated"), retryAfterSeconds, null);
  }
}
