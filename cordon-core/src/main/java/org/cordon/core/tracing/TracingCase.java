package org.cordon.core.tracing;

import java.time.Instant;
import java.util.Objects;

/**
 * A case to trace from: {@code onset} is symptom onset (or sampling time of an asymptomatic case);
 * {@code isolated} is when the case stopped circulating, {@code null} when it has not (the trace's
 * as-of time stands in).
 */
public record TracingCase(long personId, Instant onset, Instant isolated) {
  public TracingCase {
    if (personId <= 0) {
      throw new IllegalArgumentException("person_id must be positive, got " + personId);
    }
    Objects.requireNonNull(onset, "onset");
  }
}
