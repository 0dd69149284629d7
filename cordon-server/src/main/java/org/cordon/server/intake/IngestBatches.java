package org.cordon.server.intake;

import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Numbers uploads (and single events): every row an upload stores carries its number in the column
 * {@code ingest_batch}, and {@link PresenceDataChanged} names it after the commit, so a read-side copy
 * (the tracing index) reads exactly the rows of that upload, once. Numbers come from the database
 * sequence {@code ingest_batch_seq}, a block of {@link #BLOCK} at a time, so they ascend across restarts; an upload that rolls back, or a
 * single event that was a duplicate, leaves its number unused.
 *
 * <p>Numbers are not committed in their order (a long upload commits after later short ones), so this
 * also tells which numbers may still commit: {@link #lowestUnresolved()}. Every number below it
 * belongs to an upload that has committed and published its event, or never will commit. Thread-safe.
 */
@Component
public class IngestBatches {
  private final JdbcTemplate jdbc;
  /**
   * Numbers taken from the sequence at a time: it steps by this much (V12), so one {@code nextval}
   * serves this many uploads. The venue checkpoint numbers every group commit, hundreds a second, and
   * the round trip was half of a group's; a restart leaves the rest of a block unused.
   */
  static final int BLOCK = 64;

  private final TreeSet<Long> open = new TreeSet<>();
  private long last = -1;
  private long blockNext = 0;
  private long blockEnd = -1;

  IngestBatches(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new number, open until {@link #close(long)}. */
  synchronized long open() {
    long id = next();
    open.add(id);
    return id;
  }

  /** The upload numbered {@code id} has committed and published its event, or has failed. */
  synchronized void close(long id) {
    open.remove(id);
  }

  /**
   * The lowest number that may still commit: the oldest open upload's, or, with none open, the next
   * number to be given out. Every upload numbered below it is resolved.
   */
  public synchronized long lowestUnresolved() {
    if (!open.isEmpty()) {
      return open.first();
    }
    if (last < 0) {
      // nothing given out by this process yet: take a number, so later ones are above it
      last = next();
    }
    return last + 1;
  }

  private long next() {
    if (blockNext > blockEnd) {
      Long start = jdbc.queryForObject("select nextval('ingest_batch_seq')", Long.class);
      blockNext = start == null ? 0 : start;
      blockEnd = blockNext + BLOCK - 1;
    }
    last = blockNext++;
    return last;
  }
}
