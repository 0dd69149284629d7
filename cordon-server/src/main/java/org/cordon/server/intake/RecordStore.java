package org.cordon.server.intake;

import java.time.Instant;
import org.cordon.core.exchange.RecordFormat;
import org.cordon.core.exchange.RecordKind;

/**
 * Where records of one kind are stored, and the checks a record must pass before it is. A store is
 * used inside the caller's transaction; nothing it writes is visible to others before that commits.
 */
interface RecordStore<T> {

  RecordKind kind();

  RecordFormat<T> format();

  /**
   * The reason {@code record} may not be stored (outside {@code scope}, an unknown person or venue, a
   * time after {@code latest}), or {@code null}. Cheap: no database access.
   */
  String check(T record, Instant latest, IntakeScope scope);

  /** Whether writing can refuse rows (persons, venues: conflicting ids), so errors show only then. */
  boolean writeFindsErrors();

  /**
   * Starts writing one upload made within {@code scope}; the batch's reasons say nothing about stored
   * rows outside it beyond that they conflict. Every row it stores carries {@code ingestBatch} (column
   * {@code ingest_batch}), so that read-side copies can read exactly the rows of a committed upload.
   */
  Batch<T> open(IntakeScope scope, long ingestBatch);

  /** The writes of one upload. */
  interface Batch<T> {

    /**
     * Writes a chunk on {@code connection}, the upload's transaction. May run on another thread than
     * the one that opened the batch, but never two chunks at once.
     */
    ChunkOutcome write(java.sql.Connection connection, java.util.List<Line<T>> chunk);

    /**
     * Called once after the last chunk, on the upload's connection and inside its transaction, before
     * it commits: a store that staged the chunks moves them now. Returns how that changes the counts
     * already reported by {@link #write} (e.g. staged rows that turned out to be duplicates).
     */
    default ChunkOutcome beforeCommit(java.sql.Connection connection) {
      return ChunkOutcome.NONE;
    }

    /** Called after the upload's transaction committed. */
    void committed();
  }
}
