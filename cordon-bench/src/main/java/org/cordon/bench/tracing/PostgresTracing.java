package org.cordon.bench.tracing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.person.Person;
import org.cordon.core.place.Venue;
import org.cordon.core.tracing.ContactCategory;
import org.cordon.core.tracing.ContactTrack;
import org.cordon.core.tracing.TracedContact;
import org.cordon.core.tracing.TracingCase;
import org.cordon.core.tracing.TracingPolicy;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The side-by-side baseline: the same trace written as SQL on PostgreSQL the way a typical system
 * would do it. Tables as in the exchange files with {@code timestamptz} columns, loaded with COPY,
 * B-tree indexes on (place, start) and (person, start) of each event table and on the household;
 * self-joins find the links in three statements (links to cases, links to close contacts, the listing
 * with the most severe category and its earliest link). The only help the SQL gets is the longest
 * presence of each table, so that the overlap join can bound the index range on the start time (the
 * presence index does the same per day partition).
 *
 * <p>Lives in a fresh database with a random name on 127.0.0.1:5432 (user postgres), dropped by
 * {@link #close()}. Implements the default policy's semantics without the optional cumulative
 * companion filter.
 */
final class PostgresTracing implements AutoCloseable {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private final String database = "cordon_trace_bench_" + UUID.randomUUID().toString().replace("-", "")
      .substring(0, 12);
  private final Connection db;
  private final Map<String, String> spans = new HashMap<>();
  private final Thread dropper = new Thread(this::drop, "drop-bench-database");

  PostgresTracing() throws SQLException {
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    // a run stopped by a signal still drops its database
    Runtime.getRuntime().addShutdownHook(dropper);
    db = DriverManager.getConnection(SERVER + database, "postgres", "");
    try (Statement s = db.createStatement()) {
      s.execute("SET TIME ZONE 'Asia/Shanghai'");
      s.execute("CREATE TABLE person (person_id bigint PRIMARY KEY, household_id bigint NOT NULL)");
      s.execute("CREATE TABLE venue (venue_id text PRIMARY KEY, dwell_minutes int NOT NULL,"
          + " contact_class text NOT NULL)");
      s.execute("CREATE TABLE scan (person_id bigint NOT NULL, venue_id text NOT NULL,"
          + " time timestamptz NOT NULL, exit_time timestamptz)");
      s.execute("CREATE TABLE trip (person_id bigint NOT NULL, trip_id text NOT NULL, seat_row int,"
          + " board_time timestamptz NOT NULL, alight_time timestamptz NOT NULL)");
      s.execute("CREATE TABLE dwell (person_id bigint NOT NULL, cell_id text NOT NULL,"
          + " start_time timestamptz NOT NULL, end_time timestamptz NOT NULL)");
      s.execute("CREATE TABLE tracing_case (person_id bigint PRIMARY KEY, onset timestamptz NOT NULL,"
          + " isolated timestamptz)");
      s.execute("CREATE UNLOGGED TABLE link (person bigint, cat int, src bigint, track int, place text,"
          + " a timestamptz, b timestamptz)");
    }
  }

  String database() {
    return database;
  }

  /** COPYs the city in; returns the rows loaded. */
  long load(CityColumns city) throws SQLException {
    long rows = 0;
    StringBuilder sb = new StringBuilder(1 << 20);
    try (Copy copy = new Copy("COPY person FROM STDIN", sb)) {
      for (Person p : city.persons) {
        sb.append(p.personId()).append('\t').append(p.householdId()).append('\n');
        copy.maybeFlush();
      }
    }
    try (Copy copy = new Copy("COPY venue FROM STDIN", sb)) {
      for (Venue v : city.venues) {
        sb.append(v.venueId()).append('\t').append(v.dwellMinutes()).append('\t')
            .append(v.contactClass().code()).append('\n');
        copy.maybeFlush();
      }
    }
    rows += city.persons.size() + city.venues.size();
    rows += copyEvents("COPY scan FROM STDIN", city.scans, sb, false);
    rows += copyEvents("COPY trip (person_id, trip_id, board_time, alight_time, seat_row) FROM STDIN",
        city.rides, sb, true);
    rows += copyEvents("COPY dwell FROM STDIN", city.dwells, sb, false);
    return rows;
  }

  private long copyEvents(String sql, CityColumns.Events e, StringBuilder sb, boolean seat)
      throws SQLException {
    try (Copy copy = new Copy(sql, sb)) {
      for (int i = 0; i < e.size; i++) {
        sb.append(e.person(i)).append('\t').append(e.place(i)).append('\t');
        IsoTime.append(Instant.ofEpochSecond(e.start(i)), sb);
        sb.append('\t');
        if (e.end(i) < 0) {
          sb.append("\\N");
        } else {
          IsoTime.append(Instant.ofEpochSecond(e.end(i)), sb);
        }
        if (seat) {
          sb.append('\t');
          if (e.seat(i) == 0) {
            sb.append("\\N");
          } else {
            sb.append(e.seat(i));
          }
        }
        sb.append('\n');
        copy.maybeFlush();
      }
    }
    return e.size;
  }

  /** Creates the indexes a typical system would have, analyzes, and measures the longest presences. */
  void index() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("SET maintenance_work_mem = '512MB'");
      s.execute("CREATE INDEX ON person (household_id)");
      s.execute("CREATE INDEX ON scan (venue_id, time)");
      s.execute("CREATE INDEX ON scan (person_id, time)");
      s.execute("CREATE INDEX ON trip (trip_id, board_time)");
      s.execute("CREATE INDEX ON trip (person_id, board_time)");
      s.execute("CREATE INDEX ON dwell (cell_id, start_time)");
      s.execute("CREATE INDEX ON dwell (person_id, start_time)");
      s.execute("ANALYZE");
      spans.put("scan", span(s, "SELECT max(COALESCE(s.exit_time, s.time + v.dwell_minutes"
          + " * interval '1 minute') - s.time) FROM scan s JOIN venue v USING (venue_id)"));
      spans.put("trip", span(s, "SELECT max(alight_time - board_time) FROM trip"));
      spans.put("dwell", span(s, "SELECT max(end_time - start_time) FROM dwell"));
    }
  }

  private static String span(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      String v = r.getString(1);
      return v == null ? "0 seconds" : v;
    }
  }

  /** Runs the trace; the cases table is replaced by {@code cases}. */
  List<TracedContact> trace(List<TracingCase> cases, Instant asOf, TracingPolicy policy)
      throws SQLException {
    if (policy.companionCumulativeFilter()) {
      throw new IllegalArgumentException("the SQL baseline has no cumulative companion filter");
    }
    try (Statement s = db.createStatement()) {
      s.execute("TRUNCATE tracing_case, link");
    }
    try (PreparedStatement p = db.prepareStatement("INSERT INTO tracing_case VALUES (?, ?::timestamptz,"
        + " ?::timestamptz)")) {
      for (TracingCase c : cases) {
        p.setLong(1, c.personId());
        p.setString(2, c.onset().toString());
        p.setString(3, c.isolated() == null ? null : c.isolated().toString());
        p.addBatch();
      }
      p.executeBatch();
    }
    String asOfText = "'" + asOf + "'::timestamptz";
    try (Statement s = db.createStatement()) {
      s.execute("ANALYZE tracing_case");
      s.execute(fill(PRIMARY, policy, asOfText));
      s.execute("ANALYZE link");
      s.execute(fill(SECONDARY, policy, asOfText));
      List<TracedContact> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery(LISTING)) {
        while (r.next()) {
          out.add(new TracedContact(r.getLong(1), ContactCategory.values()[r.getInt(2)], r.getLong(3),
              ContactTrack.values()[r.getInt(4)], r.getString(5),
              r.getTimestamp(6).toInstant(), r.getTimestamp(7).toInstant()));
        }
      }
      return out;
    }
  }

  private String fill(String sql, TracingPolicy p, String asOf) {
    return sql.replace(":asof", asOf)
        .replace(":contactHours", Integer.toString(24 * p.contactWindowDays()))
        .replace(":companionHours", Integer.toString(24 * p.companionWindowDays()))
        .replace(":minOverlap", Integer.toString(p.minimumOverlapMinutes()))
        .replace(":companionOverlap", Integer.toString(p.companionMinimumOverlapMinutes()))
        .replace(":rows", Integer.toString(p.maxSeatRowDistance()))
        .replace(":scanSpan", "interval '" + spans.get("scan") + "'")
        .replace(":tripSpan", "interval '" + spans.get("trip") + "'")
        .replace(":dwellSpan", "interval '" + spans.get("dwell") + "'");
  }

  /** Links to cases: household, venues (close or key), trips (near seats or not), cells. */
  private static final String PRIMARY = """
      INSERT INTO link
      WITH c AS (
        SELECT person_id AS src, onset - interval ':contactHours hours' AS w0,
               onset - interval ':companionHours hours' AS cw0,
               LEAST(COALESCE(isolated, :asof), :asof) AS w1
        FROM tracing_case),
      cs AS (
        SELECT c.src, s.venue_id, v.contact_class, GREATEST(s.time, c.w0) AS a,
               LEAST(COALESCE(s.exit_time, s.time + v.dwell_minutes * interval '1 minute'), c.w1) AS b
        FROM c JOIN scan s ON s.person_id = c.src AND s.time < c.w1 AND s.time > c.w0 - :scanSpan
        JOIN venue v ON v.venue_id = s.venue_id),
      ct AS (
        SELECT c.src, t.trip_id, t.seat_row, GREATEST(t.board_time, c.w0) AS a,
               LEAST(t.alight_time, c.w1) AS b
        FROM c JOIN trip t ON t.person_id = c.src AND t.board_time < c.w1
                          AND t.board_time > c.w0 - :tripSpan),
      cd AS (
        SELECT c.src, d.cell_id, GREATEST(d.start_time, c.cw0) AS a, LEAST(d.end_time, c.w1) AS b
        FROM c JOIN dwell d ON d.person_id = c.src AND d.start_time < c.w1
                           AND d.start_time > c.cw0 - :dwellSpan),
      l AS (
        SELECT p2.person_id AS person, 0 AS cat, c.src, 0 AS track, p1.household_id::text AS place,
               c.w0 AS a, c.w1 AS b
        FROM c JOIN person p1 ON p1.person_id = c.src
        JOIN person p2 ON p2.household_id = p1.household_id AND p2.person_id <> c.src
        WHERE c.w0 < c.w1
        UNION ALL
        SELECT o.person_id, CASE WHEN cs.contact_class = 'close' THEN 0 ELSE 2 END, cs.src, 1,
               cs.venue_id, GREATEST(cs.a, o.time),
               LEAST(cs.b, COALESCE(o.exit_time, o.time + v.dwell_minutes * interval '1 minute'))
        FROM cs JOIN scan o ON o.venue_id = cs.venue_id AND o.time < cs.b
                           AND o.time > cs.a - :scanSpan
        JOIN venue v ON v.venue_id = o.venue_id
        WHERE o.person_id <> cs.src AND cs.b - cs.a >= interval ':minOverlap minutes'
        UNION ALL
        SELECT o.person_id, CASE WHEN ct.seat_row IS NOT NULL AND o.seat_row IS NOT NULL
                                  AND abs(ct.seat_row - o.seat_row) <= :rows THEN 0 ELSE 2 END,
               ct.src, 2, ct.trip_id, GREATEST(ct.a, o.board_time), LEAST(ct.b, o.alight_time)
        FROM ct JOIN trip o ON o.trip_id = ct.trip_id AND o.board_time < ct.b
                           AND o.board_time > ct.a - :tripSpan
        WHERE o.person_id <> ct.src AND ct.b - ct.a >= interval ':minOverlap minutes'
        UNION ALL
        SELECT o.person_id, 3, cd.src, 3, cd.cell_id, GREATEST(cd.a, o.start_time),
               LEAST(cd.b, o.end_time)
        FROM cd JOIN dwell o ON o.cell_id = cd.cell_id AND o.start_time < cd.b
                            AND o.start_time > cd.a - :dwellSpan
        WHERE o.person_id <> cd.src AND cd.b - cd.a >= interval ':companionOverlap minutes')
      SELECT * FROM l
      WHERE b - a >= CASE WHEN track = 3 THEN interval ':companionOverlap minutes'
                          WHEN track = 0 THEN interval '0 seconds'
                          ELSE interval ':minOverlap minutes' END
      """;

  /** Close-type links to close contacts (cases among them) from their first close exposure. */
  private static final String SECONDARY = """
      INSERT INTO link
      WITH c AS (
        SELECT l.person AS src, min(l.a) AS w0,
               COALESCE(LEAST(COALESCE(max(tc.isolated), :asof), :asof), :asof) AS w1
        FROM link l LEFT JOIN tracing_case tc ON tc.person_id = l.person
        WHERE l.cat = 0 GROUP BY l.person),
      cs AS (
        SELECT c.src, s.venue_id, GREATEST(s.time, c.w0) AS a,
               LEAST(COALESCE(s.exit_time, s.time + v.dwell_minutes * interval '1 minute'), c.w1) AS b
        FROM c JOIN scan s ON s.person_id = c.src AND s.time < c.w1 AND s.time > c.w0 - :scanSpan
        JOIN venue v ON v.venue_id = s.venue_id AND v.contact_class = 'close'),
      ct AS (
        SELECT c.src, t.trip_id, t.seat_row, GREATEST(t.board_time, c.w0) AS a,
               LEAST(t.alight_time, c.w1) AS b
        FROM c JOIN trip t ON t.person_id = c.src AND t.board_time < c.w1
                          AND t.board_time > c.w0 - :tripSpan AND t.seat_row IS NOT NULL),
      l AS (
        SELECT p2.person_id AS person, 1 AS cat, c.src, 0 AS track, p1.household_id::text AS place,
               c.w0 AS a, c.w1 AS b
        FROM c JOIN person p1 ON p1.person_id = c.src
        JOIN person p2 ON p2.household_id = p1.household_id AND p2.person_id <> c.src
        WHERE c.w0 < c.w1
        UNION ALL
        SELECT o.person_id, 1, cs.src, 1, cs.venue_id, GREATEST(cs.a, o.time),
               LEAST(cs.b, COALESCE(o.exit_time, o.time + v.dwell_minutes * interval '1 minute'))
        FROM cs JOIN scan o ON o.venue_id = cs.venue_id AND o.time < cs.b
                           AND o.time > cs.a - :scanSpan
        JOIN venue v ON v.venue_id = o.venue_id
        WHERE o.person_id <> cs.src AND cs.b - cs.a >= interval ':minOverlap minutes'
        UNION ALL
        SELECT o.person_id, 1, ct.src, 2, ct.trip_id, GREATEST(ct.a, o.board_time),
               LEAST(ct.b, o.alight_time)
        FROM ct JOIN trip o ON o.trip_id = ct.trip_id AND o.board_time < ct.b
                           AND o.board_time > ct.a - :tripSpan
        WHERE o.person_id <> ct.src AND o.seat_row IS NOT NULL
          AND abs(ct.seat_row - o.seat_row) <= :rows AND ct.b - ct.a >= interval ':minOverlap minutes')
      SELECT * FROM l
      WHERE b - a >= CASE WHEN track = 0 THEN interval '0 seconds' ELSE interval ':minOverlap minutes' END
      """;

  /** One row per listed person: most severe category, its earliest link, its latest end. */
  private static final String LISTING = """
      WITH l AS (SELECT * FROM link WHERE person NOT IN (SELECT person_id FROM tracing_case)),
      best AS (SELECT person, min(cat) AS cat FROM l GROUP BY person),
      lc AS (SELECT l.* FROM l JOIN best USING (person, cat))
      SELECT DISTINCT ON (cat, person) person, cat, src, track, place, a,
             max(b) OVER (PARTITION BY person) AS last
      FROM lc ORDER BY cat, person, a, src, track, place COLLATE "C"
      """;

  /** A COPY IN fed from a shared buffer in chunks of about a megabyte. */
  private final class Copy implements AutoCloseable {
    private final CopyIn in;
    private final StringBuilder sb;

    Copy(String sql, StringBuilder sb) throws SQLException {
      this.in = db.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
      this.sb = sb;
      sb.setLength(0);
    }

    void maybeFlush() throws SQLException {
      if (sb.length() >= 1 << 20) {
        flush();
      }
    }

    private void flush() throws SQLException {
      byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
      sb.setLength(0);
    }

    @Override
    public void close() throws SQLException {
      flush();
      in.endCopy();
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
    drop();
    Runtime.getRuntime().removeShutdownHook(dropper);
  }

  private void drop() {
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = admin.createStatement()) {
      s.execute(String.format(Locale.ROOT, "DROP DATABASE IF EXISTS %s WITH (FORCE)", database));
    } catch (SQLException e) {
      System.err.println("could not drop database " + database + ": " + e.getMessage());
    }
  }
}
