package org.cordon.core.place;

/**
 * An administrative division code: GB/T 2260 for province (2 significant digits), prefecture (4) and
 * county (6) levels, extended by the statistical division codes for township/street (9) and
 * village/community (12). Stored in its significant length: {@code "14"}, {@code "1401"},
 * {@code "140105"}, {@code "140105001"}, {@code "140105001001"}.
 */
public record DivisionCode(String value) implements Comparable<DivisionCode> {

  public DivisionCode {
    if (value == null || !(value.length() == 2 || value.length() == 4 || value.length() == 6
        || value.length() == 9 || value.length() == 12)) {
      throw new IllegalArgumentException(
          "division code must have 2, 4, 6, 9 or 12 digits, got '" + value + "'");
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        throw new IllegalArgumentException("division code must be digits only, got '" + value + "'");
      }
    }
  }

  /**
   * Parses a code, accepting GB/T 2260's padded six-digit form for provinces and prefectures
   * ({@code "140000"} is {@code "14"}, {@code "140100"} is {@code "1401"}) and the padded 12-digit
   * statistical form ({@code "140105001000"} is {@code "140105001"}).
   */
  public static DivisionCode of(String text) {
    String v = text == null ? null : text.strip();
    if (v != null && v.length() == 12 && v.endsWith("000")) {
      v = v.substring(0, 9);
    }
    if (v != null && v.length() == 9 && v.endsWith("000")) {
      v = v.substring(0, 6);
    }
    if (v != null && v.length() == 6 && v.endsWith("0000")) {
      v = v.substring(0, 2);
    } else if (v != null && v.length() == 6 && v.endsWith("00")) {
      v = v.substring(0, 4);
    }
    return new DivisionCode(v);
  }

  /** Level: 1 province, 2 prefecture, 3 county, 4 township/street, 5 village/community. */
  public int level() {
    return switch (value.length()) {
      case 2 -> 1;
      case 4 -> 2;
      case 6 -> 3;
      case 9 -> 4;
      default -> 5;
    };
  }

  /** The enclosing division's code, or {@code null} for a province. */
  public DivisionCode parent() {
    return switch (value.length()) {
      case 2 -> null;
      case 4 -> new DivisionCode(value.substring(0, 2));
      case 6 -> new DivisionCode(value.substring(0, 4));
      case 9 -> new DivisionCode(value.substring(0, 6));
      default -> new DivisionCode(value.substring(0, 9));
    };
  }

  /**
   * Whether this division is, or lies in, a county-level statistical zone: a development or scenic zone
   * (county part 71..80, e.g. {@code 140171 山西转型综合改革示范区}) that the statistical division codes
   * carve out of regular counties but GB/T 2260 does not list. Such zones have no boundary of their own.
   */
  public boolean inStatisticalZone() {
    if (value.length() < 6) {
      return false;
    }
    int county = (value.charAt(4) - '0') * 10 + (value.charAt(5) - '0');
    return county >= 71 && county <= 80;
  }

  /** Whether {@code other} is this division or lies inside it (jurisdiction check). */
  public boolean contains(DivisionCode other) {
    return other.value.startsWith(value);
  }

  /** The six-digit GB/T 2260 form of this division's county-or-higher part (e.g. {@code 140100}). */
  public String gb2260() {
    String six = value.length() >= 6 ? value.substring(0, 6) : value;
    return (six + "000000").substring(0, 6);
  }

  @Override
  public int compareTo(DivisionCode o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
