package org.cordon.server.tracing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A half-open time window {@code [from, to)} of the case page. */
public record TimeWindow(OffsetDateTime from, OffsetDateTime to) {

  static TimeWindow of(Instant from, Instant to) {
    return new TimeWindow(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
  }

  Instant start() {
    return from.toInstant();
  }

  Instant end() {
    return to.toInstant();
  }
}
