package org.cordon.server.checkpoint;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Moves the entries of the local {@link EntryFile} into the database ({@code checkpoint_check} and the
 * venue scans, through {@link EntryStore}) in large batches, and records in the same transaction how
 * far it got ({@code checkpoint_entry_file.loaded_seq}): after a crash it resumes right after the last
 * stored entry. A batch is whatever is synced, up to {@code maxBatch} entries, at most every
 * {@code interval}: one commit for hundreds of checks, where the group commit straight into the
 * database paid one for a dozen. If the database fails, the batch is tried again (it is on disk
 * meanwhile; the file keeps growing), and the segments already stored are deleted as it advances.
 */
final class EntryFileLoader {

  private static final Logger LOG = LoggerFactory.getLogger(EntryFileLoader.class);

  private final EntryFile file;
  private final EntryStore store;
  private final long intervalNanos;
  private final int maxBatch;
  private final Thread thread;
  private final Object signal = new Object();
  private volatile boolean running = true;
  private volatile long loaded;

  /** Reads how far {@code file} was loaded (registering it the first time). */
  static long loadedSeq(JdbcTemplate jdbc, String fileId) {
    List<Long> seq = jdbc.queryForList("select loaded_seq from checkpoint_entry_file where file_id = ?",
        Long.class, fileId);
    if (!seq.isEmpty()) {
      return seq.get(0);
    }
    jdbc.update("insert into checkpoint_entry_file (file_id, loaded_seq, loaded_at) values (?, 0, ?)", fileId,
        OffsetDateTime.now(ZoneOffset.UTC));
    return 0;
  }

  EntryFileLoader(EntryFile file, EntryStore store, long loadedSeq, Duration interval, int maxBatch) {
    this.file = file;
    this.store = store;
    this.loaded = loadedSeq;
    this.intervalNanos = interval.toNanos();
    this.maxBatch = maxBatch;
    this.thread = new Thread(this::run, "checkpoint-entry-loader");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The last sequence number stored in the database. */
  long loaded() {
    return loaded;
  }

  /**
   * Waits until every entry synced before this call is in the database; false on timeout.
   */
  boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return awaitSeq(file.lastDurableSeq(), timeout);
  }

  /**
   * Waits until what was on disk when the server started (entries synced by an earlier run that it
   * had not loaded yet) is in the database: the replay ledger reads the recent checks from there.
   */
  boolean awaitRecovered(Duration timeout) throws InterruptedException {
    return awaitSeq(file.lastOnDisk(), timeout);
  }

  private boolean awaitSeq(long target, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (signal) {
      while (loaded < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !thread.isAlive()) {
          return loaded >= target;
        }
        signal.notifyAll();
        signal.wait(Math.max(1, left / 1_000_000L));
      }
    }
    return true;
  }

  /** Loads what is synced and stops; what it could not load stays in the file for the next start. */
  void stop(Duration timeout) throws InterruptedException {
    running = false;
    synchronized (signal) {
      signal.notifyAll();
    }
    thread.join(Math.max(1, timeout.toMillis()));
  }

  /** Ends the thread without loading what is waiting (a crash, for tests). */
  void halt() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join();
  }

  private void run() {
    try (EntryFile.Reader reader = file.reader(loaded)) {
      List<EntryFile.Numbered> batch = new ArrayList<>();
      while (true) {
        if (batch.isEmpty()) {
          batch.addAll(reader.next(maxBatch));
        }
        if (batch.isEmpty()) {
          if (!running) {
            return;
          }
          prepareSpare();
          waitFor(intervalNanos);
          continue;
        }
        long seq = batch.get(batch.size() - 1).seq();
        long started = System.nanoTime();
        boolean full = batch.size() >= maxBatch;
        try {
          store.store(entries(batch), c -> mark(c, seq));
        } catch (RuntimeException e) {
          LOG.warn("{} checkpoint entries up to #{} could not be moved into the database (they stay in the "
              + "entry file); trying again in a second: {}", batch.size(), seq, e.toString());
          if (!running) {
            return;
          }
          waitFor(1_000_000_000L);
          continue;
        }
        batch.clear();
        synchronized (signal) {
          loaded = seq;
          signal.notifyAll();
        }
        try {
          reader.deleteLoaded(seq);
        } catch (IOException e) {
          LOG.warn("could not delete a loaded checkpoint entry segment: {}", e.toString());
        }
        prepareSpare();
        // batch up: the next load starts an interval after this one did, unless this one was full
        long rest = intervalNanos - (System.nanoTime() - started);
        if (running && !full && rest > 0) {
          waitFor(rest);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("the checkpoint entry loader stopped; entries stay in the file until the next start", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (signal) {
        signal.notifyAll();
      }
    }
  }

  private void prepareSpare() {
    try {
      file.prepareSpare();
    } catch (IOException e) {
      LOG.warn("could not prepare the next checkpoint entry segment (the writer will make one): {}", e.toString());
    }
  }

  private void waitFor(long nanos) throws InterruptedException {
    synchronized (signal) {
      if (running) {
        signal.wait(Math.max(1, nanos / 1_000_000L));
      }
    }
  }

  private void mark(java.sql.Connection c, long seq) {
    try (PreparedStatement ps = c.prepareStatement(
        "update checkpoint_entry_file set loaded_seq = ?, loaded_at = ? where file_id = ?")) {
      ps.setLong(1, seq);
      ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
      ps.setString(3, file.id());
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException("checkpoint entry file " + file.id() + " is not registered");
      }
    } catch (SQLException e) {
      throw new UncategorizedSQLException("recording how far the checkpoint entry file is loaded", null, e);
    }
  }

  private static List<CheckpointEntry> entries(List<EntryFile.Numbered> batch) {
    List<CheckpointEntry> out = new ArrayList<>(batch.size());
    for (EntryFile.Numbered n : batch) {
      out.add(n.entry());
    }
    return out;
  }
}
