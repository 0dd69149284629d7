package org.cordon.server.healthcode;

import org.springframework.http.HttpStatus;

/** A health-code request that cannot be served, with the HTTP status and the reason to send back. */
class HealthCodeProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  HealthCodeProblem(HttpStatus status, String reason) {
    super(reason);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
