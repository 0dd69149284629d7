package org.cordon.server.testing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL: a batch's new tubes and samples, each table in one prepared statement that takes the rows
 * as arrays ({@code unnest}), so an upload of 20,000 samples is one round trip per table instead of 20
 * JDBC batches of 1,000 statements. The statement text is the same for every batch size. Times travel as
 * microseconds since the epoch, as in intake's {@code PgScanGroup}.
 */
final class PgSampleArrays {

  private static final String EPOCH = "timestamptz 'epoch' + %s * interval '1 microsecond'";

  /**
   * The samples whose person exists and whose tube exists with the same campaign and site: what the
   * foreign keys V11 dropped checked, as two semi-joins instead of a locking lookup per row and key.
   */
  static final String INSERT_SAMPLES = "insert into sample (campaign_id, person_id, purpose, "
      + "tube_barcode, site_id, sampled_at, collected_by) select u.c, u.p, u.k, u.t, u.s, "
      + EPOCH.formatted("u.a") + ", u.b from unnest(?::varchar[], ?::bigint[], ?::varchar[], "
      + "?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[]) as u(c, p, k, t, s, a, b) "
      + "where exists (select 1 from person p where p.person_id = u.p) "
      + "and exists (select 1 from tube t where t.barcode = u.t and t.campaign_id = u.c "
      + "and t.site_id = u.s)";

  static final String INSERT_TUBES = "insert into tube (barcode, campaign_id, site_id, pool_size, "
      + "samples, opened_at, first_sample_at, closed_at, closed_by) select u.t, u.c, u.s, u.k, u.n, "
      + EPOCH.formatted("u.f") + ", " + EPOCH.formatted("u.f") + ", " + EPOCH.formatted("u.z")
      + ", u.b from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::int[], ?::bigint[], "
      + "?::bigint[], ?::varchar[]) as u(t, c, s, k, n, f, z, b)";

  private PgSampleArrays() {
  }

  /** Inserts {@code samples}; returns false if a row's person or tube is missing (roll back then). */
  static boolean insertSamples(JdbcTemplate jdbc, List<SampleRecords.NewSample> samples) {
    if (samples.isEmpty()) {
      return true;
    }
    int n = samples.size();
    String[] campaigns = new String[n];
    Long[] persons = new Long[n];
    String[] purposes = new String[n];
    String[] tubes = new String[n];
    String[] sites = new String[n];
    Long[] times = new Long[n];
    String[] by = new String[n];
    for (int i = 0; i < n; i++) {
      SampleRecords.NewSample s = samples.get(i);
      campaigns[i] = s.campaignId();
      persons[i] = s.personId();
      purposes[i] = s.purpose();
      tubes[i] = s.tube();
      sites[i] = s.siteId();
      times[i] = micros(s.sampledAt());
      by[i] = s.collectedBy();
    }
    return run(jdbc, INSERT_SAMPLES, c -> new Array[] {c.createArrayOf("varchar", campaigns),
        c.createArrayOf("int8", persons), c.createArrayOf("varchar", purposes),
        c.createArrayOf("varchar", tubes), c.createArrayOf("varchar", sites),
        c.createArrayOf("int8", times), c.createArrayOf("varchar", by)}) == n;
  }

  static void insertTubes(JdbcTemplate jdbc, Collection<SampleRecords.Tube> fresh,
      Map<String, Instant> firstSample, String closedBy) {
    if (fresh.isEmpty()) {
      return;
    }
    int n = fresh.size();
    String[] barcodes = new String[n];
    String[] campaigns = new String[n];
    String[] sites = new String[n];
    Integer[] pools = new Integer[n];
    Integer[] counts = new Integer[n];
    Long[] first = new Long[n];
    Long[] closed = new Long[n];
    String[] by = new String[n];
    int i = 0;
    for (SampleRecords.Tube t : fresh) {
      barcodes[i] = t.barcode;
      campaigns[i] = t.campaignId;
      sites[i] = t.siteId;
      pools[i] = t.poolSize;
      counts[i] = t.samples;
      first[i] = micros(firstSample.get(t.barcode));
      closed[i] = t.closedAt == null ? null : micros(t.closedAt);
      by[i] = t.closedAt == null ? null : closedBy;
      i++;
    }
    int stored = run(jdbc, INSERT_TUBES, c -> new Array[] {c.createArrayOf("varchar", barcodes),
        c.createArrayOf("varchar", campaigns), c.createArrayOf("varchar", sites),
        c.createArrayOf("int4", pools), c.createArrayOf("int4", counts), c.createArrayOf("int8", first),
        c.createArrayOf("int8", closed), c.createArrayOf("varchar", by)});
    if (stored != n) {
      throw new IllegalStateException("stored " + stored + " of " + n + " tubes");
    }
  }

  /** Makes the arrays of one statement on the transaction's connection. */
  @FunctionalInterface
  private interface Arrays {
    Array[] make(Connection c) throws java.sql.SQLException;
  }

  /** Runs {@code sql} with the arrays as its parameters; returns the rows it stored. */
  private static int run(JdbcTemplate jdbc, String sql, Arrays arrays) {
    Integer stored = jdbc.execute((ConnectionCallback<Integer>) c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Array[] a = arrays.make(c);
        for (int i = 0; i < a.length; i++) {
          ps.setArray(i + 1, a[i]);
        }
        return ps.executeUpdate();
      }
    });
    return stored == null ? 0 : stored;
  }

  /** Microseconds since the epoch, truncated (PostgreSQL keeps microseconds). */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }
}
