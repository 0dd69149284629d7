package db.migration;

import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A tube's current result lives on the tube alone; {@code tube_result_history} keeps the results it
 * corrected, and the view {@code tube_result} shows every version as the table did (the current one
 * with {@code superseded_by} null). A round's first results were written twice, as a new row of
 * {@code tube_result} with its index entries and as the tube's current result: 500,000 results took
 * 3.1 s in psql on this machine, the tube update alone with the result's lab and provenance 1.7 s
 * (issue 5). Versions keep one id space and their order: the current result's {@code result_id} is
 * drawn from the sequence {@code result_version}, which starts above every id given before, and a
 * corrected result keeps its id when it moves to the history.
 */
public class V20__tube_current_result extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement s = context.getConnection().createStatement()) {
      s.execute("alter table tube add column result_lab varchar(100)");
      s.execute("alter table tube add column result_source varchar(8)");
      s.execute("alter table tube add column result_recorded_by varchar(64)");
      s.execute("alter table tube add column result_recorded_at timestamp with time zone");
      s.execute("update tube set result_lab = (select r.lab from tube_result r where r.result_id = tube.result_id), "
          + "result_source = (select r.source from tube_result r where r.result_id = tube.result_id), "
          + "result_recorded_by = (select r.recorded_by from tube_result r where r.result_id = tube.result_id), "
          + "result_recorded_at = (select r.recorded_at from tube_result r where r.result_id = tube.result_id) "
          + "where result_id is not null");
      s.execute("alter table tube_result rename to tube_result_history");
      s.execute("delete from tube_result_history where superseded_by is null");
      s.execute("create view tube_result as select result_id, tube_barcode, result, result_time, lab, source, "
          + "recorded_by, recorded_at, superseded_by from tube_result_history union all select result_id, barcode, "
          + "result, result_time, result_lab, result_source, result_recorded_by, result_recorded_at, "
          + "cast(null as bigint) from tube where result_id is not null");
      long next = 1;
      try (ResultSet rs = s.executeQuery("select coalesce(max(result_id), 0) from tube_result")) {
        rs.next();
        next = rs.getLong(1) + 1;
      }
      s.execute("create sequence result_version start with " + next);
    }
  }
}
