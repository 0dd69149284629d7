package org.cordon.server.checkpoint;

import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.cordon.core.presence.VenueScan;
import org.cordon.server.intake.Database;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.intake.SameStatement;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Component;

/**
 * Makes checkpoint entries durable by group commit. Checks hand their entry to {@link #record} and
 * answer when the returned future completes; a writer thread takes every entry that is waiting (up to
 * {@link CheckpointProperties#groupMaxSize()}), writes them in one transaction (the
 * {@code checkpoint_check} rows and, for allowed entries, the venue scans through
 * {@link IntakeManagement#storeScans}) and completes the futures only after that transaction is
 * committed and synced. On PostgreSQL the group is one statement in autocommit: the checks' insert runs
 * as a {@code with} of the scans' insert ({@link SameStatement}), so a group costs two round trips (its
 * batch number, the statement) instead of four. Under load the groups grow by themselves: while one group commits the next
 * one gathers, so one commit and one sync serve hundreds of entries, and a lone entry at night waits
 * for nobody. There are {@link CheckpointProperties#journalWriters()} writers: with one, a check that
 * arrives just after a group left waits for that group's commit and then its own (a closed-loop device
 * population of N doors then gets at most N checks per two commit times); with a few, the next group
 * starts while the last one syncs. PostgreSQL merges their WAL flushes, and the scans' batch numbers
 * may commit out of order, which the intake's open-batch watermark is for. Two is the default: every
 * group costs PostgreSQL a fixed few hundred µs of CPU (the statement, the commit, the WAL flush) on
 * top of a few µs per row, and the entries in flight are shared among the groups in flight, so each
 * writer more makes the groups smaller. At 64 closed-loop connections, three writers committed groups
 * of 12–14 entries at 33–36 µs of PostgreSQL CPU per check, two writers groups of 18 at 27 µs, and one
 * writer groups of 29 at 18 µs, but with the cap above (BENCHMARKS.md, "CPU per check").
 *
 * <p>An entry is acknowledged only after its group is durable; when a group fails, every future in it
 * fails and nothing of it is stored, so a device never gets "allowed" for a scan that is not on disk.
 */
@Component
public class EntryJournal {

  private static final Logger LOG = LoggerFactory.getLogger(EntryJournal.class);
  /** H2: rows per multi-row insert statement, fewer round trips than a JDBC batch of single rows. */
  private static final int ROWS_PER_INSERT = 200;
  private static final String COLUMNS = "checked_at, venue_id, person_id, device, token_id, colour, "
      + "temperature, masked, staff, allowed, reason";
  private static final int COLUMN_COUNT = 11;
  /**
   * PostgreSQL: the whole group as arrays in one prepared statement, the same text for every group
   * size (parsed and planned once per connection); see {@code PgScanGroup} in intake for the scans.
   * Every array is of a type pgjdbc sends in binary (typed Java arrays; an {@code Object[]} or a
   * {@code BigDecimal[]} goes as text, built in a StringBuilder and parsed again by the server), so
   * the temperature travels as tenths of a degree ({@code int}) and is scaled back here, exactly.
   */
  private static final String PG_INSERT = "insert into checkpoint_check (" + COLUMNS + ") select "
      + "timestamptz 'epoch' + u.t * interval '1 microsecond', u.v, u.p, u.d, u.k, u.c, u.temp * 0.1, u.m, "
      + "u.s, u.a, u.r from unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], "
      + "?::varchar[], ?::int[], ?::boolean[], ?::boolean[], ?::boolean[], ?::varchar[]) "
      + "as u(t, v, p, d, k, c, temp, m, s, a, r)";

  private record Pending(CheckpointEntry entry, CompletableFuture<Void> done) {
  }

  private final IntakeManagement intake;
  private final int groupMaxSize;
  private final boolean postgres;
  private final BlockingQueue<Pending> queue;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running = true;
  private final LongAdder groups = new LongAdder();
  private final LongAdder entries = new LongAdder();
  private final LongAdder commitNanos = new LongAdder();
  /** Whether the store is PostgreSQL; known after the first group. */

  EntryJournal(IntakeManagement intake, CheckpointProperties properties, Database database) {
    this.intake = intake;
    this.postgres = database == Database.POSTGRESQL;
    this.groupMaxSize = properties.groupMaxSize();
    // admission (CheckpointAdmission) bounds what is in flight; the queue only needs to hold that
    this.queue = new ArrayBlockingQueue<>(Math.max(properties.maxInFlight(), 1) * 2);
    for (int i = 0; i < properties.journalWriters(); i++) {
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
      List<VenueScan> scans = new ArrayList<>(group.size());
      for (Pending p : group) {
        CheckpointEntry e = p.entry();
        if (e.allowed()) {
          scans.add(new VenueScan(e.personId(), e.venueId(), e.checkedAt(), null));
        }
      }
      long started = System.nanoTime();
      intake.storeScans(scans, connection -> insertChecks(connection, group),
          new SameStatement(PG_INSERT, COLUMN_COUNT, ps -> bindChecksPg(ps, group)));
      commitNanos.add(System.nanoTime() - started);
      groups.increment();
      entries.add(group.size());
    } catch (RuntimeException e) {
      LOG.warn("a group of {} checkpoint entries could not be stored: {}", group.size(), e.toString());
      group.forEach(p -> p.done().completeExceptionally(e));
      return;
    }
    group.forEach(p -> p.done().complete(null));
  }

  private void insertChecks(Connection c, List<Pending> group) {
    try {
      if (postgres) {
        insertChecksPg(c, group);
      } else {
        insertChecksMultiRow(c, group);
      }
    } catch (SQLException e) {
      throw new UncategorizedSQLException("recording checkpoint entries", null, e);
    }
  }

  private static void insertChecksPg(Connection c, List<Pending> group) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PG_INSERT)) {
      bindChecksPg(ps, group);
      ps.executeUpdate();
    }
  }

  /** Binds the group's columns as the 11 arrays of {@link #PG_INSERT}, parameters 1..11. */
  private static void bindChecksPg(PreparedStatement ps, List<Pending> group) throws SQLException {
    int n = group.size();
    long[] times = new long[n];
    String[] venues = new String[n];
    long[] persons = new long[n];
    String[] devices = new String[n];
    String[] tokens = new String[n];
    String[] colours = new String[n];
    Integer[] tenths = new Integer[n];
    boolean[] masked = new boolean[n];
    boolean[] staff = new boolean[n];
    boolean[] allowed = new boolean[n];
    String[] reasons = new String[n];
    for (int i = 0; i < n; i++) {
      CheckpointEntry e = group.get(i).entry();
      times[i] = micros(e.checkedAt());
      venues[i] = e.venueId();
      persons[i] = e.personId();
      devices[i] = e.device();
      tokens[i] = e.tokenId();
      colours[i] = e.colour();
      tenths[i] = tenths(e.temperature());
      masked[i] = e.masked();
      staff[i] = e.staff();
      allowed[i] = e.allowed();
      reasons[i] = reason(e);
    }
    PGConnection c = ps.getConnection().unwrap(PGConnection.class);
    int k = 1;
    ps.setArray(k++, c.createArrayOf("int8", times));
    ps.setArray(k++, c.createArrayOf("varchar", venues));
    ps.setArray(k++, c.createArrayOf("int8", persons));
    ps.setArray(k++, c.createArrayOf("varchar", devices));
    ps.setArray(k++, c.createArrayOf("varchar", tokens));
    ps.setArray(k++, c.createArrayOf("varchar", colours));
    ps.setArray(k++, c.createArrayOf("int4", tenths));
    ps.setArray(k++, c.createArrayOf("bool", masked));
    ps.setArray(k++, c.createArrayOf("bool", staff));
    ps.setArray(k++, c.createArrayOf("bool", allowed));
    ps.setArray(k, c.createArrayOf("varchar", reasons));
  }

  /** A temperature of one decimal (numeric(4, 1)) as whole tenths, rounded as the column would. */
  private static Integer tenths(BigDecimal celsius) {
    return celsius == null ? null : celsius.setScale(1, RoundingMode.HALF_UP).unscaledValue().intValueExact();
  }

  /** Microseconds since the epoch, truncated, as PostgreSQL keeps them (and as the scan is stored). */
  private static long micros(java.time.Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  private static String reason(CheckpointEntry e) {
    return e.reason().length() > 200 ? e.reason().substring(0, 200) : e.reason();
  }

  private static void insertChecksMultiRow(Connection c, List<Pending> group) throws SQLException {
    for (int from = 0; from < group.size(); from += ROWS_PER_INSERT) {
      int to = Math.min(group.size(), from + ROWS_PER_INSERT);
      StringBuilder sql = new StringBuilder("insert into checkpoint_check (").append(COLUMNS)
          .append(") values ");
      String row = "(" + "?, ".repeat(COLUMN_COUNT - 1) + "?)";
      for (int i = from; i < to; i++) {
        sql.append(i == from ? "" : ", ").append(row);
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int k = 1;
        for (int i = from; i < to; i++) {
          CheckpointEntry e = group.get(i).entry();
          ps.setObject(k++, OffsetDateTime.ofInstant(e.checkedAt(), ZoneOffset.UTC));
          ps.setString(k++, e.venueId());
          ps.setLong(k++, e.personId());
          ps.setString(k++, e.device());
          ps.setString(k++, e.tokenId());
          ps.setString(k++, e.colour());
          if (e.temperature() == null) {
            ps.setNull(k++, Types.NUMERIC);
          } else {
            ps.setBigDecimal(k++, e.temperature());
          }
          ps.setBoolean(k++, e.masked());
          ps.setBoolean(k++, e.staff());
          ps.setBoolean(k++, e.allowed());
          ps.setString(k++, reason(e));
        }
        ps.executeUpdate();
      }
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
  }
}
