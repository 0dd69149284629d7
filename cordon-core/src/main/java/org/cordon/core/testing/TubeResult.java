package org.cordon.core.testing;

import java.util.Locale;

/** A lab's result for one tube (pooled or single). */
public enum TubeResult {
  /** No target detected: every sample in the tube is cleared. */
  NEGATIVE,
  /** Target detected: a pooled tube recalls every person in it, a single tube makes a case. */
  POSITIVE,
  /** The tube could not be tested (leaked, haemolysed, failed control): its persons are sampled again. */
  INVALID;

  /** The lower-case code used in CSV and messages. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a code, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted codes
   */
  public static TubeResult parse(String code) {
    for (TubeResult r : values()) {
      if (r.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
        return r;
      }
    }
    throw new IllegalArgumentException("tube result must be negative, positive or invalid, got '" + code + "'");
  }
}
