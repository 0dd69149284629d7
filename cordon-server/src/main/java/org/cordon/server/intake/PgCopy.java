package org.cordon.server.intake;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** PostgreSQL {@code COPY ... FROM STDIN} in text format, and the escaping that format needs. */
public final class PgCopy {
  private PgCopy() {
  }

  /** Copies {@code data} (text format lines) with {@code sql}; the number of rows copied. */
  public static long copy(Connection connection, String sql, CharSequence data) throws SQLException {
    CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
      return in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  /** Appends {@code value} escaped for the text format, or {@code \N} for null. */
  public static void appendText(String value, StringBuilder out) {
    if (value == null) {
      out.append("\\N");
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }
}
