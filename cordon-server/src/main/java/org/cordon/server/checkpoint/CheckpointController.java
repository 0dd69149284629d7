package org.cordon.server.checkpoint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.cordon.server.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The venue checkpoint API on the main listener, for devices and tools that reach only that port. The
 * answer is made by {@link CheckResponder}, as on the devices' own listener ({@link DeviceListener}):
 * the body is read and the answer written as bytes (at tens of thousands of checks a second the message
 * converters and data binding were the larger part of the request's CPU), refusals are problem details
 * with a reason, each audited.
 */
@RestController
@RequestMapping("/api/checkpoint")
@Tag(name = "checkpoint", description = "测温、扫码、戴口罩: a venue device checks a shown health code")
public class CheckpointController {

  private final CheckResponder responder;

  CheckpointController(CheckResponder responder) {
    this.responder = responder;
  }

  @PostMapping("/check")
  @Operation(summary = "Check a scanned code at the device's venue; allow or deny with the reason",
      description = "Body {token, temperature, masked, staff?, venueId?}. 200 {allowed, reason, ...} once "
          + "the entry is durable (an allowed one is also a venue scan). Bad input is 4xx with a 'reason' "
          + "(malformed, truncated, bad_request 400; forged, wrong_key, expired, not_yet_valid, "
          + "unknown_person 422; replayed 409; unknown_venue 404; wrong_venue 403) and an audit row, "
          + "nothing recorded. 503 with Retry-After when the checkpoint is saturated or the entry could "
          + "not be made durable. The venue devices' own listener (cordon.checkpoint.device-port) answers "
          + "the same call the same way, with less overhead.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = CheckRequest.class))),
      responses = @ApiResponse(responseCode = "200", description = "the answer, once durable",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = CheckAnswer.class))))
  public void check(Caller caller, HttpServletRequest request, HttpServletResponse response)
      throws IOException, InterruptedException {
    byte[] body = request.getInputStream().readNBytes(CheckJson.MAX_BODY_BYTES + 1);
    CheckReply reply;
    try {
      // the journal completes it (or its own timeout does); the servlet thread simply waits
      reply = responder.answer(caller, body).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the check's answer failed", e.getCause());
    }
    responder.audit(caller, reply, request.getRemoteAddr());
    response.setStatus(reply.status());
    if (reply.retryAfterSeconds() != null) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(reply.retryAfterSeconds()));
    }
    response.setContentType(reply.contentType());
    response.setContentLength(reply.body().length);
    response.getOutputStream().write(reply.body());
  }
}
