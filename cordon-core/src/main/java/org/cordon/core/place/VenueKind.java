package org.cordon.core.place;

import java.util.Locale;

/**
 * Kinds of venue (场所), each with the default dwell and contact class a venue of that kind gets unless
 * its record says otherwise. A restaurant's venue code covers the whole dining room, while the 9th
 * edition protocol makes only the same or a neighbouring table close and treats the other diners as
 * co-exposed risk persons (tested on days 1 and 3): so restaurants default to {@code key}, and a venue
 * whose code is per private room can be recorded as {@code close}.
 */
public enum VenueKind {
  HOME(720, ContactClass.CLOSE),
  OFFICE(480, ContactClass.CLOSE),
  FACTORY(480, ContactClass.CLOSE),
  SCHOOL(420, ContactClass.CLOSE),
  RESTAURANT(60, ContactClass.KEY),
  SUPERMARKET(30, ContactClass.KEY),
  MARKET(40, ContactClass.KEY),
  MALL(90, ContactClass.KEY),
  HOSPITAL(120, ContactClass.KEY),
  CLINIC(40, ContactClass.CLOSE),
  PHARMACY(10, ContactClass.KEY),
  STATION(45, ContactClass.KEY),
  LOGISTICS_PARK(240, ContactClass.KEY),
  COLD_CHAIN_WAREHOUSE(240, ContactClass.CLOSE),
  HOTEL(600, ContactClass.KEY),
  GYM(75, ContactClass.CLOSE),
  ENTERTAINMENT(120, ContactClass.CLOSE),
  GOVERNMENT(60, ContactClass.KEY);

  private final int defaultDwellMinutes;
  private final ContactClass defaultContactClass;

  VenueKind(int defaultDwellMinutes, ContactClass defaultContactClass) {
    this.defaultDwellMinutes = defaultDwellMinutes;
    this.defaultContactClass = defaultContactClass;
  }

  public int defaultDwellMinutes() {
    return defaultDwellMinutes;
  }

  public ContactClass defaultContactClass() {
    return defaultContactClass;
  }

  /** The lower-case snake form used in files and APIs, e.g. {@code logistics_park}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VenueKind of(String code) {
    try {
      return valueOf(code.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown venue kind '" + code + "'");
    }
  }
}
