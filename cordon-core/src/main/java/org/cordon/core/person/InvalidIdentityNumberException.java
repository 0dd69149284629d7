package org.cordon.core.person;

/** Thrown when a text is not a valid GB 11643-1999 identity number; the message says why. */
public final class InvalidIdentityNumberException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidIdentityNumberException(String message) {
    super(message);
  }
}
