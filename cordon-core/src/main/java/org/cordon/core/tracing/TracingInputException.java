package org.cordon.core.tracing;

/**
 * Input to a trace that cannot be used: a missing file, a bad header, a malformed row, an event of
 * an unknown person or venue, an unknown case person. The message names the file and line when there
 * is one, e.g. {@code scans.csv line 12: unknown person 77}.
 */
public final class TracingInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TracingInputException(String message) {
    super(message);
  }
}
