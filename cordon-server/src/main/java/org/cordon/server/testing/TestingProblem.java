package org.cordon.server.testing;

import org.springframework.http.HttpStatus;

/**
 * A testing request that cannot be done, with the HTTP status and the reason to send back. Public so a
 * caller in another module (the resident's own antigen report) can answer with them.
 */
public class TestingProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  TestingProblem(HttpStatus status, String reason) {
    super(reason);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }

  static TestingProblem badRequest(String reason) {
    return new TestingProblem(HttpStatus.BAD_REQUEST, reason);
  }

  static TestingProblem notFound(String reason) {
    return new TestingProblem(HttpStatus.NOT_FOUND, reason);
  }

  static TestingProblem conflict(String reason) {
    return new TestingProblem(HttpStatus.CONFLICT, reason);
  }

  static TestingProblem unprocessable(String reason) {
    return new TestingProblem(HttpStatus.UNPROCESSABLE_CONTENT, reason);
  }
}
