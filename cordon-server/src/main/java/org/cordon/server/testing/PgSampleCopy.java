package org.cordon.server.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cordon.core.exchange.IsoTime;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL: a batch's new tubes and samples written by {@code COPY ... FROM STDIN} in PostgreSQL's
 * binary format. COPY is PostgreSQL's bulk path: no statement per row, no array to build and parse, no
 * text to escape or parse (times travel as microseconds). Tubes go into {@code tube}, whose keys check
 * them. Samples go straight into {@code sample}, after a lookup that is the tube half of V11's checks
 * (which replaced the table's foreign keys): every tube of the batch exists with the campaign and site
 * its samples name, per distinct (tube, campaign, site): a batch of 20,000 samples in tubes of 10 looks
 * up 2,000 tubes, by their primary key. Persons are not looked up again: the registration's checks
 * took each from a round's population (read from {@code person}) or from {@code person} itself, and
 * nothing deletes persons. That second lookup cost 36-41 ms per 20,000 persons in id order and 170-510
 * ms in random order (a collection site's real mix) at 1M persons, in psql on this machine. Runs on the
 * transaction's connection; errors are {@link SQLException}s that {@link JdbcTemplate} translates (a
 * duplicate key becomes a {@code DuplicateKeyException}).
 *
 * <p>Measured before this (BENCHMARKS.md, "Sample registration by COPY"): the same checks as semi-joins
 * of an {@code insert ... select} from a staging table let PostgreSQL hash the whole {@code tube} table
 * for every batch (its statistics lag behind a growing round), and cost more than the COPY itself.
 */
final class PgSampleCopy {

  /** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01T00:00:00Z). */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n',
      0};

  /**
   * The stored tubes among the given barcodes, with their campaign and site: one primary-key probe per
   * barcode, whatever the statistics say (written as {@code barcode = any(?)}, PostgreSQL chose a
   * sequential scan of the growing table until it was analyzed; a lateral subquery with a limit cannot
   * become a hash join).
   */
  static final String TUBES = "select t.barcode, t.campaign_id, t.site_id from unnest(?::varchar[]) "
      + "as u(barcode) cross join lateral (select barcode, campaign_id, site_id from tube "
      + "where tube.barcode = u.barcode limit 1) as t";

  /**
   * The probe above is costed above PostgreSQL's JIT threshold once a table is large, and compiling
   * such probes took 20-30 ms per batch, longer than some of them run.
   */
  static final String NO_JIT = "set local jit = off";

  static final String COPY_SAMPLES = "copy sample (campaign_id, person_id, purpose, tube_barcode, "
      + "site_id, sampled_at, collected_by) from stdin (format binary)";

  static final String COPY_TUBES = "copy tube (barcode, campaign_id, site_id, pool_size, samples, "
      + "opened_at, first_sample_at, closed_at, closed_by) from stdin (format binary)";

  private PgSampleCopy() {
  }

  /**
   * Inserts {@code samples}, whose persons the checks found, if every tube exists with the campaign and
   * site of its samples; returns false, with nothing inserted, if not (roll back then: the batch's tubes
   * are written already).
   */
  static boolean insertSamples(JdbcTemplate jdbc, List<SampleRecords.NewSample> samples) {
    if (samples.isEmpty()) {
      return true;
    }
    Map<String, Owner> tubes = new HashMap<>();
    CopyRows rows = new CopyRows(samples.size() * 64);
    for (SampleRecords.NewSample s : samples) {
      Owner owner = new Owner(s.campaignId(), s.siteId());
      Owner named = tubes.putIfAbsent(s.tube(), owner);
      if (named != null && !named.equals(owner)) {
        return false;   // one tube named with two campaigns or sites: its stored row has one
      }
      rows.tuple(7).text(s.campaignId()).int8(s.personId()).text(s.purpose()).text(s.tube())
          .text(s.siteId()).time(s.sampledAt()).text(s.collectedBy());
    }
    byte[] data = rows.end();
    return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> {
      try (Statement st = c.createStatement()) {
        st.execute(NO_JIT);
      }
      if (!tubesMatch(c, tubes)) {
        return false;
      }
      return copy(c, COPY_SAMPLES, data) == samples.size();
    }));
  }

  /** The campaign and site a tube belongs to. */
  private record Owner(String campaignId, String siteId) {
  }

  /** Whether every barcode of {@code owners} is stored with its campaign and site. */
  private static boolean tubesMatch(Connection c, Map<String, Owner> owners) throws SQLException {
    int matched = 0;
    try (PreparedStatement ps = c.prepareStatement(TUBES)) {
      ps.setArray(1, c.createArrayOf("varchar", owners.keySet().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (new Owner(rs.getString(2), rs.getString(3)).equals(owners.get(rs.getString(1)))) {
            matched++;
          }
        }
      }
    }
    return matched == owners.size();
  }

  /** Inserts {@code fresh} tubes, opened at their first sample; a barcode that exists fails. */
  static void insertTubes(JdbcTemplate jdbc, Collection<SampleRecords.Tube> fresh,
      Map<String, Instant> firstSample, String closedBy) {
    if (fresh.isEmpty()) {
      return;
    }
    CopyRows rows = new CopyRows(fresh.size() * 80);
    for (SampleRecords.Tube t : fresh) {
      Instant first = firstSample.get(t.barcode);
      rows.tuple(9).text(t.barcode).text(t.campaignId).text(t.siteId).int4(t.poolSize).int4(t.samples)
          .time(first).time(first).time(t.closedAt).text(t.closedAt == null ? null : closedBy);
    }
    byte[] data = rows.end();
    Long stored = jdbc.execute((ConnectionCallback<Long>) c -> copy(c, COPY_TUBES, data));
    if (stored == null || stored != fresh.size()) {
      throw new IllegalStateException("stored " + stored + " of " + fresh.size() + " tubes");
    }
  }

  static long copy(Connection c, String sql, byte[] data) throws SQLException {
    try {
      return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(data));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rows in COPY's binary format: a header, per row its field count and each field's length and bytes. */
  static final class CopyRows {
    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;

    CopyRows(int expectedBytes) {
      bytes = new ByteArrayOutputStream(expectedBytes + 32);
      out = new DataOutputStream(bytes);
      try {
        out.write(SIGNATURE);
        out.writeInt(0);   // flags: no OIDs
        out.writeInt(0);   // no header extension
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    CopyRows tuple(int fields) {
      try {
        out.writeShort(fields);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** A varchar (the connection's encoding is UTF-8), or null. */
    CopyRows text(String s) {
      try {
        if (s == null) {
          out.writeInt(-1);
        } else {
          byte[] b = s.getBytes(StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    CopyRows int8(long v) {
      try {
        out.writeInt(8);
        out.writeLong(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    CopyRows int4(int v) {
      try {
        out.writeInt(4);
        out.writeInt(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** A timestamp with time zone: microseconds since 2000-01-01 UTC (truncated), or null. */
    CopyRows time(Instant t) {
      if (t == null) {
        return text(null);
      }
      return int8(IsoTime.epochMicros(t) - PG_EPOCH_MICROS);
    }

    /** The rows with the trailer. */
    byte[] end() {
      try {
        out.writeShort(-1);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }
}
