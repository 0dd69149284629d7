package org.cordon.core.place;

/** Checks for the external identifiers carried in files and APIs (venue codes, trip ids, cell ids). */
public final class Ids {
  private Ids() {
  }

  /**
   * Requires a non-empty token of at most {@code maxLength} characters from {@code [A-Za-z0-9_.:-]}.
   *
   * @throws IllegalArgumentException naming the field and what is wrong with it
   */
  public static String requireToken(String field, String value, int maxLength) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " is empty");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || c == '.' || c == ':';
      if (!ok) {
        throw new IllegalArgumentException(field + " '" + value + "' has a character outside [A-Za-z0-9_.:-]");
      }
    }
    return value;
  }
}
