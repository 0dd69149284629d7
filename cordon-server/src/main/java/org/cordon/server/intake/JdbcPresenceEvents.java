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
  public Batch<T> open(IntakeScope scope, long ingestBatch) {
    return new Batch<>() {
      private boolean staging;
      private int staged;

      @Override
      public ChunkOutcome write(Connection c, List<Line<T>> chunk) {
        try {
          int inserted;
          if (database == Database.POSTGRESQL) {
            if (!staging && copyDirect(c, chunk, ingestBatch)) {
              inserted = chunk.size();
            } else {
              staging = true;
              inserted = copyStaged(c, chunk, ingestBatch);
            }
          } else {
            staged += stage(c, chunk, staged == 0, ingestBatch);
            inserted = chunk.size(); // provisional: beforeCommit counts the duplicates
          }
          return new ChunkOutcome(inserted, chunk.size() - inserted, List.of());
        } catch (SQLException e) {
          throw StoreFailure.of("storing " + kind.code(), e);
        }
      }

      @Override
      public ChunkOutcome beforeCommit(Connection c) {
        if (database == Database.POSTGRESQL || staged == 0) {
          return ChunkOutcome.NONE;
        }
        try {
          int inserted = mergeStage(c);
          return new ChunkOutcome(inserted - staged, staged - inserted, List.of());
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

  /**
   * H2: the upload's rows go to a session-local temporary table first and reach the real table only
   * in {@link #mergeStage} right before the commit. H2 writes uncommitted rows to its file in the
   * background, and after a hard kill its recovery has been seen to keep one of them (IntakeKillIT):
   * staged rows live in a temporary table, which does not survive a restart, so an upload killed while
   * it streams leaves nothing behind.
   */
  private int stage(Connection c, List<Line<T>> chunk, boolean first, long ingestBatch)
      throws SQLException {
    if (first) {
      // TRANSACTIONAL: in H2 other DDL commits the open transaction (e.g. a client event's id)
      try (Statement st = c.createStatement()) {
        st.execute("create local temporary table if not exists " + stageName() + " transactional as select "
            + allColumns() + " from " + table.table() + " with no data");
        st.execute("delete from " + stageName());
      }
    }
    int columns = table.columns().split(",").length;
    String insert = "insert into " + stageName() + " (" + allColumns() + ") values ("
        + "?, ".repeat(columns) + "?)";
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      for (Line<T> l : chunk) {
        table.binder().bind(ps, l.record());
        ps.setLong(columns + 1, ingestBatch);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return chunk.size();
  }

  /** Moves the staged rows in upload order (the first of equal keys wins); returns the rows inserted. */
  private int mergeStage(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      int inserted = st.executeUpdate("insert into " + table.table() + " (" + allColumns()
          + ") select " + allColumns() + " from " + stageName() + " order by _rowid_"
          + " on conflict do nothing");
      st.execute("delete from " + stageName());
      return inserted;
    }
  }

  private String stageName() {
    return "intake_stage_" + table.table();
  }

  /** The event columns and {@code ingest_batch}, the upload that stored the row. */
  private String allColumns() {
    return table.columns() + ", ingest_batch";
  }

  private StringBuilder copyData(List<Line<T>> chunk, long ingestBatch) {
    StringBuilder sb = new StringBuilder(chunk.size() * 90);
    for (Line<T> l : chunk) {
      table.copyLine().append(l.record(), sb);
      sb.setLength(sb.length() - 1); // the line's '\n'
      sb.append('\t').append(ingestBatch).append('\n');
    }
    return sb;
  }

  private boolean copyDirect(Connection c, List<Line<T>> chunk, long ingestBatch) throws SQLException {
    Savepoint sp = c.setSavepoint();
    try {
      PgCopy.copy(c, "copy " + table.table() + " (" + allColumns() + ") from stdin",
          copyData(chunk, ingestBatch));
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

  private int copyStaged(Connection c, List<Line<T>> chunk, long ingestBatch) throws SQLException {
    String stage = "intake_stage_" + table.table();
    try (Statement st = c.createStatement()) {
      st.execute("create temporary table if not exists " + stage + " (like " + table.table()
          + ") on commit drop");
      st.execute("truncate " + stage);
    }
    PgCopy.copy(c, "copy " + stage + " (" + allColumns() + ") from stdin", copyData(chunk, ingestBatch));
    try (Statement st = c.createStatement()) {
      return st.executeUpdate("insert into " + table.table() + " (" + allColumns() + ") select "
          + allColumns() + " from " + stage + " on conflict do nothing");
    }
  }
}
