package org.cordon.core.exchange;

import java.util.Locale;

/** The kinds of record that travel in exchange files, with their file names and formats. */
public enum RecordKind {
  PERSONS(ExchangeFormats.PERSONS),
  VENUES(ExchangeFormats.VENUES),
  SCANS(ExchangeFormats.SCANS),
  TRIPS(ExchangeFormats.TRIPS),
  DWELLS(ExchangeFormats.DWELLS);

  private final RecordFormat<?> format;

  RecordKind(RecordFormat<?> format) {
    this.format = format;
  }

  /** The lower-case name used in URLs and APIs, e.g. {@code scans}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The file name in a city directory, e.g. {@code scans.csv}. */
  public String fileName() {
    return code() + ".csv";
  }

  public RecordFormat<?> format() {
    return format;
  }

  /**
   * The kind named {@code code} ({@code persons, venues, scans, trips, dwells}).
   *
   * @throws IllegalArgumentException listing the known kinds
   */
  public static RecordKind of(String code) {
    for (RecordKind k : values()) {
      if (k.code().equals(code)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown record kind '" + code + "'; expected one of persons, venues, scans, trips, dwells");
  }
}
