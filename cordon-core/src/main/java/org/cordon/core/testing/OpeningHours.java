package org.cordon.core.testing;

import java.time.LocalTime;

/**
 * A daily opening window of a sampling site in local time (Asia/Shanghai, see {@link SamplingSite}),
 * from {@code open} (inclusive) to {@code close} (exclusive). A window with {@code close} before
 * {@code open} runs past midnight (e.g. 20:00–02:00); {@code open == close} means open all day.
 */
public record OpeningHours(LocalTime open, LocalTime close) {

  public OpeningHours {
    if (open == null || close == null) {
      throw new IllegalArgumentException("opening hours need an opening and a closing time");
    }
  }

  /**
   * Parses {@code HH:MM-HH:MM} (e.g. {@code 07:00-21:00}).
   *
   * @throws IllegalArgumentException saying what the text should look like
   */
  public static OpeningHours parse(String text) {
    String t = text == null ? "" : text.strip();
    int dash = t.indexOf('-');
    try {
      if (dash < 0) {
        throw new IllegalArgumentException("no '-'");
      }
      return new OpeningHours(LocalTime.parse(t.substring(0, dash).strip()),
          LocalTime.parse(t.substring(dash + 1).strip()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("opening hours must look like 07:00-21:00, got '" + text + "'", e);
    }
  }

  /** Whether the local time of day {@code t} falls inside this window. */
  public boolean contains(LocalTime t) {
    if (open.equals(close)) {
      return true;
    }
    if (open.isBefore(close)) {
      return !t.isBefore(open) && t.isBefore(close);
    }
    return !t.isBefore(open) || t.isBefore(close);
  }

  @Override
  public String toString() {
    return open + "-" + close;
  }
}
