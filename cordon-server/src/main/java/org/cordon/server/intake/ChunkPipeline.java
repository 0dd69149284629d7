package org.cordon.server.intake;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes an upload's chunks on a thread of its own, one chunk at a time, while the caller parses the
 * next: on two cores the database works while Java reads instead of taking turns. The connection is
 * the upload's transaction; only the writer thread uses it until {@link #finish()} or {@link #close()}
 * returned. Outcomes go into the report in chunk order; a failed write is rethrown to the caller.
 */
final class ChunkPipeline<T> implements AutoCloseable {

  private final RecordStore.Batch<T> batch;
  private final Connection connection;
  private final ReportBuilder report;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "intake-writer");
    t.setDaemon(true);
    return t;
  });
  private Future<ChunkOutcome> inFlight;

  ChunkPipeline(RecordStore.Batch<T> batch, Connection connection, ReportBuilder report) {
    this.batch = batch;
    this.connection = connection;
    this.report = report;
  }

  /** Hands {@code chunk} to the writer after the previous chunk is written; the caller must not touch it. */
  void submit(List<Line<T>> chunk) {
    awaitInFlight();
    inFlight = thread.submit(() -> batch.write(connection, chunk));
  }

  /** Waits for the last chunk. */
  void finish() {
    awaitInFlight();
  }

  private void awaitInFlight() {
    if (inFlight == null) {
      return;
    }
    Future<ChunkOutcome> f = inFlight;
    inFlight = null;
    try {
      report.add(f.get());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing an upload", e);
    }
  }

  /** Waits for a write still running (its outcome no longer matters), so the transaction can end. */
  @Override
  public void close() {
    Future<ChunkOutcome> f = inFlight;
    inFlight = null;
    if (f != null) {
      try {
        f.get();
      } catch (ExecutionException ignored) {
        // the caller is already failing for another reason
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    thread.shutdown();
  }
}
