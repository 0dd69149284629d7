package org.cordon.core.exchange;

/**
 * A file that cannot be read any further: a bad header, an unclosed quote running to the end of the
 * input, a record longer than the limit, or an I/O failure. {@link #line()} is the 1-based line where
 * the problem starts and {@link #reason()} says what it is.
 */
public final class ExchangeFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final String reason;

  public ExchangeFormatException(long line, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
    this.reason = reason;
  }

  public ExchangeFormatException(long line, String reason, Throwable cause) {
    super("line " + line + ": " + reason, cause);
    this.line = line;
    this.reason = reason;
  }

  public long line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
