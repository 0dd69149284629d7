package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * {@code tube_result} without its foreign key to {@code tube} (issue 5, results speed). Every result
 * upload locks its tubes {@code FOR UPDATE} and refuses an unknown tube before it inserts anything
 * ({@code ResultRecords.lock}, {@code ResultIntake}), so the key's per-row lookup and {@code FOR KEY
 * SHARE} lock on a tube row this transaction already holds only cost time: a third of storing a round's
 * 100,000 results (2.2 s with it, 1.4 s without, in psql on this machine). Nothing deletes tubes. Written
 * in Java because PostgreSQL and H2 name the unnamed constraint differently: it is found by its table.
 */
public class V16__tube_result_checked_by_its_lock extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    List<String> keys = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select constraint_name from information_schema.table_constraints "
        + "where lower(table_name) = 'tube_result' and constraint_type = 'FOREIGN KEY'")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String key : keys) {
        s.execute("alter table tube_result drop constraint \"" + key.replace("\"", "\"\"") + "\"");
      }
    }
  }
}
