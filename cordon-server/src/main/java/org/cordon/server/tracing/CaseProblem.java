package org.cordon.server.tracing;

import org.springframework.http.HttpStatus;

/** A confirmation or read that cannot be done, with the HTTP status and the reason to send back. */
class CaseProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  CaseProblem(HttpStatus status, String reason) {
    super(reason);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
