package org.cordon.server.testing;

import java.time.Instant;

/**
 * Times as PostgreSQL statements over arrays take them: microseconds since the epoch, as in intake's
 * {@code PgScanGroup} (the results' array statements, {@link ResultRecords}). The samples and tubes of
 * a registration, which this class once wrote as arrays, go by COPY now ({@link PgSampleCopy}).
 */
final class PgSampleArrays {

  private PgSampleArrays() {
  }

  /** Microseconds since the epoch, truncated (PostgreSQL keeps microseconds). */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }
}
