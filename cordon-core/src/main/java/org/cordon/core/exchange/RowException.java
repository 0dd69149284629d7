package org.cordon.core.exchange;

/**
 * A row that cannot become a record. The message is the reason alone (e.g. {@code time '2022-13-01'
 * is not ISO-8601: month 13 is not 1..12}); the line number is added by whoever knows it.
 */
public final class RowException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public RowException(String reason) {
    super(reason);
  }
}
