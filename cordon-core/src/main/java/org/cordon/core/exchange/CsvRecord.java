package org.cordon.core.exchange;

/**
 * One CSV record: the 1-based line where it starts, its fields unquoted, and a syntax error or
 * {@code null}. Fields of a record with an error are what could be read and should not be trusted.
 */
public record CsvRecord(long line, String[] fields, String error) {
}
