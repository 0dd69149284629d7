package org.cordon.server.intake;

/** A single event that cannot be stored; the message says why. Answered with HTTP 422. */
public final class RejectedEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RejectedEventException(String reason) {
    super(reason);
  }
}
