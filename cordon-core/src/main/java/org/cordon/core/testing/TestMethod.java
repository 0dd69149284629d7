package org.cordon.core.testing;

import java.util.Locale;

/** How a sample is tested: PCR (核酸, in a lab, pooled or single) or rapid antigen (抗原, on the spot). */
public enum TestMethod {
  PCR, ANTIGEN;

  /** The lower-case code used in policy files and CSV ({@code pcr}, {@code antigen}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a code, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted codes
   */
  public static TestMethod parse(String code) {
    for (TestMethod m : values()) {
      if (m.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("test method must be pcr or antigen, got '" + code + "'");
  }
}
