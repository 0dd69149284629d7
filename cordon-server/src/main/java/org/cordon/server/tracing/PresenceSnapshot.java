package org.cordon.server.tracing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.cordon.core.place.ContactClass;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.GeoPoint;
import org.cordon.core.place.Venue;
import org.cordon.core.place.VenueKind;
import org.cordon.core.tracing.TracingData;
import org.cordon.core.tracing.TracingDataBuilder;
import org.cordon.server.intake.PresenceDataChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The presence data of the store (persons, venues, scans, rides, dwells) as {@link TracingData} for the
 * tracing engine. Built from the database on first use; every committed intake
 * ({@link PresenceDataChanged}) marks it stale, and the next {@link #current()} rebuilds it in full.
 *
 * <p>This is correct but a full rebuild: after a single new scan the whole store is read again. The
 * next step is an incrementally appended live index (LivePresenceIndex) that intake feeds directly.
 *
 * <p>The rows are streamed (a server-side cursor on PostgreSQL, inside one read-only repeatable-read
 * transaction, so every event's person and venue is in the same snapshot); no table is held in a list.
 * Thread-safe: readers share the last built data; one rebuild runs at a time.
 */
@Component
public class PresenceSnapshot {
  private static final Logger log = LoggerFactory.getLogger(PresenceSnapshot.class);
  private static final int FETCH_ROWS = 10_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate readTx;
  private final AtomicLong changes = new AtomicLong();
  private volatile TracingData data;
  private volatile long builtAt = -1;

  PresenceSnapshot(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
    streaming.setFetchSize(FETCH_ROWS);
    this.jdbc = streaming;
    this.readTx = new TransactionTemplate(transactions);
    readTx.setReadOnly(true);
    readTx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  @EventListener
  void presenceChanged(PresenceDataChanged event) {
    changes.incrementAndGet();
  }

  /** Marks the snapshot stale, e.g. when rows were written other than through intake. */
  public void invalidate() {
    changes.incrementAndGet();
  }

  /** The data as of the last committed intake, rebuilt first if intake has committed since. */
  public TracingData current() {
    TracingData d = data;
    if (d != null && builtAt == changes.get()) {
      return d;
    }
    synchronized (this) {
      long version = changes.get();
      if (data != null && builtAt == version) {
        return data;
      }
      // a change during the build bumps the counter, so the next call builds again
      TracingData built = readTx.execute(status -> build());
      data = built;
      builtAt = version;
      return built;
    }
  }

  private TracingData build() {
    long started = System.nanoTime();
    Long count = jdbc.queryForObject("select count(*) from person", Long.class);
    int persons = (int) Math.min(Integer.MAX_VALUE - 8, count == null ? 0 : count);
    TracingDataBuilder b = new TracingDataBuilder(Math.max(16, persons), 0);
    jdbc.query("select person_id, household_id from person",
        rs -> {
          b.person(rs.getLong(1), rs.getLong(2));
        });
    jdbc.query("select venue_id, name, kind, division, lat, lon, dwell_minutes, contact_class "
        + "from venue", rs -> {
          b.venue(venue(rs));
        });
    jdbc.query("select person_id, venue_id, scan_time, exit_time from venue_scan", rs -> {
      OffsetDateTime exit = rs.getObject(4, OffsetDateTime.class);
      b.appendScan(rs.getLong(1), rs.getString(2), seconds(rs, 3),
          exit == null ? -1 : exit.toEpochSecond());
    });
    jdbc.query("select person_id, trip_id, seat_row, board_time, alight_time from trip_ride", rs -> {
      int seat = rs.getInt(3);
      b.appendRide(rs.getLong(1), rs.getString(2), rs.wasNull() ? 0 : seat, seconds(rs, 4),
          seconds(rs, 5));
    });
    jdbc.query("select person_id, cell_id, start_time, end_time from dwell", rs -> {
      b.appendDwell(rs.getLong(1), rs.getString(2), seconds(rs, 3), seconds(rs, 4));
    });
    long events = b.events();
    TracingData built = b.build();
    log.info("Presence snapshot: {} persons, {} events in {} ms", persons, events,
        (System.nanoTime() - started) / 1_000_000);
    return built;
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
