package org.cordon.server.security;

/** A request names a division outside the caller's jurisdiction; answered with 403 and the message. */
public class OutsideJurisdictionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutsideJurisdictionException(String message) {
    super(message);
  }
}
