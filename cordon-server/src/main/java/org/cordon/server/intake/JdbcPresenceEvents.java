package org.cordon.server.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RecordKind;

/**
 * Stores venue scans, trip rides or dwells. An identical event re-sent is a no-op thanks to the
 * table's natural primary key and counts as a duplicate.
 *
 * <p>H2: JDBC batches of {@code insert ... on conflict do nothing}. PostgreSQL: {@code COPY} straight
 * into the table under a savepoint, which is the fast path for new events; if the chunk holds a
 * duplicate the copy fails, the savepoint is rolled back and the chunk (and the rest of the upload)
 * goes through a temporary staging table and {@code insert ... select ... on conflict do nothing}.
 */
final class JdbcPresenceEvents<T> implements RecordStore<T> {

  private final RecordKind kind;
  private final RecordFormat<T> format;
  private final PresenceTable<T> table;
  private final RowCheck<T> check;
  private final Database database;

  JdbcPresenceEvents(RecordKind kind, RecordFormat<T> format, PresenceTable<T> table,
      RowCheck<T> check, Database database) {
    this.kind = kind;
    this.format = format;
    this.table = table;
    this.check = check;
    this.database = database;
  }

  @Override
  public RecordKind kind() {
    return kind;
  }

  @Override
  public RecordFormat<T> format() {
    return format;
  }

  @Override
  public String check(T record, Instant latest, IntakeScope scope) {
    return check.check(record, latest, scope);
  }

  @Override
  public boolean writeFindsErrors() {
    return false;
  }

  @Override
  public Batch<T> open(IntakeScope scope) {
    return new Batch<>() {
      private boolean staging;

      @Override
      public ChunkOutcome write(Connection c, List<Line<T>> chunk) {
        try {
          int inserted;
          if (database == Database.POSTGRESQL) {
            if (!staging && copyDirect(c, chunk)) {
              inserted = chunk.size();
            } else {
              staging = true;
              inserted = copyStaged(c, chunk);
            }
          } else {
            inserted = insertBatch(c, chunk);
          }
          return new ChunkOutcome(inserted, chunk.size() - inserted, List.of());
        } catch (SQLException e) {
          throw StoreFailure.of("storing " + kind.code(), e);
        }
      }

      @Override
      public void committed() {
      }
    };
  }

  /** The checks of one event kind; see {@link RecordStore#check}. */
  @FunctionalInterface
  interface RowCheck<T> {
    String check(T record, Instant latest, IntakeScope scope);
  }

  private int insertBatch(Connection c, List<Line<T>> chunk) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(table.insertIgnoringDuplicates())) {
      for (Line<T> l : chunk) {
        table.binder().bind(ps, l.record());
        ps.addBatch();
      }
      int inserted = 0;
      for (int n : ps.executeBatch()) {
        inserted += n > 0 ? 1 : 0;
      }
      return inserted;
    }
  }

  private StringBuilder copyData(List<Line<T>> chunk) {
    StringBuilder sb = new StringBuilder(chunk.size() * 80);
    for (Line<T> l : chunk) {
      table.copyLine().append(l.record(), sb);
    }
    return sb;
  }

  private boolean copyDirect(Connection c, List<Line<T>> chunk) throws SQLException {
    Savepoint sp = c.setSavepoint();
    try {
      PgCopy.copy(c, "copy " + table.table() + " (" + table.columns() + ") from stdin", copyData(chunk));
      c.releaseSavepoint(sp);
      return true;
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(sp);
      return false;
    }
  }

  private int copyStaged(Connection c, List<Line<T>> chunk) throws SQLException {
    String stage = "intake_stage_" + table.table();
    try (Statement st = c.createStatement()) {
      st.execute("create temporary table if not exists " + stage + " (like " + table.table()
          + ") on commit drop");
      st.execute("truncate " + stage);
    }
    PgCopy.copy(c, "copy " + stage + " (" + table.columns() + ") from stdin", copyData(chunk));
    try (Statement st = c.createStatement()) {
      return st.executeUpdate("insert into " + table.table() + " (" + table.columns() + ") select "
          + table.columns() + " from " + stage + " on conflict do nothing");
    }
  }
}
