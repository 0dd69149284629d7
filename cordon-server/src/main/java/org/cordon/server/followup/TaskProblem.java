package org.cordon.server.followup;

import org.springframework.http.HttpStatus;

/** A task or assist request call that cannot be done, with the HTTP status and the reason. */
class TaskProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  TaskProblem(HttpStatus status, String reason) {
    super(reason);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
