package org.cordon.server.intake;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.presence.VenueScan;

/**
 * PostgreSQL: a small group of venue scans (the checkpoint's group commit) in one prepared statement
 * that takes the group as arrays ({@code unnest}), so every group, whatever its size, is the same
 * statement text, parsed and planned once per connection. For groups of tens of rows this is one round
 * trip where the upload path ({@code COPY} under a savepoint) needs four and a staging table on a
 * duplicate. An identical stored scan is a no-op ({@code on conflict do nothing}), as on every path.
 *
 * <p>Times travel as microseconds since the epoch ({@code bigint}): exact, and no text to parse.
 */
final class PgScanGroup {

  static final String INSERT = "insert into venue_scan (person_id, venue_id, scan_time, exit_time, "
      + "ingest_batch) select u.p, u.v, timestamptz 'epoch' + u.t * interval '1 microsecond', "
      + "timestamptz 'epoch' + u.e * interval '1 microsecond', ? "
      + "from unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[]) as u(p, v, t, e) "
      + "on conflict do nothing";

  private PgScanGroup() {
  }

  /** Inserts {@code scans} stamped with {@code ingestBatch}; the number of rows that were new. */
  static int insert(Connection c, List<Line<VenueScan>> scans, long ingestBatch) throws SQLException {
    return insert(c, scans, ingestBatch, null);
  }

  /**
   * As {@link #insert(Connection, List, long)}, with {@code same} (if not null) run in the same statement
   * as a data-modifying {@code with} (PostgreSQL runs it exactly once, whether the scans are many or
   * none).
   */
  static int insert(Connection c, List<Line<VenueScan>> scans, long ingestBatch, SameStatement same)
      throws SQLException {
    int n = scans.size();
    Long[] persons = new Long[n];
    String[] venues = new String[n];
    Long[] times = new Long[n];
    Long[] exits = new Long[n];
    for (int i = 0; i < n; i++) {
      VenueScan s = scans.get(i).record();
      persons[i] = s.personId();
      venues[i] = s.venueId();
      times[i] = IsoTime.epochMicros(s.time());
      exits[i] = s.exitTime() == null ? null : IsoTime.epochMicros(s.exitTime());
    }
    String sql = same == null ? INSERT : "with caller as (" + same.insert() + ") " + INSERT;
    int first = same == null ? 1 : same.parameters() + 1;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (same != null) {
        same.binder().bind(ps);
      }
      ps.setLong(first, ingestBatch);
      Array[] arrays = {c.createArrayOf("int8", persons), c.createArrayOf("varchar", venues),
          c.createArrayOf("int8", times), c.createArrayOf("int8", exits)};
      for (int i = 0; i < arrays.length; i++) {
        ps.setArray(first + 1 + i, arrays[i]);
      }
      return ps.executeUpdate();
    }
  }
}
