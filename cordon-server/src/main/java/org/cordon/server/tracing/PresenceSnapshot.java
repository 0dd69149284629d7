package org.cordon.server.tracing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.annotation.PreDestroy;
import org.cordon.core.exchange.RecordKind;
import org.cordon.core.place.ContactClass;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.Venue;
import org.cordon.core.place.VenueKind;
import org.cordon.core.tracing.LiveTracingData;
import org.cordon.core.tracing.TracingData;
import org.cordon.core.tracing.TracingDataBuilder;
import org.cordon.server.intake.IngestBatches;
import org.cordon.server.intake.PresenceDataChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The presence data of the store (persons, venues, scans, rides, dwells) as {@link TracingData} for the
 * tracing engine, kept live: built in full from the database in the background when the server is up
 * (or on first use, whichever comes first), then every committed upload
 * ({@link PresenceDataChanged}, which names the upload's {@code ingest_batch}) is read back by that
 * number alone and appended to a {@link LiveTracingData}, whose tails are merged into the day partitions
 * as they grow. A single new scan costs reading one row, not the store.
 *
 * <p>Nothing acknowledged is missed: intake publishes the event after its commit and before it
 * answers, and {@link #current()} applies every event published before it was called. Nothing is
 * counted twice: the full build runs in one repeatable-read transaction and notes which uploads it
 * saw (all numbered below {@link IngestBatches#lowestUnresolved()} taken before it began, and those
 * above it found in its rows); events of those are skipped. Uploads are applied whole and published
 * once per catch-up, so a trace never sees half of one.
 *
 * <p>Threads: the listener only queues (on the intake's thread); one background thread applies the
 * queue soon after, so that traces rarely wait; a trace applies whatever is still queued itself. The
 * writer side is guarded by this object's lock; readers of an up-to-date index take no lock.
 */
@Component
public class PresenceSnapshot {
  private static final Logger log = LoggerFactory.getLogger(PresenceSnapshot.class);
  private static final int FETCH_ROWS = 10_000;
  private static final List<RecordKind> APPLY_ORDER = List.of(RecordKind.PERSONS, RecordKind.VENUES,
      RecordKind.SCANS, RecordKind.TRIPS, RecordKind.DWELLS);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate readTx;
  private final IngestBatches batches;
  private final int compactRows;
  private final boolean buildAtStart;
  private final Queue<PresenceDataChanged> pending = new ConcurrentLinkedQueue<>();
  private final AtomicLong queued = new AtomicLong();
  private final ScheduledExecutorService applier = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "presence-index");
    t.setDaemon(true);
    return t;
  });
  /**
   * How long uploads gather before the background applies them. Each publish sorts the whole unsorted
   * tail (up to {@code compactRows} rows), so applying every venue checkpoint's group commit (hundreds
   * a second, a handful of scans each) spent half of the checkpoint's CPU re-sorting the same tail
   * (BENCHMARKS.md, venue checkpoint). A trace never waits for this: {@link #current()} catches up.
   */
  private final long applyDelayMillis;
  private final AtomicBoolean applyScheduled = new AtomicBoolean();
  /** Events taken in when {@link #live} was last published; equal to {@link #queued}: up to date. */
  private volatile long applied;
  private volatile boolean stale = true;
  // writer state, guarded by this (live is read without the lock on the fast path)
  private volatile LiveTracingData live;
  /** Uploads numbered below this are in {@link #live} or never committed. */
  private long seenBelow;
  /** Uploads numbered {@link #seenBelow} or above that the full build already saw. */
  private Set<Long> seenAbove = Set.of();
  private long fullBuilds;
  private long appendedRows;

  PresenceSnapshot(JdbcTemplate jdbc, PlatformTransactionManager transactions, IngestBatches batches,
      @Value("${cordon.tracing.compact-rows:100000}") int compactRows,
      @Value("${cordon.tracing.build-at-start:true}") boolean buildAtStart,
      @Value("${cordon.tracing.apply-delay-millis:250}") long applyDelayMillis) {
    JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
    streaming.setFetchSize(FETCH_ROWS);
    this.jdbc = streaming;
    this.batches = batches;
    this.compactRows = compactRows;
    this.buildAtStart = buildAtStart;
    this.applyDelayMillis = Math.max(0, applyDelayMillis);
    this.readTx = new TransactionTemplate(transactions);
    readTx.setReadOnly(true);
    readTx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  /**
   * Builds the index in the background as soon as the server is up, so that the first confirmed case
   * does not wait for the full read of the store (minutes at city scale); a trace that comes earlier
   * waits for this build rather than starting another.
   */
  @EventListener(ApplicationReadyEvent.class)
  void buildAtStart() {
    if (!buildAtStart) {
      return;
    }
    applier.execute(() -> {
      try {
        synchronized (this) {
          if (live == null || stale) {
            catchUp();
          }
        }
      } catch (RuntimeException e) {
        log.warn("Presence index: the build at start failed; the first trace retries it", e);
      }
    });
  }

  @EventListener
  void presenceChanged(PresenceDataChanged event) {
    pending.add(event);
    queued.incrementAndGet();
    if (applyScheduled.compareAndSet(false, true)) {
      applier.schedule(this::applyInBackground, applyDelayMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Marks the index stale, e.g. when rows were written other than through intake: the next use rebuilds it. */
  public void invalidate() {
    stale = true;
    queued.incrementAndGet();
  }

  /** The data with every upload committed (and acknowledged) before this call. */
  public TracingData current() {
    if (!stale && applied == queued.get()) {
      return live.current();
    }
    synchronized (this) {
      catchUp();
      return live.current();
    }
  }

  /** Full builds so far (1 after the first use unless something forced a rebuild). */
  public synchronized long fullBuilds() {
    return fullBuilds;
  }

  /** Rows (persons, venues, events) appended from uploads since start. */
  public synchronized long appendedRows() {
    return appendedRows;
  }

  @PreDestroy
  void stop() {
    applier.shutdownNow();
  }

  private void applyInBackground() {
    // cleared before the drain: an upload that comes during it schedules the next run
    applyScheduled.set(false);
    try {
      synchronized (this) {
        if (live == null || stale) {
          // the next full build reads every committed upload, queued or not
          long target = queued.get();
          pending.clear();
          applied = target;
          return;
        }
        catchUp();
      }
    } catch (RuntimeException e) {
      log.warn("Presence index: applying uploads failed, the next trace rebuilds it", e);
      stale = true;
    }
  }

  private void catchUp() {
    long target = queued.get();
    if (stale || live == null) {
      stale = false;
      try {
        fullBuild();
      } catch (RuntimeException e) {
        stale = true;
        throw e;
      }
    }
    List<PresenceDataChanged> events = new ArrayList<>();
    for (PresenceDataChanged e; (e = pending.poll()) != null; ) {
      if (e.ingestBatch() >= seenBelow && !seenAbove.contains(e.ingestBatch())) {
        events.add(e);
      }
    }
    if (!events.isEmpty()) {
      try {
        append(events);
      } catch (RuntimeException e) {
        // e.g. a row that names a person the index does not know: rows were written around intake
        log.warn("Presence index: appending {} uploads failed ({}); rebuilding in full", events.size(),
            e.getMessage());
        fullBuild();
      }
    }
    applied = target;
  }

  private void append(List<PresenceDataChanged> events) {
    long started = System.nanoTime();
    Map<RecordKind, TreeSet<Long>> byKind = new EnumMap<>(RecordKind.class);
    for (PresenceDataChanged e : events) {
      byKind.computeIfAbsent(e.kind(), k -> new TreeSet<>()).add(e.ingestBatch());
    }
    Rows rows = Rows.of(live);
    long before = appendedRows;
    for (RecordKind kind : APPLY_ORDER) {
      TreeSet<Long> ids = byKind.get(kind);
      if (ids != null) {
        // one range read per kind; rows of uploads in the range not in this drain are read with their own event
        read(kind, rows, " where ingest_batch between " + ids.first() + " and " + ids.last(),
            b -> ids.contains(b));
      }
    }
    live.publish();
    log.debug("Presence index: {} uploads, {} rows appended in {} ms", events.size(),
        appendedRows - before, (System.nanoTime() - started) / 1_000_000);
  }

  private void fullBuild() {
    long started = System.nanoTime();
    // taken before the read transaction starts: every upload below it is committed or dead by then
    long below = batches.lowestUnresolved();
    Set<Long> above = new HashSet<>();
    LiveTracingData built = readTx.execute(status -> {
      Long count = jdbc.queryForObject("select count(*) from person", Long.class);
      int persons = (int) Math.min(Integer.MAX_VALUE - 8, count == null ? 0 : count);
      TracingDataBuilder b = new TracingDataBuilder(Math.max(16, persons), 0);
      Rows rows = Rows.of(b);
      for (RecordKind kind : APPLY_ORDER) {
        read(kind, rows, "", batch -> {
          if (batch >= below) {
            above.add(batch);
          }
          return true;
        });
      }
      return b.buildLive(compactRows);
    });
    live = built;
    seenBelow = below;
    seenAbove = above;
    fullBuilds++;
    TracingData d = built.current();
    log.info("Presence index built: {} persons, {} events in {} ms", d.households().persons(),
        d.events(), (System.nanoTime() - started) / 1_000_000);
  }

  /** Whether a row of upload {@code batch} (-1 for rows older than upload numbers) is to be taken. */
  @FunctionalInterface
  private interface BatchFilter {
    boolean take(long batch);
  }

  private void read(RecordKind kind, Rows rows, String where, BatchFilter filter) {
    switch (kind) {
      // in id order: dense ids then sort like person ids, which spares the trace's listing a lookup
      // per listed person (PersonDictionary#ascendingPrefix)
      case PERSONS -> jdbc.query("select person_id, household_id, ingest_batch from person" + where
          + " order by person_id",
          rs -> {
            if (filter.take(batch(rs, 3))) {
              rows.person(rs.getLong(1), rs.getLong(2));
              appendedRows += where.isEmpty() ? 0 : 1;
            }
          });
      case VENUES -> jdbc.query("select venue_id, name, kind, division, lat, lon, dwell_minutes, "
          + "contact_class, ingest_batch from venue" + where, rs -> {
            if (filter.take(batch(rs, 9))) {
              rows.venue(venue(rs));
              appendedRows += where.isEmpty() ? 0 : 1;
            }
          });
      case SCANS -> jdbc.query("select person_id, venue_id, scan_time, exit_time, ingest_batch "
          + "from venue_scan" + where, rs -> {
            if (filter.take(batch(rs, 5))) {
              OffsetDateTime exit = rs.getObject(4, OffsetDateTime.class);
              rows.scan(rs.getLong(1), rs.getString(2), seconds(rs, 3),
                  exit == null ? -1 : exit.toEpochSecond());
              appendedRows += where.isEmpty() ? 0 : 1;
            }
          });
      case TRIPS -> jdbc.query("select person_id, trip_id, seat_row, board_time, alight_time, "
          + "ingest_batch from trip_ride" + where, rs -> {
            if (filter.take(batch(rs, 6))) {
              int seat = rs.getInt(3);
              rows.ride(rs.getLong(1), rs.getString(2), rs.wasNull() ? 0 : seat, seconds(rs, 4),
                  seconds(rs, 5));
              appendedRows += where.isEmpty() ? 0 : 1;
            }
          });
      case DWELLS -> jdbc.query("select person_id, cell_id, start_time, end_time, ingest_batch "
          + "from dwell" + where, rs -> {
            if (filter.take(batch(rs, 5))) {
              rows.dwell(rs.getLong(1), rs.getString(2), seconds(rs, 3), seconds(rs, 4));
              appendedRows += where.isEmpty() ? 0 : 1;
            }
          });
      default -> throw new IllegalArgumentException("not presence data: " + kind);
    }
  }

  /** Where rows go: the builder of a full build, or the live data. */
  private interface Rows {
    void person(long personId, long householdId);

    void venue(Venue venue);

    void scan(long personId, String venueId, long start, long exitOrMinus1);

    void ride(long personId, String tripId, int seat, long board, long alight);

    void dwell(long personId, String cellId, long start, long end);

    static Rows of(TracingDataBuilder b) {
      return new Rows() {
        public void person(long personId, long householdId) {
          b.person(personId, householdId);
        }

        public void venue(Venue venue) {
          b.venue(venue);
        }

        public void scan(long personId, String venueId, long start, long exitOrMinus1) {
          b.appendScan(personId, venueId, start, exitOrMinus1);
        }

        public void ride(long personId, String tripId, int seat, long board, long alight) {
          b.appendRide(personId, tripId, seat, board, alight);
        }

        public void dwell(long personId, String cellId, long start, long end) {
          b.appendDwell(personId, cellId, start, end);
        }
      };
    }

    static Rows of(LiveTracingData live) {
      return new Rows() {
        public void person(long personId, long householdId) {
          live.person(personId, householdId);
        }

        public void venue(Venue venue) {
          live.venue(venue);
        }

        public void scan(long personId, String venueId, long start, long exitOrMinus1) {
          live.appendScan(personId, venueId, start, exitOrMinus1);
        }

        public void ride(long personId, String tripId, int seat, long board, long alight) {
          live.appendRide(personId, tripId, seat, board, alight);
        }

        public void dwell(long personId, String cellId, long start, long end) {
          live.appendDwell(personId, cellId, start, end);
        }
      };
    }
  }

  private static long batch(ResultSet rs, int column) throws SQLException {
    long b = rs.getLong(column);
    return rs.wasNull() ? -1 : b;
  }

  private static long seconds(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toEpochSecond();
  }

  private static Venue venue(ResultSet rs) throws SQLException {
    double lat = rs.getDouble(5);
    boolean noLat = rs.wasNull();
    double lon = rs.getDouble(6);
    boolean located = !noLat && !rs.wasNull();
    return new Venue(rs.getString(1), rs.getString(2), VenueKind.of(rs.getString(3)),
        new DivisionCode(rs.getString(4)), located ? new GeoPoint(lat, lon) : null, rs.getInt(7),
        ContactClass.of(rs.getString(8)));
  }
}
