package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.Objects;

/**
 * A test result of the person. It takes effect at the sample time: a result reported later acts, from
 * the moment it is applied, as if known since sampling (release rules count samples, not reports).
 */
public record TestResult(long personId, Method method, boolean positive, Instant sampledAt)
    implements Fact {

  /** How the sample was tested. */
  public enum Method {
    /** Nucleic acid (核酸). */
    PCR,
    /** Antigen (抗原). */
    ANTIGEN
  }

  public TestResult {
    Fact.check(personId, "sampled_at", sampledAt);
    Objects.requireNonNull(method, "method");
  }

  /** A negative PCR result. */
  public static TestResult negativePcr(long personId, Instant sampledAt) {
    return new TestResult(personId, Method.PCR, false, sampledAt);
  }

  @Override
  public Instant at() {
    return sampledAt;
  }
}
