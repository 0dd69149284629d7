package org.cordon.core.person;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A resident identity number (公民身份号码) as defined by GB 11643-1999: six digits of the
 * address code (GB/T 2260 county of first registration), eight of the birth date (YYYYMMDD), three
 * of the order code (odd for men, even for women) and one check character computed with ISO 7064
 * MOD 11-2 ({@code 0-9} or {@code X}).
 *
 * <p>{@link #of(String)} rejects, with a message that says which rule failed, anything that is not 18
 * characters, has a non-digit in the first 17, an impossible birth date, or a wrong check character.
 */
public record IdentityNumber(String value) {

  /** Length of a second-generation identity number. */
  public static final int LENGTH = 18;

  /** ISO 7064 MOD 11-2 weights for positions 1..17, i.e. 2^(18-i) mod 11. */
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  public IdentityNumber {
    String problem = problemWith(value);
    if (problem != null) {
      throw new InvalidIdentityNumberException(problem);
    }
  }

  /** Parses and validates; a lower-case {@code x} check character is accepted and normalised. */
  public static IdentityNumber of(String text) {
    if (text == null) {
      throw new InvalidIdentityNumberException("identity number is missing");
    }
    return new IdentityNumber(text.strip().toUpperCase(java.util.Locale.ROOT));
  }

  /** Whether {@code text} is a valid identity number, without throwing. */
  public static boolean isValid(String text) {
    return text != null && problemWith(text) == null;
  }

  /**
   * The check character for the first 17 characters of an identity number.
   *
   * @throws IllegalArgumentException if {@code first17} is not 17 decimal digits
   */
  public static char checkCharacter(CharSequence first17) {
    if (first17.length() != LENGTH - 1) {
      throw new IllegalArgumentException("need 17 digits, got " + first17.length());
    }
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      char c = first17.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("character " + (i + 1) + " is not a digit");
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    return CHECK_CHARS[sum % 11];
  }

  /** The six-digit address code of the county of first registration. */
  public String addressCode() {
    return value.substring(0, 6);
  }

  /** The birth date encoded in characters 7..14. */
  public LocalDate birthDate() {
    return LocalDate.of(Integer.parseInt(value.substring(6, 10)),
        Integer.parseInt(value.substring(10, 12)), Integer.parseInt(value.substring(12, 14)));
  }

  /** Sex from the order code: odd is male. */
  public boolean isMale() {
    return (value.charAt(16) - '0') % 2 == 1;
  }

  /**
   * The masked form shown in lists: the first four and the last four characters, with the ten in
   * between replaced by {@code *} (e.g. {@code 1401**********1234}).
   */
  public String masked() {
    return value.substring(0, 4) + "**********" + value.substring(14);
  }

  @Override
  public String toString() {
    return masked();
  }

  private static String problemWith(String v) {
    if (v == null) {
      return "identity number is missing";
    }
    if (v.length() != LENGTH) {
      return "identity number must have 18 characters, got " + v.length();
    }
    for (int i = 0; i < LENGTH - 1; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return "identity number character " + (i + 1) + " must be a digit, got '" + c + "'";
      }
    }
    char last = v.charAt(LENGTH - 1);
    if (!(last >= '0' && last <= '9') && last != 'X') {
      return "identity number check character must be 0-9 or X, got '" + last + "'";
    }
    if (v.charAt(0) == '0') {
      return "identity number address code " + v.substring(0, 6) + " is not a division code";
    }
    try {
      LocalDate birth = LocalDate.of(Integer.parseInt(v.substring(6, 10)),
          Integer.parseInt(v.substring(10, 12)), Integer.parseInt(v.substring(12, 14)));
      if (birth.getYear() < 1850) {
        return "identity number birth date " + v.substring(6, 14) + " is implausible";
      }
    } catch (DateTimeException e) {
      return "identity number birth date " + v.substring(6, 14) + " is not a calendar date";
    }
    char expected = checkCharacter(v.subSequence(0, LENGTH - 1));
    if (expected != last) {
      return "identity number check character is '" + last + "' but GB 11643 gives '" + expected + "'";
    }
    return null;
  }
}
