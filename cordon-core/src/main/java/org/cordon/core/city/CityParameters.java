package org.cordon.core.city;

import java.time.LocalDate;
import java.time.ZoneId;
import org.cordon.core.place.DivisionCode;

/**
 * What to generate: {@code persons} residents living under {@code division} (a prefecture, county or
 * province), {@code days} days of presence events starting on {@code startDate} in {@code zone}. The
 * same parameters always give the same city, byte for byte.
 */
public record CityParameters(int persons, int days, long seed, DivisionCode division,
    LocalDate startDate, ZoneId zone) {

  /** Upper bound on persons: identity order codes and phone numbers stay unique below it. */
  public static final int MAX_PERSONS = 50_000_000;
  /** Upper bound on days of events. */
  public static final int MAX_DAYS = 366;
  /** The default start date of the events: the spring 2022 wave the seed documents describe. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2022, 4, 1);

  public CityParameters {
    if (persons < 1 || persons > MAX_PERSONS) {
      throw new IllegalArgumentException("persons must be 1.." + MAX_PERSONS + ", got " + persons);
    }
    if (days < 0 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be 0.." + MAX_DAYS + ", got " + days);
    }
    if (division == null || division.level() > 3) {
      throw new IllegalArgumentException(
          "division must be a province, prefecture or county, got " + division);
    }
  }

  /** Taiyuan (140100) with the default start date and Asia/Shanghai. */
  public static CityParameters of(int persons, int days, long seed) {
    return new CityParameters(persons, days, seed, DivisionCode.of("140100"), DEFAULT_START,
        ZoneId.of("Asia/Shanghai"));
  }
}
