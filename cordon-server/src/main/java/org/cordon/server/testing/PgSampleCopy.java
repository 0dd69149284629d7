package org.cordon.server.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL: a batch's new tubes and samples written by {@code COPY ... FROM STDIN} in PostgreSQL's
 * binary format. COPY is PostgreSQL's bulk path: no statement per row, no array to build and parse, no
 * text to escape or parse (times travel as microseconds). Tubes go straight into {@code tube} (its
 * primary and foreign keys check them). Samples go into a temporary staging table, then into
 * {@code sample} by one statement that keeps only the rows whose person exists and whose tube exists
 * with the same campaign and site: the checks of V11, which replaced the table's foreign keys. Runs on
 * the transaction's connection; errors are {@link SQLException}s translated by {@link JdbcTemplate}
 * (a duplicate barcode becomes a {@code DuplicateKeyException}).
 */
final class PgSampleCopy {

  /** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01T00:00:00Z). */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n',
      0};

  /**
   * One per connection, emptied by every commit or rollback (temporary: no WAL, no other session
   * sees it; {@code on commit delete rows}: a pooled connection's next transaction finds it empty).
   */
  static final String CREATE_STAGING = "create temporary table if not exists sample_in ("
      + "campaign_id varchar(64) not null, person_id bigint not null, purpose varchar(8) not null, "
      + "tube_barcode varchar(64) not null, site_id varchar(64) not null, "
      + "sampled_at timestamp with time zone not null, collected_by varchar(64) not null) "
      + "on commit delete rows";

  static final String COPY_STAGING = "copy sample_in (campaign_id, person_id, purpose, tube_barcode, "
      + "site_id, sampled_at, collected_by) from stdin (format binary)";

  /**
   * The staged samples whose person exists and whose tube exists with the same campaign and site;
   * the staged rows are deleted by the same statement, so a second batch in the same transaction
   * starts from an empty stage.
   */
  static final String INSERT_SAMPLES = "with u as (delete from sample_in returning *) "
      + "insert into sample (campaign_id, person_id, purpose, tube_barcode, site_id, sampled_at, "
      + "collected_by) select u.campaign_id, u.person_id, u.purpose, u.tube_barcode, u.site_id, "
      + "u.sampled_at, u.collected_by from u "
      + "where exists (select 1 from person p where p.person_id = u.person_id) "
      + "and exists (select 1 from tube t where t.barcode = u.tube_barcode "
      + "and t.campaign_id = u.campaign_id and t.site_id = u.site_id)";

  static final String COPY_TUBES = "copy tube (barcode, campaign_id, site_id, pool_size, samples, "
      + "opened_at, first_sample_at, closed_at, closed_by) from stdin (format binary)";

  private PgSampleCopy() {
  }

  /** Inserts {@code samples}; returns false if a row's person or tube is missing (roll back then). */
  static boolean insertSamples(JdbcTemplate jdbc, List<SampleRecords.NewSample> samples) {
    if (samples.isEmpty()) {
      return true;
    }
    CopyRows rows = new CopyRows(samples.size() * 64);
    for (SampleRecords.NewSample s : samples) {
      rows.tuple(7).text(s.campaignId()).int8(s.personId()).text(s.purpose()).text(s.tube())
          .text(s.siteId()).time(s.sampledAt()).text(s.collectedBy());
    }
    byte[] data = rows.end();
    Integer stored = jdbc.execute((ConnectionCallback<Integer>) c -> {
      try (Statement st = c.createStatement()) {
        st.execute(CREATE_STAGING);
      }
      copy(c, COPY_STAGING, data);
      try (Statement st = c.createStatement()) {
        return st.executeUpdate(INSERT_SAMPLES);
      }
    });
    return stored != null && stored == samples.size();
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

  private static long copy(Connection c, String sql, byte[] data) throws SQLException {
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
      return int8(PgSampleArrays.micros(t) - PG_EPOCH_MICROS);
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
