package org.cordon.core.exchange;

/** Parsing of single field values with reasons that name the field and the offending text. */
final class Values {
  private Values() {
  }

  static long positiveLong(String field, String text) {
    if (text.isEmpty()) {
      throw new RowException(field + " is empty");
    }
    long v = 0;
    int n = text.length();
    if (n > 18) {
      throw new RowException(field + " '" + text + "' is not a positive whole number of at most 18 digits");
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new RowException(field + " '" + text + "' is not a positive whole number");
      }
      v = v * 10 + (c - '0');
    }
    if (v == 0) {
      throw new RowException(field + " must be positive, got 0");
    }
    return v;
  }

  static Integer optionalInt(String field, String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw new RowException(field + " '" + text + "' is not a whole number");
    }
  }

  static Double optionalDouble(String field, String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      double d = Double.parseDouble(text);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new RowException(field + " '" + text + "' is not a decimal number");
    }
  }

  static String required(String field, String text) {
    if (text.isEmpty()) {
      throw new RowException(field + " is empty");
    }
    return text;
  }
}
