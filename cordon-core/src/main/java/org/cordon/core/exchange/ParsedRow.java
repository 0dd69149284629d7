package org.cordon.core.exchange;

/**
 * One data row of an exchange file: its 1-based line and either the record or the reason it could not
 * be read (exactly one of {@code record} and {@code error} is non-null).
 */
public record ParsedRow<T>(long line, T record, String error) {

  public boolean ok() {
    return error == null;
  }
}
