package org.cordon.server.checkpoint;

import java.nio.charset.StandardCharsets;

/**
 * A check's HTTP answer as ready bytes, the same whichever listener the device called.
 *
 * @param status the HTTP status
 * @param contentType {@code application/json} for an answer, {@code application/problem+json} otherwise
 * @param body the JSON body
 * @param retryAfterSeconds the Retry-After of a 503, else null
 * @param refusal the refusal to audit before the answer goes out, else null
 */
record CheckReply(int status, String contentType, byte[] body, Integer retryAfterSeconds,
    CheckRefused refusal) {

  static final String JSON = "application/json";
  static final String PROBLEM = "application/problem+json";

  @Override
  public String toString() {
    return status + " " + new String(body, StandardCharsets.UTF_8);
  }
}
