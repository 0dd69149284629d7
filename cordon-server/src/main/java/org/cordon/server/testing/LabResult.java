package org.cordon.server.testing;

import java.time.Instant;
import java.util.Locale;

/**
 * One tube's result as a lab sent it.
 *
 * @param line where it came from: the CSV line, or the bundle entry index for FHIR
 * @param tube the tube barcode
 * @param result {@code positive}, {@code negative} or {@code invalid}
 * @param resultTime when the lab produced the result
 * @param lab the lab's name, or null
 */
record LabResult(long line, String tube, String result, Instant resultTime, String lab) {

  /**
   * The stored word for a result as labs write it: positive/negative/invalid, POS/NEG (HL7
   * interpretation codes), 阳性/阴性/无效.
   *
   * @throws IllegalArgumentException for anything else
   */
  static String outcome(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "positive", "pos", "阳性", "detected" -> "positive";
      case "negative", "neg", "阴性", "not detected" -> "negative";
      case "invalid", "无效" -> "invalid";
      default -> throw new IllegalArgumentException("result '" + text
          + "' is not positive, negative or invalid (POS/NEG, 阳性/阴性)");
    };
  }
}
