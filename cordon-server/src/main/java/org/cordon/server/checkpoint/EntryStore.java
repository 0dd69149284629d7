package org.cordon.server.checkpoint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cordon.core.presence.VenueScan;
import org.cordon.server.intake.Database;
import org.cordon.core.exchange.IsoTime;
import org.cordon.server.intake.IntakeManagement;
import org.cordon.server.intake.PgCopy;
import org.cordon.server.intake.SameStatement;
import org.postgresql.PGConnection;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Component;

/**
 * Writes a group of checkpoint entries to the database: the {@code checkpoint_check} rows and, for the
 * allowed ones, the venue scans through {@link IntakeManagement#storeScans}, all or nothing. Used by
 * the journal's group commit straight into the database and by {@link EntryFileLoader}, which moves
 * the local entry file's entries into the database.
 */
@Component
class EntryStore {

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

  private final IntakeManagement intake;
  private final boolean postgres;

  EntryStore(IntakeManagement intake, Database database) {
    this.intake = intake;
    this.postgres = database == Database.POSTGRESQL;
  }

  /**
   * Stores {@code group}; durable when this returns. On PostgreSQL one statement in autocommit: the
   * checks' insert runs as a {@code with} of the scans' insert ({@link SameStatement}), two round trips
   * a group (its batch number, the statement) instead of four.
   */
  void store(List<CheckpointEntry> group) {
    intake.storeScans(scans(group), connection -> insertChecks(connection, group),
        new SameStatement(PG_INSERT, COLUMN_COUNT, ps -> bindChecksPg(ps, group)));
  }

  /**
   * Stores {@code group} in one transaction that also runs {@code alsoInTransaction}. Large groups (the
   * entry file's loader) are copied ({@code COPY}) on PostgreSQL, rows and scans alike.
   */
  void store(List<CheckpointEntry> group, Consumer<Connection> alsoInTransaction) {
    intake.storeScans(scans(group), connection -> {
      if (postgres && group.size() >= IntakeManagement.GROUP_COPY_FROM) {
        copyChecks(connection, group);
      } else {
        insertChecks(connection, group);
      }
      alsoInTransaction.accept(connection);
    });
  }

  private static void copyChecks(Connection c, List<CheckpointEntry> group) {
    StringBuilder text = new StringBuilder(group.size() * 160);
    for (CheckpointEntry e : group) {
      IsoTime.append(e.checkedAt(), text);
      text.append('\t');
      PgCopy.appendText(e.venueId(), text);
      text.append('\t').append(e.personId()).append('\t');
      PgCopy.appendText(e.device(), text);
      text.append('\t');
      PgCopy.appendText(e.tokenId(), text);
      text.append('\t');
      PgCopy.appendText(e.colour(), text);
      text.append('\t');
      Integer tenths = tenths(e.temperature());
      if (tenths == null) {
        text.append("\\N");
      } else {
        text.append(tenths / 10).append('.').append(Math.abs(tenths % 10));
      }
      text.append('\t').append(e.masked() ? 't' : 'f').append('\t').append(e.staff() ? 't' : 'f')
          .append('\t').append(e.allowed() ? 't' : 'f').append('\t');
      PgCopy.appendText(reason(e), text);
      text.append('\n');
    }
    try {
      PgCopy.copy(c, "copy checkpoint_check (" + COLUMNS + ") from stdin", text);
    } catch (SQLException e) {
      throw new UncategorizedSQLException("copying checkpoint entries", null, e);
    }
  }

  private static List<VenueScan> scans(List<CheckpointEntry> group) {
    List<VenueScan> scans = new ArrayList<>(group.size());
    for (CheckpointEntry e : group) {
      if (e.allowed()) {
        scans.add(new VenueScan(e.personId(), e.venueId(), e.checkedAt(), null));
      }
    }
    return scans;
  }

  private void insertChecks(Connection c, List<CheckpointEntry> group) {
    try {
      if (postgres) {
        try (PreparedStatement ps = c.prepareStatement(PG_INSERT)) {
          bindChecksPg(ps, group);
          ps.executeUpdate();
        }
      } else {
        insertChecksMultiRow(c, group);
      }
    } catch (SQLException e) {
      throw new UncategorizedSQLException("recording checkpoint entries", null, e);
    }
  }

  /** Binds the group's columns as the 11 arrays of {@link #PG_INSERT}, parameters 1..11. */
  private static void bindChecksPg(PreparedStatement ps, List<CheckpointEntry> group) throws SQLException {
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
      CheckpointEntry e = group.get(i);
      times[i] = IsoTime.epochMicros(e.checkedAt());
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
  static Integer tenths(BigDecimal celsius) {
    return celsius == null ? null : celsius.setScale(1, RoundingMode.HALF_UP).unscaledValue().intValueExact();
  }

  /** The reason as stored: the column holds 200 characters. */
  static String reason(CheckpointEntry e) {
    return e.reason().length() > 200 ? e.reason().substring(0, 200) : e.reason();
  }

  private static void insertChecksMultiRow(Connection c, List<CheckpointEntry> group) throws SQLException {
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
          CheckpointEntry e = group.get(i);
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
}
