package org.cordon.server.checkpoint;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes checkpoint entries durable by group commit. Checks hand their entry to {@link #record} and
 * answer when the returned future completes; a writer thread takes every entry that is waiting (up to
 * {@link CheckpointProperties#groupMaxSize()}), makes them durable together and completes the futures
 * only then. Under load the groups grow by themselves: while one group syncs the next one gathers, and a
 * lone entry at night waits for nobody. Where a group goes is {@link CheckpointProperties#journal()}:
 *
 * <ul>
 *   <li>{@code database}: one transaction ({@link EntryStore}: the {@code checkpoint_check} rows and the
 *       venue scans), committed and synced. There are {@link CheckpointProperties#journalWriters()}
 *       writers: with one, a check that arrives just after a group left waits for that group's commit
 *       and then its own (a closed-loop population of N doors gets at most N checks per two commit
 *       times); with a few, the next group starts while the last one syncs. Two is the default: every
 *       group costs PostgreSQL a fixed few hundred µs of CPU (statement, commit, WAL flush) on top of a
 *       few µs per row, and each writer more makes the groups smaller (BENCHMARKS.md, "CPU per check").
 *   <li>{@code file}: appended to the local {@link EntryFile} and synced, by one writer; the
 *       {@link EntryFileLoader} moves the entries into the database in batches of hundreds, so the
 *       rows and scans appear there within the load interval, not at the answer.
 * </ul>
 *
 * <p>An entry is acknowledged only after its group is durable; when a group fails, every future in it
 * fails and nothing of it is stored, so a device never gets "allowed" for a scan that is not on disk.
 */
@Component
public class EntryJournal implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(EntryJournal.class);

  private record Pending(CheckpointEntry entry, CompletableFuture<Void> done) {
  }

  private final EntryStore store;
  private final CheckpointProperties properties;
  private final JdbcTemplate jdbc;
  /** The local entry file and its loader, in {@code file} mode (set before the writers start). */
  private volatile EntryFile file;
  private volatile EntryFileLoader loader;
  private final int groupMaxSize;
  private final BlockingQueue<Pending> queue;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running = true;
  private final LongAdder groups = new LongAdder();
  private final LongAdder entries = new LongAdder();
  private final LongAdder commitNanos = new LongAdder();
  private final long syncSpacingNanos;
  /** When the file writer last started a sync (its one thread only). */
  private long lastSync;

  EntryJournal(EntryStore store, CheckpointProperties properties, JdbcTemplate jdbc) {
    this.store = store;
    this.properties = properties;
    this.jdbc = jdbc;
    this.groupMaxSize = properties.groupMaxSize();
    this.syncSpacingNanos = properties.syncSpacingMicros() * 1_000L;
    // admission (CheckpointAdmission) bounds what is in flight; the queue only needs to hold that
    this.queue = new ArrayBlockingQueue<>(Math.max(properties.maxInFlight(), 1) * 2);
  }

  /**
   * Starts the writers once every bean is made, and with them the schema's migration (the entry file's
   * loader reads how far it got from the database); an entry recorded earlier waits in the queue.
   */
  @Override
  public void afterSingletonsInstantiated() {
    int writerCount = properties.journalWriters();
    if (CheckpointProperties.FILE.equals(properties.journal())) {
      EntryFile opened = EntryFile.open(Path.of(properties.journalDir()), properties.segmentBytes());
      long loaded = EntryFileLoader.loadedSeq(jdbc, opened.id());
      opened.startWriting(loaded);
      loader = new EntryFileLoader(opened, store, loaded, Duration.ofMillis(properties.loadIntervalMillis()),
          Math.max(1_000, properties.groupMaxSize() * 5));
      file = opened;
      loader.start();
      LOG.info("checkpoint entries are synced to {} (file {}, loaded up to #{}, #{} on disk) and moved into "
          + "the database every {} ms", properties.journalDir(), opened.id(), loaded, opened.lastOnDisk(),
          properties.loadIntervalMillis());
      // appends to one file are one at a time; while one syncs, the next group gathers
      writerCount = 1;
    }
    for (int i = 0; i < writerCount; i++) {
      Thread writer = new Thread(this::run, "checkpoint-journal-" + i);
      writer.setDaemon(true);
      writer.start();
      writers.add(writer);
    }
  }

  /**
   * Queues {@code entry} for the next group; the future completes when it is durable, or fails with
   * the reason it could not be stored (then it is not stored).
   */
  public CompletableFuture<Void> record(CheckpointEntry entry) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new IllegalStateException("the checkpoint journal is stopped"));
    } else if (!queue.offer(new Pending(entry, done))) {
      done.completeExceptionally(new IllegalStateException("the checkpoint journal queue is full"));
    }
    return done;
  }

  /** Groups committed, entries recorded and nanoseconds spent committing since start (benchmarks). */
  public long[] counts() {
    return new long[] {groups.sum(), entries.sum(), commitNanos.sum()};
  }

  private void run() {
    List<Pending> group = new ArrayList<>(groupMaxSize);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        if (file != null) {
          // checks keep coming: let this group gather until the spacing since the last sync is over
          long wait = lastSync + syncSpacingNanos - System.nanoTime();
          if (wait > 0 && queue.size() < groupMaxSize - 1) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
          }
          lastSync = System.nanoTime();
        }
        group.add(first);
        queue.drainTo(group, groupMaxSize - 1);
        commit(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        group.clear();
      }
    }
  }

  private void commit(List<Pending> group) {
    try {
      List<CheckpointEntry> batch = new ArrayList<>(group.size());
      for (Pending p : group) {
        batch.add(p.entry());
      }
      long started = System.nanoTime();
      if (file != null) {
        file.append(batch);
      } else {
        store.store(batch);
      }
      commitNanos.add(System.nanoTime() - started);
      groups.increment();
      entries.add(group.size());
    } catch (IOException | RuntimeException e) {
      LOG.warn("a group of {} checkpoint entries could not be stored: {}", group.size(), e.toString());
      group.forEach(p -> p.done().completeExceptionally(e));
      return;
    }
    group.forEach(p -> p.done().complete(null));
  }

  /**
   * Waits until every acknowledged entry is in the database (in {@code file} mode it may still be in the
   * local file only for up to the load interval); at once in {@code database} mode. False on timeout.
   */
  public boolean awaitStored(Duration timeout) throws InterruptedException {
    return loader == null || loader.awaitLoaded(timeout);
  }

  /**
   * Waits until what an earlier run left in the local entry file is in the database (the replay
   * ledger's reload reads it from there); at once in {@code database} mode. False on timeout.
   */
  boolean awaitRecovered(Duration timeout) throws InterruptedException {
    return loader == null || loader.awaitRecovered(timeout);
  }

  /**
   * Stops at once, as a crash would (tests): the writers and the loader end without loading what is
   * waiting, and the entry file is released with what was synced in it.
   */
  void haltForTest() throws InterruptedException, IOException {
    running = false;
    for (Thread writer : writers) {
      writer.interrupt();
      writer.join();
    }
    if (loader != null) {
      loader.halt();
      file.close();
    }
  }

  /** Stops taking entries and commits what is queued, so a graceful shutdown loses no acknowledgement. */
  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    long deadline = System.currentTimeMillis() + 30_000;
    for (Thread writer : writers) {
      writer.join(Math.max(1, deadline - System.currentTimeMillis()));
    }
    if (loader != null) {
      loader.stop(Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())));
      try {
        file.close();
      } catch (IOException e) {
        throw new UncheckedIOException("closing the checkpoint entry file", e);
      }
    }
  }
}
