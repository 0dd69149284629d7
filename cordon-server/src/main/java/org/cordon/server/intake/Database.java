package org.cordon.server.intake;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The database product behind the data source (a bean): bulk writes take a faster path on PostgreSQL,
 * here and in the modules that write in bulk (health codes, mass testing, the checkpoint journal).
 */
public enum Database {
  H2, POSTGRESQL;

  static Database of(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      if ("PostgreSQL".equalsIgnoreCase(product)) {
        return POSTGRESQL;
      }
      if ("H2".equalsIgnoreCase(product)) {
        return H2;
      }
      throw new IllegalStateException("unsupported database " + product + "; use H2 or PostgreSQL");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
    }
  }
}
