package org.cordon.core.exchange;

import java.util.List;

/**
 * How one kind of record is laid out in an exchange file: its columns in written order, how a row of
 * values becomes a record, and how a record is written as a CSV line.
 *
 * <p>Field names are the same in CSV headers and NDJSON objects (snake_case, e.g. {@code person_id}).
 * Values are text; an empty string stands for an absent optional value.
 *
 * @param <T> the core record
 */
public interface RecordFormat<T> {

  /** The columns in the order they are written. */
  List<Column> columns();

  /**
   * Makes a record from {@code values}, which holds one value per {@link #columns()} entry in that
   * order ({@code ""} for an empty value or a column the input left out).
   *
   * @throws RowException with a specific reason when a value is malformed or the record is invalid
   */
  T parse(String[] values);

  /** Appends {@code record} as one CSV line, terminated by {@code \n}. */
  void append(T record, StringBuilder out);

  /** The header line, terminated by {@code \n}. */
  default String headerLine() {
    StringBuilder sb = new StringBuilder();
    for (Column c : columns()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(c.name());
    }
    return sb.append('\n').toString();
  }
}
