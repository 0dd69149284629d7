package org.cordon.core.healthcode;

import java.time.Instant;
import java.util.Objects;

/**
 * A test result of the person. It takes effect at the sample time: a result reported later acts, from
 * the moment it is applied, as if known since sampling (release rules count samples, not reports).
 *
 * @param tube the lab tube the result came from (a pool's members share it), or empty when the result
 *     was not a lab tube's (e.g. recorded by hand); a later fact naming the same tube replaces this one
 *     (a lab's correction, see {@link HealthCodeRules})
 */
public record TestResult(long personId, Method method, boolean positive, Instant sampledAt, String tube)
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
    tube = Fact.tube(tube);
  }

  /** A result not tied to a lab tube. */
  public TestResult(long personId, Method method, boolean positive, Instant sampledAt) {
    this(personId, method, positive, sampledAt, "");
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
