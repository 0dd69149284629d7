package org.cordon.server.intake;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How one kind of presence event maps to its table: the column list, the JDBC binding for batch
 * inserts and the line for COPY. The table's primary key is the event's natural key.
 */
record PresenceTable<T>(String table, String columns, Binder<T> binder, CopyLine<T> copyLine) {

  @FunctionalInterface
  interface Binder<T> {
    void bind(PreparedStatement ps, T record) throws SQLException;
  }

  @FunctionalInterface
  interface CopyLine<T> {
    /** Appends one COPY text-format line, tab separated, ending with {@code \n}. */
    void append(T record, StringBuilder out);
  }
}
